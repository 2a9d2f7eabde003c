package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.sync.StoredOperation;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncListener;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Object> data = resultData(result);
        events.publish("op.result", op.tenant(), op.deviceId(), data);
        if (result.status() == ResultStatus.REJECTED) {
            events.publish("op.rejected", op.tenant(), op.deviceId(), data);
        }
    }

    /** The result as plain JSON-ready values (the same fields as the wire form of API.md). */
    static Map<String, Object> resultData(OperationResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opId", result.opId());
        data.put("status", result.status().name());
        if (result.code() != null) {
            data.put("code", result.code());
        }
        if (result.message() != null) {
            data.put("message", result.message());
        }
        if (result.stock() != null) {
            data.put("stock", Map.of("onHand", result.stock().onHand(), "usable", result.stock().usable(),
                    "reserved", result.stock().reserved()));
        }
        if (result.delta() != null) {
            data.put("delta", result.delta());
        }
        return data;
    }
}
