package dev.floorgate.gateway.internal.print;

import dev.floorgate.lan.PrintJobEvent;
import dev.floorgate.lan.PrintJobResolution;
import dev.floorgate.lan.PrintJobView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    /**
     * The same fields as {@link #toView()} for the admin pages (internal/web builds its own JSON); the LAN API
     * writes {@link #toView()}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", jobId);
        m.put("tenant", tenant);
        m.put("printer", printer);
        m.put("station", station);
        m.put("template", template);
        m.put("raw", template == null);
        m.put("data", new java.util.TreeMap<>(data));
        m.put("copies", copies);
        m.put("zplBytes", zpl.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        m.put("state", state.name());
        m.put("fault", fault);
        m.put("faultDetail", faultDetail);
        m.put("attempts", attempts);
        m.put("createdAt", iso(createdAt));
        m.put("updatedAt", iso(updatedAt));
        m.put("printedAt", iso(printedAt));
        m.put("createdBy", createdBy);
        if (resolution != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("action", resolution);
            r.put("by", resolvedBy);
            r.put("at", iso(resolvedAt));
            r.put("reason", resolutionReason);
            m.put("resolution", r);
        } else {
            m.put("resolution", null);
        }
        return m;
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
