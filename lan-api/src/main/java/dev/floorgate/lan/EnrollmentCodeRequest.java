package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/admin/enrollment-codes (site IT).
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class EnrollmentCodeRequest {
    private final String tenant;
    private final String warehouse;
    private final Long ttlMinutes;
    private final String deviceId;

    public EnrollmentCodeRequest(String tenant, String warehouse, Long ttlMinutes) {
        this(tenant, warehouse, ttlMinutes, null);
    }

    public EnrollmentCodeRequest(String tenant, String warehouse, Long ttlMinutes, String deviceId) {
        this.tenant = tenant;
        this.warehouse = warehouse;
        this.ttlMinutes = ttlMinutes;
        this.deviceId = deviceId;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    /** Lifetime of the code; the gateway default when absent. */
    public Long ttlMinutes() {
        return ttlMinutes;
    }

    /** The one device id the code may enroll (re-enrolling that device); absent: a new device id only. */
    public String deviceId() {
        return deviceId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnrollmentCodeRequest)) {
            return false;
        }
        EnrollmentCodeRequest that = (EnrollmentCodeRequest) o;
        return Objects.equals(tenant, that.tenant)
                && Objects.equals(warehouse, that.warehouse)
                && Objects.equals(ttlMinutes, that.ttlMinutes)
                && Objects.equals(deviceId, that.deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, warehouse, ttlMinutes, deviceId);
    }

    @Override
    public String toString() {
        return "EnrollmentCodeRequest{" + "tenant=" + tenant
                + ", warehouse=" + warehouse
                + ", ttlMinutes=" + ttlMinutes
                + ", deviceId=" + deviceId + "}";
    }
}
