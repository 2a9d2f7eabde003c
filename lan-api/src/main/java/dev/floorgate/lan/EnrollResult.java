package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer of POST /api/v1/devices/enroll: the device's bearer token (a secret; toString leaves it out).
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class EnrollResult {
    private final String token;
    private final String deviceId;

    public EnrollResult(String token, String deviceId) {
        this.token = token;
        this.deviceId = deviceId;
    }

    public String token() {
        return token;
    }

    public String deviceId() {
        return deviceId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnrollResult)) {
            return false;
        }
        EnrollResult that = (EnrollResult) o;
        return Objects.equals(token, that.token)
                && Objects.equals(deviceId, that.deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, deviceId);
    }

    @Override
    public String toString() {
        return "EnrollResult{" + "token=<secret>"
                + ", deviceId=" + deviceId + "}";
    }
}
