package dev.floorgate.pda;

import dev.floorgate.pda.internal.JsonCodec;
import java.util.Map;

/** A device's bearer token, from {@code POST /api/v1/devices/enroll}. Keep it in the app's private storage. */
public final class EnrollResult {
    private final String token;
    private final String deviceId;

    public EnrollResult(String token, String deviceId) {
        this.token = token;
        this.deviceId = deviceId;
    }

    static EnrollResult from(Map<String, Object> m) {
        return new EnrollResult(JsonCodec.str(m, "token"), JsonCodec.str(m, "deviceId"));
    }

    /** e.g. {@code fgd_...}; pass it to {@link GatewayClient#withToken(String)}. */
    public String token() {
        return token;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Names the device only: the token is a secret and stays out of logs. */
    @Override
    public String toString() {
        return "EnrollResult{deviceId=" + deviceId + "}";
    }
}
