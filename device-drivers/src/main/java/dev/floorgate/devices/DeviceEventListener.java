package dev.floorgate.devices;

/**
 * Receives a device's events. A driver calls its listener from one thread at a time, in the order the events
 * happened, never from a network I/O thread: a slow listener delays only that device's later events (the
 * queue is bounded; see {@link DeviceEvent.Kind#EVENTS_DROPPED}). Exceptions thrown by the listener are logged
 * and otherwise ignored.
 */
@FunctionalInterface
public interface DeviceEventListener {

    void onEvent(DeviceEvent event);

    /** A listener that ignores every event (they are still logged by the driver). */
    static DeviceEventListener ignore() {
        return event -> { };
    }
}
