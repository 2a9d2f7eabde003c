package dev.floorgate.sync;

import dev.floorgate.protocol.ResultStatus;

/** Where an acknowledged operation is on its way to the core. */
public enum OpState {
    /** Durable in the outbox, not yet sent (or sent and to be sent again). */
    PENDING,
    /** In a batch on its way to the core; the answer is not stored yet. */
    SYNCING,
    /** The core applied it; the result carries the stock after applying. */
    APPLIED,
    /** The core had seen it before; the result repeats the first answer's detail. */
    DUPLICATE,
    /** The core (or the uploader, for an operation the core cannot parse) refused it; final. */
    REJECTED;

    /** Whether the core's answer is stored (nothing more will be sent). */
    public boolean isFinal() {
        return this == APPLIED || this == DUPLICATE || this == REJECTED;
    }

    /** The state a final result puts an operation in; PENDING for RETRY. */
    public static OpState of(ResultStatus status) {
        switch (status) {
            case APPLIED:
                return APPLIED;
            case DUPLICATE:
                return DUPLICATE;
            case REJECTED:
                return REJECTED;
            default:
                return PENDING;
        }
    }
}
