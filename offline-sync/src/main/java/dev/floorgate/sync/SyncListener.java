package dev.floorgate.sync;

import dev.floorgate.protocol.OperationResult;

/**
 * Hears the final result of each operation once it is stored in the outbox (so the gateway can push an event to
 * the device that made it). Called from an uploader thread; must be quick and must not block. An exception thrown
 * here is logged and does not affect syncing.
 */
@FunctionalInterface
public interface SyncListener {
    /** A listener that does nothing. */
    SyncListener NONE = (op, result) -> { };

    /**
     * @param op     the operation as now stored (state APPLIED, DUPLICATE or REJECTED)
     * @param result the core's answer (or the uploader's local rejection of an operation the core cannot parse)
     */
    void onResult(StoredOperation op, OperationResult result);
}
