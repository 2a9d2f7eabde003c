package dev.floorgate.sync;

import dev.floorgate.protocol.OperationResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the core answered one {@code POST /v1/operations:batch}; transport failures are IOExceptions instead. */
final class BatchOutcome {
    /** What the uploader does next depends only on this. */
    public enum Kind {
        /** 200 with one result per operation: store them. */
        RESULTS,
        /** 400: the core cannot read the batch (e.g. MALFORMED_JSON); isolate the operation it chokes on. */
        BAD_REQUEST,
        /** 401 or 403: a configuration problem (key, secret, clock, tenants of the key); back off, never drop. */
        NOT_AUTHORIZED,
        /** 413: the batch is too large; send smaller batches. */
        TOO_LARGE,
        /** 429 or 503: the core sheds load; back off, honouring Retry-After. */
        BUSY,
        /** Anything else (5xx, an unexpected status, a 200 whose body is not results): back off and retry. */
        FAILED
    }

    private final Kind kind;
    private final int httpStatus;
    private final List<OperationResult> results;
    private final String errorCode;
    private final String message;
    private final Duration retryAfter;

    BatchOutcome(Kind kind, int httpStatus, List<OperationResult> results, String errorCode, String message,
            Duration retryAfter) {
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.results = results == null ? List.of() : List.copyOf(results);
        this.errorCode = errorCode;
        this.message = message;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The per-operation results of a RESULTS outcome, in request order; empty otherwise. */
    public List<OperationResult> results() {
        return results;
    }

    /** The {@code error} code of an error body ({@code {"error":..,"message":..}}), or null. */
    public String errorCode() {
        return errorCode;
    }

    /** What the core said, or a description of the response; null for RESULTS. */
    public String message() {
        return message;
    }

    /** The server's Retry-After (seconds form), if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return kind == Kind.RESULTS ? "HTTP " + httpStatus + " with " + results.size() + " results"
                : "HTTP " + httpStatus + " " + kind + (errorCode == null ? "" : " " + errorCode)
                        + (message == null ? "" : ": " + message)
                        + (retryAfter == null ? "" : " (Retry-After " + retryAfter.getSeconds() + " s)");
    }
}
