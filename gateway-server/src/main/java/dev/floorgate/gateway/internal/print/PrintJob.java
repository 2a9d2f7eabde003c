package dev.floorgate.gateway.internal.print;

import dev.floorgate.lan.PrintJobEvent;
import dev.floorgate.lan.PrintJobResolution;
import dev.floorgate.lan.PrintJobView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A spooled print job as stored (one row of {@code print_jobs}, see {@link PrintJobStore}). Immutable.
 *
 * @param fault        the printer's problem in words ("paper out", "head open", "not answering", "disconnected")
 *                     while HELD, or why the job is MAYBE_PRINTED; null otherwise
 * @param faultDetail  the sentence behind the fault (the driver's message)
 * @param resolution   the last person action: REPRINT, DISCARD or MARK_PRINTED (or RECOVERED_AFTER_CRASH), or null
 */
public record PrintJob(String jobId, long seq, String tenant, String printer, String station, String template,
        Map<String, String> data, String zpl, int copies, PrintJobState state, String fault, String faultDetail,
        int attempts, Instant createdAt, Instant updatedAt, Instant printedAt, String createdBy, String resolution,
        String resolvedBy, Instant resolvedAt, String resolutionReason) {

    public PrintJob {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /**
     * The job as the LAN API shows it (the ZPL itself is left out: it can be large; its size is given); without
     * {@code duplicate} and {@code history}, which the controller adds where they apply.
     */
    public PrintJobView toView() {
        return PrintJobView.builder()
                .jobId(jobId)
                .tenant(tenant)
                .printer(printer)
                .station(station)
                .template(template)
                .raw(template == null)
                .data(new TreeMap<>(data))
                .copies(copies)
                .zplBytes(zpl.getBytes(StandardCharsets.UTF_8).length)
                .state(state.name())
                .fault(fault)
                .faultDetail(faultDetail)
                .attempts(attempts)
                .createdAt(iso(createdAt))
                .updatedAt(iso(updatedAt))
                .printedAt(iso(printedAt))
                .createdBy(createdBy)
                .resolution(resolution == null ? null
                        : new PrintJobResolution(resolution, resolvedBy, iso(resolvedAt), resolutionReason))
                .build();
    }

    /** The short form carried by {@code print-job} events. */
    public PrintJobEvent toEvent() {
        return PrintJobEvent.builder()
                .jobId(jobId)
                .state(state.name())
                .printer(printer)
                .station(station)
                .template(template)
                .fault(fault)
                .faultDetail(faultDetail)
                .attempts(attempts)
                .build();
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
