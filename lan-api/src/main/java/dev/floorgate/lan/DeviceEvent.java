package dev.floorgate.lan;

import java.util.Objects;

/**
 * Data of a site-wide device event (printer or scanner).
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class DeviceEvent {
    private final String device;
    private final String name;
    private final String event;
    private final String state;
    private final String stateText;
    private final String message;
    private final Long heldBack;

    public DeviceEvent(String device, String name, String event, String state, String stateText, String message,
            Long heldBack) {
        this.device = device;
        this.name = name;
        this.event = event;
        this.state = state;
        this.stateText = stateText;
        this.message = message;
        this.heldBack = heldBack;
    }

    /** Printer or scanner. */
    public String device() {
        return device;
    }

    public String name() {
        return name;
    }

    /** CONNECTED, DISCONNECTED, PRINTER_STATE_CHANGED, ... */
    public String event() {
        return event;
    }

    public String state() {
        return state;
    }

    public String stateText() {
        return stateText;
    }

    public String message() {
        return message;
    }

    /** Problem reports of this kind held back since the last one. */
    public Long heldBack() {
        return heldBack;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeviceEvent)) {
            return false;
        }
        DeviceEvent that = (DeviceEvent) o;
        return Objects.equals(device, that.device)
                && Objects.equals(name, that.name)
                && Objects.equals(event, that.event)
                && Objects.equals(state, that.state)
                && Objects.equals(stateText, that.stateText)
                && Objects.equals(message, that.message)
                && Objects.equals(heldBack, that.heldBack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, name, event, state, stateText, message, heldBack);
    }

    @Override
    public String toString() {
        return "DeviceEvent{" + "device=" + device
                + ", name=" + name
                + ", event=" + event
                + ", state=" + state
                + ", stateText=" + stateText
                + ", message=" + message
                + ", heldBack=" + heldBack + "}";
    }
}
