package dev.floorgate.gateway.internal.devices;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the drivers' device events into {@code device} events on the {@link EventHub}: site-wide (tenant null) for
 * scanners and shared printers, and for a printer owned by tenants ({@code fg.printers.<name>.tenants}) one event
 * per tenant, so another tenant's devices do not learn the printer exists from the stream. The drivers already log
 * every event, so nothing is logged here.
 *
 * <p>Connection and printer-state changes always go out. Problem reports (garbage on a serial line, over-long
 * frames, no-reads, ...) go out at most once per {@link #PROBLEM_INTERVAL} per device and kind, carrying how many
 * were held back, so a scanner spewing noise cannot flood the event stream or its replay buffer. Reconnect
 * attempts and suppressed duplicate reads are not events for people.
 */
final class DeviceEventRelay {
    static final Duration PROBLEM_INTERVAL = Duration.ofSeconds(5);
    private static final Set<DeviceEvent.Kind> QUIET = EnumSet.of(DeviceEvent.Kind.RECONNECTING,
            DeviceEvent.Kind.DUPLICATE_SUPPRESSED);
    private static final Set<DeviceEvent.Kind> ALWAYS = EnumSet.of(DeviceEvent.Kind.CONNECTED,
            DeviceEvent.Kind.DISCONNECTED, DeviceEvent.Kind.PRINTER_STATE_CHANGED);

    private final EventHub hub;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        Instant lastSent = Instant.EPOCH;
        long held;
    }

    DeviceEventRelay(EventHub hub) {
        this.hub = hub;
    }

    /** A site-wide event: {@code type} "printer" or "scanner". */
    void relay(String type, DeviceEvent event) {
        relay(type, event, List.of());
    }

    /** @param tenants the tenants the device belongs to; empty for a site-wide event */
    void relay(String type, DeviceEvent event, List<String> tenants) {
        if (QUIET.contains(event.kind())) {
            return;
        }
        Long heldBack = null;
        if (!ALWAYS.contains(event.kind())) {
            Window w = windows.computeIfAbsent(type + "/" + event.device() + "/" + event.kind(), k -> new Window());
            synchronized (w) {
                if (w.lastSent.plus(PROBLEM_INTERVAL).isAfter(event.at())) {
                    w.held++;
                    return;
                }
                w.lastSent = event.at();
                if (w.held > 0) {
                    heldBack = w.held;
                    w.held = 0;
                }
            }
        }
        String state = event.printerState() == null ? null : event.printerState().name();
        String stateText = event.printerState() == null ? null : event.printerState().label();
        dev.floorgate.lan.DeviceEvent data = new dev.floorgate.lan.DeviceEvent(type, event.device(),
                event.kind().name(), state, stateText, event.message(), heldBack);
        if (tenants.isEmpty()) {
            hub.publish(GatewayEvent.DEVICE, null, null, data);
        }
        for (String tenant : tenants) {
            hub.publish(GatewayEvent.DEVICE, tenant, null, data);
        }
    }
}
