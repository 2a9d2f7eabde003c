package dev.floorgate.gateway.internal.events;

import java.time.Instant;
import java.util.Map;

/**
 * Something a device or site IT should hear about: an operation's result, a rejection, a print job's change, a
 * device's state. {@code tenant} null means site-wide (devices, printers): seen by admins and, for device state,
 * by every tenant's devices without tenant data in it. {@code deviceId} narrows an event to one device's
 * attention (its own rejections) but other devices of the same tenant may still see it.
 */
public final class GatewayEvent {
    private final long id;
    private final String type;
    private final String tenant;
    private final String deviceId;
    private final Instant at;
    private final Map<String, Object> data;

    GatewayEvent(long id, String type, String tenant, String deviceId, Instant at, Map<String, Object> data) {
        this.id = id;
        this.type = type;
        this.tenant = tenant;
        this.deviceId = deviceId;
        this.at = at;
        this.data = data;
    }

    public long id() {
        return id;
    }

    /** e.g. {@code op.result}, {@code op.rejected}, {@code print-job}, {@code device}. */
    public String type() {
        return type;
    }

    public String tenant() {
        return tenant;
    }

    public String deviceId() {
        return deviceId;
    }

    public Instant at() {
        return at;
    }

    public Map<String, Object> data() {
        return data;
    }

    /** Whether a device of {@code callerTenant} may see this event. */
    public boolean visibleTo(String callerTenant) {
        return tenant == null || tenant.equals(callerTenant);
    }
}
