package dev.floorgate.pda;

import dev.floorgate.pda.internal.JsonCodec;
import dev.floorgate.pda.internal.WireResults;
import dev.floorgate.protocol.OperationResult;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * One server-sent event of {@code GET /api/v1/events}: {@code op.result}, {@code op.rejected},
 * {@code print-job} or {@code device}, with its JSON {@code data} as a map. Immutable.
 */
public final class GatewayEvent {
    /** An operation's result from the core. */
    public static final String OP_RESULT = "op.result";
    /** An operation rejected by the core. */
    public static final String OP_REJECTED = "op.rejected";

    private final long id;
    private final String type;
    private final String tenant;
    private final String deviceId;
    private final String at;
    private final Map<String, Object> data;
    private final String json;

    public GatewayEvent(long id, String type, String tenant, String deviceId, String at, Map<String, Object> data,
            String json) {
        this.id = id;
        this.type = type;
        this.tenant = tenant;
        this.deviceId = deviceId;
        this.at = at;
        this.data = data == null ? Collections.<String, Object>emptyMap() : Collections.unmodifiableMap(data);
        this.json = json;
    }

    /**
     * An event from its SSE fields: the JSON document of the {@code data:} lines; the SSE {@code id:} and
     * {@code event:} lines stand in for the document's {@code id} and {@code type} when it lacks them.
     */
    static GatewayEvent fromSse(String sseId, String sseType, String json) throws IOException {
        Map<String, Object> m = JsonCodec.readObject(json);
        long fallbackId = -1;
        if (sseId != null) {
            try {
                fallbackId = Long.parseLong(sseId.trim());
            } catch (NumberFormatException e) {
                fallbackId = -1;
            }
        }
        String type = JsonCodec.str(m, "type");
        return new GatewayEvent(JsonCodec.lng(m, "id", fallbackId), type != null ? type : sseType,
                JsonCodec.str(m, "tenant"), JsonCodec.str(m, "deviceId"), JsonCodec.str(m, "at"),
                JsonCodec.obj(m, "data"), json);
    }

    /** The gateway's event number (also the SSE id), increasing. */
    public long id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String tenant() {
        return tenant;
    }

    /** The device whose action caused the event, or null. */
    public String deviceId() {
        return deviceId;
    }

    /** ISO-8601 UTC. */
    public String at() {
        return at;
    }

    /** The event's {@code data} object. */
    public Map<String, Object> data() {
        return data;
    }

    /** The whole event document as received. */
    public String json() {
        return json;
    }

    /** The operation result an {@code op.result} or {@code op.rejected} event carries, else null. */
    public OperationResult operationResult() {
        if (!OP_RESULT.equals(type) && !OP_REJECTED.equals(type)) {
            return null;
        }
        return WireResults.fromMap(data, null);
    }

    @Override
    public String toString() {
        return "GatewayEvent{" + id + " " + type + " " + data + "}";
    }
}
