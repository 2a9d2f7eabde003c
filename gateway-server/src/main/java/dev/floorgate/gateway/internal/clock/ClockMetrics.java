package dev.floorgate.gateway.internal.clock;

import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;

/** The site's clocks for /metrics: the gateway's offset to the core, each PDA's and printer's, the key refusal. */
public final class ClockMetrics implements MetricsSource {
    private final SiteClocks clocks;

    public ClockMetrics(SiteClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.gauge("floorgate_clock_offset_seconds", "Core time minus the gateway's clock (NaN before measured)",
                clocks.gateway().known() ? clocks.gateway().offsetMillis() / 1000.0 : Double.NaN);
        out.gauge("floorgate_clock_offset_uncertainty_seconds", "Half the round trip of the best sample (-1 never)",
                clocks.gateway().known() ? clocks.gateway().uncertaintyMillis() / 1000.0 : -1);
        out.gauge("floorgate_clock_problem", "1 when /health is DEGRADED for the clock or the core refusing the key",
                clocks.problem() == null ? 0 : 1);
        for (SiteClocks.DeviceClock c : clocks.pdas()) {
            out.gauge("floorgate_pda_clock_offset_seconds", "A PDA's clock minus core time, from its last request",
                    c.offsetMillis() / 1000.0, "device", c.name());
        }
        for (SiteClocks.DeviceClock c : clocks.printers()) {
            out.gauge("floorgate_printer_clock_offset_seconds",
                    "A printer's real-time clock minus core time (NaN: the printer has no clock)",
                    c.known() ? c.offsetMillis() / 1000.0 : Double.NaN, "printer", c.name());
        }
        for (SiteClocks.DeviceClock c : clocks.printers()) {
            out.gauge("floorgate_printer_clock_set", "1 when the gateway set the printer's clock from core time",
                    c.corrected() ? 1 : 0, "printer", c.name());
        }
    }
}
