package dev.floorgate.gateway.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.floorgate.lan.PrintJobView;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/admin/overview} (API.md "Pages' endpoints"), one record per JSON object, fields in
 * the order admin.js and render.js read them. Micronaut serde leaves nulls out by default; the page tells "unknown"
 * (null) from "not reported" (absent), so every record writes its nulls ({@code Include.ALWAYS}) and only the fields
 * marked {@code NON_NULL} are left out when there is nothing to say.
 */
final class OverviewViews {
    private OverviewViews() {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Overview(String generatedAt, long refreshSeconds, long deviceStaleMinutes, GatewayView gateway,
            CoreLink core, SyncQueue sync, List<PickViews.Rejection> rejections, List<PrinterRow> printers,
            PrintQueue printQueue, List<PdaRow> pdas, List<ScannerRow> scanners, List<Attention> attention,
            List<StationProblemRow> stationProblems, Clocks clocks) {
    }

    /** A station scan that printed nothing, newest first, until site IT acknowledges (StationProblems). */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record StationProblemRow(String station, String scan, String reason, String at) {
    }

    /** The site's clocks against core time (DESIGN.md "Wrong clocks"): the gateway's, each PDA's and printer's. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Clocks(boolean measured, long gatewayOffsetSeconds, String problem, long deviceMaxOffsetSeconds,
            List<ClockRow> pdas, List<ClockRow> printers) {
    }

    /** One device's clock minus core time (null: the device has no clock); {@code corrected}: the gateway set it. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record ClockRow(String name, Long offsetSeconds, String source, String at, boolean off, boolean corrected) {
    }

    /** Who the gateway is; the certificate fields only while HTTPS is on. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record GatewayView(String name, String version, String startedAt, long uptimeSeconds, List<String> addresses,
            List<String> urls, String pdaUrl, boolean https,
            @JsonInclude(Include.NON_NULL) String caFingerprint,
            @JsonInclude(Include.NON_NULL) String certificateExpires,
            @JsonInclude(Include.NON_NULL) Boolean certificateProvided, String timeZone) {
    }

    /** The link to the core; {@code reachable} is null until the gateway has asked. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record CoreLink(boolean configured, Boolean reachable, String checkedAt, String lastError, String lastErrorAt,
            String url, int failovers) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record SyncQueue(long unsynced, long oldestUnsyncedAgeSeconds, String lastSyncAt, double syncRatePerSecond,
            long acceptedTotal, long rejectedTotal, Long cacheAgeSeconds, long diskFreeBytes) {
    }

    /**
     * A printer as the page shows it: the fields {@code GET /api/v1/devices} shows too, then what only site IT
     * needs (labels left, model, firmware, staleness) and its jobs counted by state.
     */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record PrinterRow(String name, String description, String url, String state, String stateText, boolean online,
            boolean connected, List<String> faults, String detail, String lastSeen, String since, boolean fault,
            boolean stale, Integer labelsRemaining, String model, String firmware, Integer dpi,
            Map<String, Integer> jobs, Boolean closedLoop, String closedLoopNote, Long clockOffsetSeconds,
            boolean clockSetByGateway, boolean clockOff) {
    }

    /**
     * The jobs that need a person, and the last {@value AdminOverview#RECENT_LABELS} printed ({@code recent}, newest
     * submitted first); each one as the print-jobs API shows it.
     */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record PrintQueue(List<PrintJobView> held, List<PrintJobView> maybePrinted, List<PrintJobView> recent) {
    }

    /** An enrolled PDA, and the picker app's last report of its queue once there is one. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record PdaRow(String deviceId, String tenant, String warehouse, String kind, String enrolledAt, String revokedAt,
            String lastSeen, boolean stale, @JsonUnwrapped @JsonInclude(Include.NON_NULL) PickerReportView report) {
    }

    /** Written into its PDA's object: all four fields (operator may be null) or, before any report, none. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record PickerReportView(int queued, int openRejections, String operator, String reportedAt) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record ScannerRow(String name, String description, String url, boolean connected, String since,
            String lastScanAt, long scans, long problems, String lastProblem) {
    }

    /** One thing that needs a person, naming the page section that explains it. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Attention(String kind, int count, String text, String section) {
    }
}
