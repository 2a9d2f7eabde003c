package dev.floorgate.pda.internal;

import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.util.Map;

/** Reads an API.md result object (as a map) into an {@link OperationResult}. */
public final class WireResults {
    private WireResults() {
    }

    /**
     * The result in {@code m}, or null when {@code m} is null or its status is missing or unknown to this
     * client (a newer gateway may add one; the caller keeps waiting rather than guessing).
     */
    public static OperationResult fromMap(Map<String, Object> m, String fallbackOpId) {
        if (m == null) {
            return null;
        }
        ResultStatus status = status(JsonCodec.str(m, "status"));
        if (status == null) {
            return null;
        }
        String opId = JsonCodec.str(m, "opId");
        Map<String, Object> stock = JsonCodec.obj(m, "stock");
        StockLevels levels = stock == null ? null : new StockLevels(JsonCodec.lng(stock, "onHand", 0),
                JsonCodec.lng(stock, "usable", 0), JsonCodec.lng(stock, "reserved", 0));
        Object delta = m.get("delta");
        return new OperationResult(opId == null ? fallbackOpId : opId, status, JsonCodec.str(m, "code"),
                JsonCodec.str(m, "message"), levels, delta instanceof Long ? (Long) delta : null);
    }

    /** The status named {@code name}, or null. */
    public static ResultStatus status(String name) {
        if (name == null) {
            return null;
        }
        for (ResultStatus s : ResultStatus.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
