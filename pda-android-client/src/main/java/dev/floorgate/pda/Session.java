package dev.floorgate.pda;

import dev.floorgate.pda.internal.JsonCodec;
import java.util.Map;

/**
 * A picker logged in on a device by badge ({@code POST /api/v1/sessions}). The gateway fills {@code operator}
 * on this device's later operations that lack one. Immutable.
 */
public final class Session {
    private final String operator;
    private final String deviceId;
    private final String tenant;
    private final String warehouse;

    public Session(String operator, String deviceId, String tenant, String warehouse) {
        this.operator = operator;
        this.deviceId = deviceId;
        this.tenant = tenant;
        this.warehouse = warehouse;
    }

    static Session from(Map<String, Object> m) {
        return new Session(JsonCodec.str(m, "operator"), JsonCodec.str(m, "deviceId"), JsonCodec.str(m, "tenant"),
                JsonCodec.str(m, "warehouse"));
    }

    public String operator() {
        return operator;
    }

    public String deviceId() {
        return deviceId;
    }

    /** The device's tenant: operations must carry it. */
    public String tenant() {
        return tenant;
    }

    /** The device's warehouse: operations must carry it. */
    public String warehouse() {
        return warehouse;
    }

    @Override
    public String toString() {
        return "Session{operator=" + operator + ", deviceId=" + deviceId + ", " + tenant + "/" + warehouse + "}";
    }
}
