package dev.floorgate.protocol;

/** What the core did with one operation (API.md, "The result"). */
public enum ResultStatus {
    /** Applied now; the result carries the stock after applying. */
    APPLIED,
    /** Seen before; the result repeats the first result's stock and detail. */
    DUPLICATE,
    /** Refused for a business or validation reason named by the code; final, never retried. */
    REJECTED,
    /** Not applied now (the core sheds load or a dependency is down); send again later. */
    RETRY;

    /** Whether this status is final for the operation (everything but RETRY). */
    public boolean isFinal() {
        return this != RETRY;
    }
}
