package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer (201) of POST /api/v1/admin/enrollment-codes: a one-time code for one device.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class EnrollmentCode {
    private final String code;
    private final String tenant;
    private final String warehouse;
    private final String expiresAt;

    public EnrollmentCode(String code, String tenant, String warehouse, String expiresAt) {
        this.code = code;
        this.tenant = tenant;
        this.warehouse = warehouse;
        this.expiresAt = expiresAt;
    }

    public String code() {
        return code;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    /** ISO-8601 UTC. */
    public String expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnrollmentCode)) {
            return false;
        }
        EnrollmentCode that = (EnrollmentCode) o;
        return Objects.equals(code, that.code)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(warehouse, that.warehouse)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, tenant, warehouse, expiresAt);
    }

    @Override
    public String toString() {
        return "EnrollmentCode{" + "code=" + code
                + ", tenant=" + tenant
                + ", warehouse=" + warehouse
                + ", expiresAt=" + expiresAt + "}";
    }
}
