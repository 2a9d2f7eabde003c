package dev.floorgate.lan;

import dev.floorgate.protocol.OperationResult;
import java.util.Objects;

/**
 * One server-sent event of GET /api/v1/events, the JSON of its data: lines. data is typed by type: an
 * OperationResult for op.result and op.rejected, a PrintJobEvent for print-job, a DeviceEvent for device, a
 * StationEvent for station; a Map for types this version does not know.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class GatewayEvent {
    /** An operation's result from the core; data is an {@link OperationResult}. */
    public static final String OP_RESULT = "op.result";
    /** An operation the core rejected (also sent as op.result); data is an {@link OperationResult}. */
    public static final String OP_REJECTED = "op.rejected";
    /** A print job changed state; data is a {@link PrintJobEvent}. */
    public static final String PRINT_JOB = "print-job";
    /** A printer or scanner changed or reported a problem (site-wide, no tenant); data is a {@link DeviceEvent}. */
    public static final String DEVICE = "device";
    /** A station could not print a scan; data is a {@link StationEvent}. */
    public static final String STATION = "station";

    private final long id;
    private final String type;
    private final String tenant;
    private final String deviceId;
    private final String at;
    private final Object data;

    public GatewayEvent(long id, String type, String tenant, String deviceId, String at, Object data) {
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

    public String type() {
        return type;
    }

    public String tenant() {
        return tenant;
    }

    public String deviceId() {
        return deviceId;
    }

    public String at() {
        return at;
    }

    /**
     * The event's data: an {@link OperationResult}, {@link PrintJobEvent}, {@link DeviceEvent} or
     * {@link StationEvent} by {@link #type()}; a plain map for a type this version does not know, and for an
     * op.result whose status it does not know.
     */
    public Object data() {
        return data;
    }

    /** The operation result an op.result or op.rejected event carries, else null. */
    public OperationResult operationResult() {
        return data instanceof OperationResult ? (OperationResult) data : null;
    }

    /** The print job change a print-job event carries, else null. */
    public PrintJobEvent printJob() {
        return data instanceof PrintJobEvent ? (PrintJobEvent) data : null;
    }

    /** The device change a device event carries, else null. */
    public DeviceEvent device() {
        return data instanceof DeviceEvent ? (DeviceEvent) data : null;
    }

    /** The station outcome a station event carries, else null. */
    public StationEvent station() {
        return data instanceof StationEvent ? (StationEvent) data : null;
    }

    /**
     * This event with the SSE frame's {@code id:} and {@code event:} standing in for a missing {@code id} (-1 when
     * read without one) and {@code type}. A frame's id that is not a number leaves the id as it is.
     */
    public GatewayEvent withSseFallbacks(String sseId, String sseType) {
        long fallbackId = id;
        if (id < 0 && sseId != null) {
            try {
                fallbackId = Long.parseLong(sseId.trim());
            } catch (NumberFormatException e) {
                fallbackId = id;
            }
        }
        String t = type != null ? type : sseType;
        return fallbackId == id && Objects.equals(t, type) ? this
                : new GatewayEvent(fallbackId, t, tenant, deviceId, at, data);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GatewayEvent)) {
            return false;
        }
        GatewayEvent that = (GatewayEvent) o;
        return id == that.id
                && Objects.equals(type, that.type)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(deviceId, that.deviceId)
                && Objects.equals(at, that.at)
                && Objects.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, tenant, deviceId, at, data);
    }

    @Override
    public String toString() {
        return "GatewayEvent{" + "id=" + id
                + ", type=" + type
                + ", tenant=" + tenant
                + ", deviceId=" + deviceId
                + ", at=" + at
                + ", data=" + data + "}";
    }
}
