package dev.floorgate.lan;

import java.util.Objects;

/**
 * One enrolled device of GET /api/v1/admin/devices (a JSON array of these) and of pdas in GET /api/v1/devices. Null
 * and empty fields are left out (the gateway writes this one as a serde bean).
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class EnrolledDevice {
    private final String deviceId;
    private final String tenant;
    private final String warehouse;
    private final String kind;
    private final String enrolledAt;
    private final String revokedAt;
    private final String lastSeen;

    public EnrolledDevice(String deviceId, String tenant, String warehouse, String kind, String enrolledAt,
            String revokedAt, String lastSeen) {
        this.deviceId = deviceId;
        this.tenant = tenant;
        this.warehouse = warehouse;
        this.kind = kind;
        this.enrolledAt = enrolledAt;
        this.revokedAt = revokedAt;
        this.lastSeen = lastSeen;
    }

    public String deviceId() {
        return deviceId;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    public String kind() {
        return kind;
    }

    public String enrolledAt() {
        return enrolledAt;
    }

    public String revokedAt() {
        return revokedAt;
    }

    public String lastSeen() {
        return lastSeen;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnrolledDevice)) {
            return false;
        }
        EnrolledDevice that = (EnrolledDevice) o;
        return Objects.equals(deviceId, that.deviceId)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(warehouse, that.warehouse)
                && Objects.equals(kind, that.kind)
                && Objects.equals(enrolledAt, that.enrolledAt)
                && Objects.equals(revokedAt, that.revokedAt)
                && Objects.equals(lastSeen, that.lastSeen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, tenant, warehouse, kind, enrolledAt, revokedAt, lastSeen);
    }

    @Override
    public String toString() {
        return "EnrolledDevice{" + "deviceId=" + deviceId
                + ", tenant=" + tenant
                + ", warehouse=" + warehouse
                + ", kind=" + kind
                + ", enrolledAt=" + enrolledAt
                + ", revokedAt=" + revokedAt
                + ", lastSeen=" + lastSeen + "}";
    }
}
