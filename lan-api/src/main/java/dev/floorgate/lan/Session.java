package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer of POST /api/v1/sessions: the operator now stamped on this device's operations.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
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

    public String operator() {
        return operator;
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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Session)) {
            return false;
        }
        Session that = (Session) o;
        return Objects.equals(operator, that.operator)
                && Objects.equals(deviceId, that.deviceId)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(warehouse, that.warehouse);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, deviceId, tenant, warehouse);
    }

    @Override
    public String toString() {
        return "Session{" + "operator=" + operator
                + ", deviceId=" + deviceId
                + ", tenant=" + tenant
                + ", warehouse=" + warehouse + "}";
    }
}
