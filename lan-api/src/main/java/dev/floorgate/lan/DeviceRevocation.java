package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer of POST /api/v1/admin/devices/{deviceId}/revoke.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class DeviceRevocation {
    private final String deviceId;
    private final boolean revoked;

    public DeviceRevocation(String deviceId, boolean revoked) {
        this.deviceId = deviceId;
        this.revoked = revoked;
    }

    public String deviceId() {
        return deviceId;
    }

    /** False when the device was unknown or revoked already. */
    public boolean revoked() {
        return revoked;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeviceRevocation)) {
            return false;
        }
        DeviceRevocation that = (DeviceRevocation) o;
        return Objects.equals(deviceId, that.deviceId)
                && revoked == that.revoked;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, revoked);
    }

    @Override
    public String toString() {
        return "DeviceRevocation{" + "deviceId=" + deviceId
                + ", revoked=" + revoked + "}";
    }
}
