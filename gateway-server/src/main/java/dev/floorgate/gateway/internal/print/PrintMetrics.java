package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool for {@code GET /metrics}: {@code floorgate_print_jobs{state}} (jobs stored, by state),
 * {@code floorgate_print_queue_depth{printer}} (QUEUED + HELD), {@code floorgate_print_jobs_held{printer}} and
 * {@code floorgate_print_job_transitions_total{state}} (state changes since start), and the group commit's
 * {@code floorgate_print_spool_transactions_total} / {@code floorgate_print_spool_changes_total}. Print
 * confirmation per printer ({@link ConfirmationStats}): {@code floorgate_printer_closed_loop},
 * {@code floorgate_print_labels_confirmed_total}, {@code floorgate_print_labels_recovered_total},
 * {@code floorgate_print_jobs_to_person_total} and {@code floorgate_print_enqueue_to_confirmed_seconds{quantile}}.
 */
public final class PrintMetrics implements MetricsSource {
    private static final Logger LOG = LoggerFactory.getLogger(PrintMetrics.class);
    private final PrintSpooler spooler;

    public PrintMetrics(PrintSpooler spooler) {
        this.spooler = spooler;
    }

    @Override
    public void writeTo(PrometheusText out) {
        Map<PrintJobState, Integer> counts;
        Map<String, Map<String, Integer>> byPrinter;
        try {
            counts = spooler.counts();
            byPrinter = spooler.countsByPrinter(null);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("print job metrics unavailable: {}", e.toString());
            return;
        }
        counts.forEach((state, n) -> out.gauge("floorgate_print_jobs", "Print jobs in the spool, by state", n,
                "state", state.name().toLowerCase(Locale.ROOT)));
        byPrinter.forEach((printer, states) -> out.gauge("floorgate_print_queue_depth",
                "Print jobs waiting for the printer (queued or held)",
                states.getOrDefault("QUEUED", 0) + states.getOrDefault("HELD", 0), "printer", printer));
        byPrinter.forEach((printer, states) -> out.gauge("floorgate_print_jobs_held",
                "Print jobs held by a printer fault (1 at most: the head of the queue)",
                states.getOrDefault("HELD", 0), "printer", printer));
        spooler.transitions().forEach((state, n) -> out.counter("floorgate_print_job_transitions_total",
                "Print job state changes since the gateway started, by the state entered", n,
                "state", state.name().toLowerCase(Locale.ROOT)));
        spooler.confirmations().all().forEach((printer, c) -> {
            if (c.closedLoop() != null) {
                out.gauge("floorgate_printer_closed_loop", "1 when the printer's label counter confirms each job, 0 "
                        + "when it cannot (not closed-loop)", c.closedLoop() ? 1 : 0, "printer", printer);
            }
            out.counter("floorgate_print_labels_confirmed_total", "Labels the printer's counter proved printed",
                    c.labelsConfirmed(), "printer", printer);
            out.counter("floorgate_print_labels_recovered_total", "Labels the counter proved lost (power cycle, "
                    + "cleared buffer, jam) and the gateway sent again by itself", c.labelsRecovered(), "printer", printer);
            out.counter("floorgate_print_jobs_to_person_total", "Jobs whose label count could not be known, left "
                    + "MAYBE_PRINTED for a person", c.jobsToPerson(), "printer", printer);
            for (double q : new double[] {0.5, 0.99}) {
                long ms = c.latencyQuantile(q);
                if (ms >= 0) {
                    out.gauge("floorgate_print_enqueue_to_confirmed_seconds", "Time from enqueue to the counter "
                            + "confirming the job's labels, over the last jobs", ms / 1000.0, "printer", printer,
                            "quantile", q == 0.5 ? "0.5" : "0.99");
                }
            }
        });
        long[] commits = spooler.commitStats();
        out.counter("floorgate_print_spool_transactions_total", "gateway.db transactions committed (group commit, "
                + "shared by the spool and the other stores of gateway.db)", commits[0]);
        out.counter("floorgate_print_spool_changes_total", "Spool changes handed to the group commit (refused "
                + "ones included); more than one per transaction is group commit at work", commits[1]);
    }
}
