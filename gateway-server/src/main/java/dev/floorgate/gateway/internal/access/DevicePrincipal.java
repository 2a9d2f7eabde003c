package dev.floorgate.gateway.internal.access;

/** An authenticated device: its id and the one tenant and warehouse its token belongs to. */
public final class DevicePrincipal {
    private final String deviceId;
    private final String tenant;
    private final String warehouse;

    public DevicePrincipal(String deviceId, String tenant, String warehouse) {
        this.deviceId = deviceId;
        this.tenant = tenant;
        this.warehouse = warehouse;
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
    public String toString() {
        return deviceId + "@" + tenant + "/" + warehouse;
    }
}
