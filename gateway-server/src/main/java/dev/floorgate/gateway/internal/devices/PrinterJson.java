package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.internal.clock.SiteClocks;
import dev.floorgate.lan.PrinterView;
import java.time.Instant;
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
     * queue by state and the stations that print on it, and its clock as last read ({@code clock} null before the
     * first read: offset unknown).
     */
    public static PrinterView view(PrinterRegistry.PrinterView p, Map<String, Integer> jobs, List<String> stations,
            SiteClocks.DeviceClock clock) {
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
                .clockOffsetSeconds(clock == null ? null : clock.offsetSeconds())
                .clockSetByGateway(clock != null && clock.corrected())
                .build();
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
