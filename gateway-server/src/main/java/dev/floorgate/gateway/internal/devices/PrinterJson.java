package dev.floorgate.gateway.internal.devices;

import java.time.Instant;
import dev.floorgate.lan.PrinterView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON view of a printer, shared by {@code GET /api/v1/devices} and site IT's overview: the fields both
 * show. Each endpoint then adds its own (queued jobs and stations; or model, labels left and staleness).
 */
public final class PrinterJson {
    private PrinterJson() {
    }

    /**
     * A printer as the LAN API's {@link PrinterView} (GET /api/v1/devices): its state with the job counts of its
     * queue by state and the stations that print on it.
     */
    public static PrinterView view(PrinterRegistry.PrinterView p, Map<String, Integer> jobs, List<String> stations) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : jobs.entrySet()) {
            counts.put(e.getKey(), e.getValue().longValue());
        }
        return PrinterView.builder()
                .name(p.name)
                .description(p.description)
                .url(p.url)
                .state(p.state.name())
                .stateText(p.state.label())
                .online(p.online())
                .connected(p.connected)
                .faults(p.faults)
                .detail(p.detail)
                .lastSeen(iso(p.lastSeen))
                .since(iso(p.stateSince))
                .jobs(counts)
                .stations(stations)
                .build();
    }

    /**
     * name, description, url, state, stateText, online, connected, faults, detail, lastSeen, since: the admin
     * overview's printer rows (internal/web builds its page JSON itself; the LAN API uses {@link #view}).
     */
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
