package dev.floorgate.gateway.internal.devices;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON view of a printer, shared by {@code GET /api/v1/devices} and site IT's overview: the fields both
 * show. Each endpoint then adds its own (queued jobs and stations; or model, labels left and staleness).
 */
public final class PrinterJson {
    private PrinterJson() {
    }

    /** name, description, url, state, stateText, online, connected, faults, detail, lastSeen, since. */
    public static Map<String, Object> of(PrinterRegistry.PrinterView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name);
        m.put("description", p.description);
        m.put("url", p.url);
        m.put("state", p.state.name());
        m.put("stateText", p.state.label());
        m.put("online", p.online());
        m.put("connected", p.connected);
        m.put("faults", p.faults);
        m.put("detail", p.detail);
        m.put("lastSeen", iso(p.lastSeen));
        m.put("since", iso(p.stateSince));
        return m;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
