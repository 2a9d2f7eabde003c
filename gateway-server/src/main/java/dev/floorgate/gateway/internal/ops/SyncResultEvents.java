package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.sync.StoredOperation;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncListener;

/**
 * Connects the {@link SyncEngine}'s results to the event hub: every final result becomes an {@code op.result} event
 * for the operation's tenant, aimed at the device that made it, and a rejection also an {@code op.rejected} event,
 * so the picker hears of it.
 */
public final class SyncResultEvents implements SyncListener {
    private final EventHub events;

    public SyncResultEvents(EventHub events) {
        this.events = events;
    }

    @Override
    public void onResult(StoredOperation op, OperationResult result) {
        events.publish(GatewayEvent.OP_RESULT, op.tenant(), op.deviceId(), result);
        if (result.status() == ResultStatus.REJECTED) {
            events.publish(GatewayEvent.OP_REJECTED, op.tenant(), op.deviceId(), result);
        }
    }
}
