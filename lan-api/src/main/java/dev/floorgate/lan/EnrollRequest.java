package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/devices/enroll.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class EnrollRequest {
    private final String code;
    private final String deviceId;
    private final String kind;

    public EnrollRequest(String code, String deviceId, String kind) {
        this.code = code;
        this.deviceId = deviceId;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Pda, station, ... */
    public String kind() {
        return kind;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnrollRequest)) {
            return false;
        }
        EnrollRequest that = (EnrollRequest) o;
        return Objects.equals(code, that.code)
                && Objects.equals(deviceId, that.deviceId)
                && Objects.equals(kind, that.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, deviceId, kind);
    }

    @Override
    public String toString() {
        return "EnrollRequest{" + "code=" + code
                + ", deviceId=" + deviceId
                + ", kind=" + kind + "}";
    }
}
