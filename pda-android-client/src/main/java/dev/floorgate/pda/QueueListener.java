package dev.floorgate.pda;

import dev.floorgate.protocol.OperationResult;
import java.io.IOException;

/**
 * What happens to the operations of an {@link OperationQueue}. Every method has an empty default, so a listener
 * overrides what it shows. Called on the queue's sending thread or on the event stream's thread, never on the
 * Android main thread: post to it before touching views. A listener that throws is logged and skipped.
 */
public interface QueueListener {
    /** The gateway answered 202 for {@code opId}: it is durable there and will reach the core. */
    default void onAccepted(String opId) {
    }

    /**
     * {@code opId} was refused for good: by the gateway at its door (422 with a code such as
     * {@code UNKNOWN_SKU}, {@code INVALID}, {@code OP_ID_REUSED}; or 403 {@code TENANT_FORBIDDEN}) or by the core
     * (its result REJECTED, e.g. {@code INSUFFICIENT_STOCK}: someone else took the last unit). The one place to
     * tell the picker, whichever stage refused. Called at most once per operation. {@code opId} is null only
     * for a queue entry that could not be read back (code {@code UNREADABLE_ENTRY}; the storage was damaged).
     */
    default void onRejected(String opId, String code, String message) {
    }

    /**
     * The core's final result of an accepted operation: APPLIED (with the stock after it), DUPLICATE or
     * REJECTED (also reported to {@link #onRejected}). Called at most once per operation.
     */
    default void onResult(OperationResult result) {
    }

    /**
     * A send failed (gateway unreachable, 503, 507 disk full, 401 token revoked, ...); the operations stay
     * queued, with their opIds, and go again after {@code retryInMillis}.
     */
    default void onSendFailure(IOException cause, int pending, long retryInMillis) {
    }
}
