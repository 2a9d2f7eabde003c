package dev.floorgate.gateway.internal.web;

import dev.floorgate.devices.PrinterIdentity;
import dev.floorgate.devices.PrinterState;
import dev.floorgate.devices.PrinterStatus;
import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.gateway.internal.devices.PrinterJson;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.devices.ScannerRegistry;
import dev.floorgate.gateway.internal.print.PrintJob;
import dev.floorgate.gateway.internal.print.PrintJobState;
import dev.floorgate.gateway.internal.print.PrintSpooler;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncStats;
import io.micronaut.http.HttpRequest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything site IT's page shows, in one answer per refresh: the gateway, the core link, the sync queue and its
 * rejections, printers, the print queue's held and "may have printed" jobs, PDAs and scanners, and first of all
 * the attention summary (what needs a person, each item naming the section that explains it). Read only: nothing
 * here asks a device anything except {@link PrinterIdentities}, which asks in the background.
 */
final class AdminOverview {
    static final int MAX_JOBS = 200;

    private final GatewayInfo info;
    private final SyncEngine sync;
    private final PrinterRegistry printers;
    private final ScannerRegistry scanners;
    private final PrintSpooler spooler;
    private final DeviceRegistry pdas;
    private final PickerReports reports;
    private final RejectionLog rejections;
    private final PrinterIdentities identities;
    private final WebConfiguration config;

    AdminOverview(GatewayInfo info, SyncEngine sync, PrinterRegistry printers, ScannerRegistry scanners,
            PrintSpooler spooler, DeviceRegistry pdas, PickerReports reports, RejectionLog rejections,
            PrinterIdentities identities, WebConfiguration config) {
        this.info = info;
        this.sync = sync;
        this.printers = printers;
        this.scanners = scanners;
        this.spooler = spooler;
        this.pdas = pdas;
        this.reports = reports;
        this.rejections = rejections;
        this.identities = identities;
        this.config = config;
    }

    Map<String, Object> build(HttpRequest<?> request) throws SQLException {
        Instant now = Instant.now();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", now.toString());
        out.put("refreshSeconds", Math.max(1, config.getAdminRefresh().toSeconds()));
        out.put("deviceStaleMinutes", config.getDeviceStaleAfter().toMinutes());
        out.put("gateway", info.toJson(request));

        SyncStats s = sync.stats();
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("configured", !s.offline());
        core.put("reachable", s.coreReachable());
        core.put("checkedAt", iso(s.coreCheckedAt()));
        core.put("lastError", s.lastError());
        core.put("lastErrorAt", iso(s.lastErrorAt()));
        out.put("core", core);
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("unsynced", s.unsyncedOps());
        queue.put("oldestUnsyncedAgeSeconds", s.oldestUnsyncedAge().toSeconds());
        queue.put("lastSyncAt", iso(s.lastSuccessfulSyncAt()));
        queue.put("syncRatePerSecond", s.syncRatePerSecond());
        queue.put("acceptedTotal", s.acceptedTotal());
        queue.put("rejectedTotal", s.rejectedTotal());
        queue.put("cacheAgeSeconds", s.cacheAge() == null ? null : s.cacheAge().toSeconds());
        queue.put("diskFreeBytes", s.diskFreeBytes());
        out.put("sync", queue);
        int openRejections = rejections.openCount();
        out.put("rejections", WebJson.rejections(rejections.recent(50)));

        Duration stale = config.getDeviceStaleAfter();
        List<Map<String, Object>> printerList = printers(now, stale);
        out.put("printers", printerList);
        List<PrintJob> held = spooler.list(null, PrintJobState.HELD, null, MAX_JOBS);
        List<PrintJob> maybe = spooler.list(null, PrintJobState.MAYBE_PRINTED, null, MAX_JOBS);
        Map<String, Object> printQueue = new LinkedHashMap<>();
        printQueue.put("held", jobs(held));
        printQueue.put("maybePrinted", jobs(maybe));
        out.put("printQueue", printQueue);

        List<Map<String, Object>> pdaList = new ArrayList<>();
        int stalePdas = 0;
        for (DeviceRegistry.EnrolledDevice d : pdas.list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deviceId", d.deviceId());
            m.put("tenant", d.tenant());
            m.put("warehouse", d.warehouse());
            m.put("kind", d.kind());
            m.put("enrolledAt", d.enrolledAt());
            m.put("revokedAt", d.revokedAt());
            m.put("lastSeen", d.lastSeen());
            boolean isStale = d.revokedAt() == null && (d.lastSeen() == null
                    || Instant.parse(d.lastSeen()).plus(stale).isBefore(now));
            m.put("stale", isStale);
            stalePdas += isStale ? 1 : 0;
            reports.get(d.deviceId()).ifPresent(r -> {
                m.put("queued", r.queued());
                m.put("openRejections", r.openRejections());
                m.put("operator", r.operator());
                m.put("reportedAt", r.at().toString());
            });
            pdaList.add(m);
        }
        out.put("pdas", pdaList);
        List<Map<String, Object>> scannerList = new ArrayList<>();
        int offlineScanners = 0;
        for (ScannerRegistry.ScannerView v : scanners.snapshot()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name);
            m.put("description", v.description);
            m.put("url", v.url);
            m.put("connected", v.connected);
            m.put("since", iso(v.since));
            m.put("lastScanAt", iso(v.lastScanAt));
            m.put("scans", v.scans);
            m.put("problems", v.problems);
            m.put("lastProblem", v.lastProblem);
            offlineScanners += v.connected ? 0 : 1;
            scannerList.add(m);
        }
        out.put("scanners", scannerList);

