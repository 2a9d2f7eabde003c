package dev.floorgate.gateway.internal.devices;

import dev.floorgate.devices.PrinterState;
import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;
import java.util.List;
import java.util.Locale;

/**
 * Printer and scanner states for {@code GET /metrics}: {@code floorgate_printer_state{printer,state}} is 1 for the
 * printer's current state and 0 for the others (so an alert can say "paper out" by itself),
 * {@code floorgate_printer_up}, {@code floorgate_scanner_connected}, and scanner read and problem counters.
 */
public final class DeviceMetrics implements MetricsSource {
    private final PrinterRegistry printers;
    private final ScannerRegistry scanners;

    public DeviceMetrics(PrinterRegistry printers, ScannerRegistry scanners) {
        this.printers = printers;
        this.scanners = scanners;
    }

    @Override
    public void writeTo(PrometheusText out) {
        // The text format wants each metric's samples together, so each metric gets its own loop.
        List<PrinterRegistry.PrinterView> ps = printers.snapshot();
        for (PrinterRegistry.PrinterView p : ps) {
            out.gauge("floorgate_printer_up", "1 when the printer answers and reports no fault",
                    p.online() ? 1 : 0, "printer", p.name);
        }
        for (PrinterRegistry.PrinterView p : ps) {
            for (PrinterState s : PrinterState.values()) {
                out.gauge("floorgate_printer_state", "1 for the printer's current state (ready, paper_out, ...)",
                        p.state == s ? 1 : 0, "printer", p.name, "state", s.name().toLowerCase(Locale.ROOT));
            }
        }
        List<ScannerRegistry.ScannerView> ss = scanners.snapshot();
        for (ScannerRegistry.ScannerView s : ss) {
            out.gauge("floorgate_scanner_connected", "1 when the scanner's connection is up", s.connected ? 1 : 0,
                    "scanner", s.name);
        }
        for (ScannerRegistry.ScannerView s : ss) {
            out.counter("floorgate_scanner_reads_total", "Reads received from the scanner", s.scans, "scanner", s.name);
        }
        for (ScannerRegistry.ScannerView s : ss) {
            out.counter("floorgate_scanner_problems_total", "Garbage, over-long or incomplete frames, no-reads",
                    s.problems, "scanner", s.name);
        }
    }
}
