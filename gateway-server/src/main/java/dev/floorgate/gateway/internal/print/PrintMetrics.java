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
 * {@code floorgate_print_spool_transactions_total} / {@code floorgate_print_spool_changes_total}.
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
        long[] commits = spooler.commitStats();
        out.counter("floorgate_print_spool_transactions_total", "gateway.db transactions committed (group commit, "
                + "shared by the spool and the other stores of gateway.db)", commits[0]);
        out.counter("floorgate_print_spool_changes_total", "Spool changes handed to the group commit (refused "
                + "ones included); more than one per transaction is group commit at work", commits[1]);
    }
}