        List<Map<String, Object>> attention = new ArrayList<>();
        List<String> faulty = new ArrayList<>();
        for (Map<String, Object> p : printerList) {
            if (!Boolean.TRUE.equals(p.get("online"))) {
                faulty.add(p.get("name") + ": " + p.get("stateText"));
            }
        }
        attend(attention, "printer-faults", faulty.size(), "printer(s) not ready: " + String.join(", ", faulty),
                "printers");
        attend(attention, "held-jobs", held.size(), "print job(s) held at a printer", "print-queue");
        attend(attention, "maybe-printed", maybe.size(), "print job(s) may have printed: decide reprint or not",
                "print-queue");
        attend(attention, "rejected-ops", openRejections, "rejected operation(s) not yet seen by their picker",
                "sync");
        attend(attention, "stale-pdas", stalePdas, "PDA(s) not seen for " + stale.toMinutes() + " minutes",
                "devices");
        attend(attention, "offline-scanners", offlineScanners, "scanner(s) not connected", "devices");
        if (!s.offline() && Boolean.FALSE.equals(s.coreReachable())) {
            attend(attention, "core-unreachable", 1, "the core does not answer: operations queue here", "sync");
        }
        out.put("attention", attention);
        return out;
    }

    private List<Map<String, Object>> printers(Instant now, Duration stale) {
        Map<String, Map<String, Integer>> counts = spooler.countsByPrinter(null);
        List<Map<String, Object>> out = new ArrayList<>();
        for (PrinterRegistry.PrinterView p : printers.snapshot()) {
            Map<String, Object> m = PrinterJson.of(p);
            m.put("fault", p.state.isFault());
            m.put("stale", p.lastSeen == null || p.lastSeen.plus(stale).isBefore(now));
            PrinterStatus status = printers.driver(p.name).map(d -> d.lastStatus()).orElse(null);
            boolean known = status != null && status.state() != PrinterState.DISCONNECTED
                    && status.state() != PrinterState.NOT_ANSWERING && status.labelsRemaining() >= 0;
            m.put("labelsRemaining", known ? status.labelsRemaining() : null);
            PrinterIdentity id = identities.identity(p.name, p.connected && p.state != PrinterState.NOT_ANSWERING)
                    .orElse(null);
            m.put("model", id == null ? null : id.model());
            m.put("firmware", id == null ? null : id.firmware());
            m.put("dpi", id == null ? null : id.dpi());
            m.put("jobs", counts.getOrDefault(p.name, Map.of()));
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> jobs(List<PrintJob> jobs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PrintJob j : jobs) {
            out.add(j.toJson());
        }
        return out;
    }

    private static void attend(List<Map<String, Object>> out, String kind, int count, String text, String section) {
        if (count > 0) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("count", count);
            m.put("text", text);
            m.put("section", section);
            out.add(m);
        }
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
