package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer of DELETE /api/v1/sessions.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class Logout {
    private final String deviceId;
    private final boolean loggedOut;

    public Logout(String deviceId, boolean loggedOut) {
        this.deviceId = deviceId;
        this.loggedOut = loggedOut;
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean loggedOut() {
        return loggedOut;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Logout)) {
            return false;
        }
        Logout that = (Logout) o;
        return Objects.equals(deviceId, that.deviceId)
                && loggedOut == that.loggedOut;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, loggedOut);
    }

    @Override
    public String toString() {
        return "Logout{" + "deviceId=" + deviceId
                + ", loggedOut=" + loggedOut + "}";
    }
}
