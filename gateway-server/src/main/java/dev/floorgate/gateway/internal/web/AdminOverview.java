package dev.floorgate.gateway.internal.web;

import dev.floorgate.devices.PrinterIdentity;
import dev.floorgate.devices.PrinterState;
import dev.floorgate.devices.PrinterStatus;
import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.gateway.internal.clock.SiteClocks;
import dev.floorgate.gateway.internal.devices.PrinterJson;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.devices.ScannerRegistry;
import dev.floorgate.gateway.internal.print.PrintJob;
import dev.floorgate.gateway.internal.print.PrintJobState;
import dev.floorgate.gateway.internal.print.PrintSpooler;
import dev.floorgate.gateway.internal.stations.StationProblems;
import dev.floorgate.lan.PrinterView;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncStats;
import io.micronaut.http.HttpRequest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything site IT's page shows, in one answer per refresh: the gateway, the core link, the sync queue and its
 * rejections, printers, the print queue's held and "may have printed" jobs, PDAs and scanners, station scans that
 * printed nothing ({@code stationProblems}, until acknowledged), and first of all the attention summary (what needs a person, each item naming the section that explains it). Read only: nothing
 * here asks a device anything except {@link PrinterIdentities}, which asks in the background.
 */
final class AdminOverview {
    static final int MAX_JOBS = 200;
    /** Printed labels the page shows with their preview ("Recent labels"); each preview is drawn once per page. */
    static final int RECENT_LABELS = 5;

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
    private final SiteClocks clocks;
    private final StationProblems stationProblems;

    AdminOverview(GatewayInfo info, SyncEngine sync, PrinterRegistry printers, ScannerRegistry scanners,
            PrintSpooler spooler, DeviceRegistry pdas, PickerReports reports, RejectionLog rejections,
            PrinterIdentities identities, WebConfiguration config, SiteClocks clocks,
            StationProblems stationProblems) {
        this.stationProblems = stationProblems;
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
        this.clocks = clocks;
    }

    OverviewViews.Overview build(HttpRequest<?> request) throws SQLException {
        Instant now = Instant.now();
        SyncStats s = sync.stats();
        OverviewViews.CoreLink core = new OverviewViews.CoreLink(!s.offline(), s.coreReachable(),
                iso(s.coreCheckedAt()),
                s.coreTlsRefusal() != null ? s.coreTlsRefusal() : s.lastError(), iso(s.lastErrorAt()), s.coreUrl(), s.coreFailovers());
        OverviewViews.SyncQueue queue = new OverviewViews.SyncQueue(s.unsyncedOps(), s.oldestUnsyncedAge().toSeconds(),
                iso(s.lastSuccessfulSyncAt()), s.syncRatePerSecond(), s.acceptedTotal(), s.rejectedTotal(),
                s.cacheAge() == null ? null : s.cacheAge().toSeconds(), s.diskFreeBytes());
        int openRejections = rejections.openCount();
        List<PickViews.Rejection> recent = WebJson.rejections(rejections.recent(50));

        Duration stale = config.getDeviceStaleAfter();
        List<OverviewViews.PrinterRow> printerList = printers(now, stale);
        List<PrintJob> held = spooler.list(null, PrintJobState.HELD, null, MAX_JOBS);
        List<PrintJob> maybe = spooler.list(null, PrintJobState.MAYBE_PRINTED, null, MAX_JOBS);
        List<PrintJob> printed = spooler.list(null, PrintJobState.PRINTED, null, RECENT_LABELS);
        OverviewViews.PrintQueue printQueue = new OverviewViews.PrintQueue(WebJson.printJobs(held),
                WebJson.printJobs(maybe), WebJson.printJobs(printed));

        List<OverviewViews.PdaRow> pdaList = new ArrayList<>();
        int stalePdas = 0;
        for (DeviceRegistry.EnrolledDevice d : pdas.list()) {
            boolean isStale = d.revokedAt() == null && (d.lastSeen() == null
                    || Instant.parse(d.lastSeen()).plus(stale).isBefore(now));
            stalePdas += isStale ? 1 : 0;
            OverviewViews.PickerReportView report = reports.get(d.deviceId())
                    .map(r -> new OverviewViews.PickerReportView(r.queued(), r.openRejections(), r.operator(),
                            r.at().toString()))
                    .orElse(null);
            pdaList.add(new OverviewViews.PdaRow(d.deviceId(), d.tenant(), d.warehouse(), d.kind(), d.enrolledAt(),
                    d.revokedAt(), d.lastSeen(), isStale, report));
        }
        List<OverviewViews.ScannerRow> scannerList = new ArrayList<>();
        int offlineScanners = 0;
        for (ScannerRegistry.ScannerView v : scanners.snapshot()) {
            scannerList.add(new OverviewViews.ScannerRow(v.name, v.description, v.url, v.connected, iso(v.since),
                    iso(v.lastScanAt), v.scans, v.problems, v.lastProblem));
            offlineScanners += v.connected ? 0 : 1;
        }

        List<OverviewViews.Attention> attention = new ArrayList<>();
        List<String> faulty = new ArrayList<>();
        for (OverviewViews.PrinterRow p : printerList) {
            if (!p.online()) {
                faulty.add(p.name() + ": " + p.stateText());
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
        if (!s.offline() && s.coreTlsRefusal() != null) {
            attend(attention, "core-tls-refused", 1, s.coreTlsRefusal() + "; operations queue here", "sync");
        } else if (!s.offline() && Boolean.FALSE.equals(s.coreReachable())) {
            attend(attention, "core-unreachable", 1, "the core does not answer: operations queue here", "sync");
        }
        List<OverviewViews.StationProblemRow> stationProblemRows = new ArrayList<>();
        for (StationProblems.Problem p : stationProblems.list()) {
            stationProblemRows.add(new OverviewViews.StationProblemRow(p.station(), p.scan(), p.reason(),
                    p.at().toString()));
        }
        attend(attention, "station-problems", stationProblemRows.size(),
                "station scan(s) printed nothing: see below, then acknowledge", "attention");
        OverviewViews.Clocks clockView = clocks();
        long offClocks = clockView.pdas().stream().filter(OverviewViews.ClockRow::off).count()
                + clockView.printers().stream().filter(OverviewViews.ClockRow::off).count();
        if (clockView.problem() != null) {
            attend(attention, "gateway-clock", 1, clockView.problem(), "clocks");
        }
        attend(attention, "device-clocks", (int) offClocks, "PDA or printer clock(s) off by more than "
                + clockView.deviceMaxOffsetSeconds() + " s", "clocks");
        return new OverviewViews.Overview(now.toString(), Math.max(1, config.getAdminRefresh().toSeconds()),
                stale.toMinutes(), info.view(request), core, queue, recent, printerList, printQueue, pdaList,
                scannerList, attention, stationProblemRows, clockView);
    }

    private List<OverviewViews.PrinterRow> printers(Instant now, Duration stale) {
        Map<String, Map<String, Integer>> counts = spooler.countsByPrinter(null);
        List<OverviewViews.PrinterRow> out = new ArrayList<>();
        for (PrinterRegistry.PrinterView p : printers.snapshot()) {
            PrinterStatus status = printers.driver(p.name).map(d -> d.lastStatus()).orElse(null);
            boolean known = status != null && status.state() != PrinterState.DISCONNECTED
                    && status.state() != PrinterState.NOT_ANSWERING && status.labelsRemaining() >= 0;
            PrinterIdentity id = identities.identity(p.name, p.connected && p.state != PrinterState.NOT_ANSWERING)
                    .orElse(null);
            // The fields GET /api/v1/devices shows come from the one printer view; the page adds its own columns.
            PrinterView v = PrinterJson.view(p, Map.of(), List.of(), clocks.printer(p.name));
            out.add(new OverviewViews.PrinterRow(v.name(), v.description(), v.url(), v.state(), v.stateText(),
                    v.online(), v.connected(), v.faults(), v.detail(), v.lastSeen(), v.since(),
                    p.state.isFault(), p.lastSeen == null || p.lastSeen.plus(stale).isBefore(now),
                    known ? status.labelsRemaining() : null, id == null ? null : id.model(),
                    id == null ? null : id.firmware(), id == null ? null : id.dpi(),
                    counts.getOrDefault(p.name, Map.of()), spooler.closedLoop(p.name), spooler.closedLoopNote(p.name),
                    v.clockOffsetSeconds(), v.clockSetByGateway(), clockOff(p.name)));
        }
        return out;
    }

    private boolean clockOff(String printer) {
        SiteClocks.DeviceClock c = clocks.printer(printer);
        return c != null && c.off();
    }

    private OverviewViews.Clocks clocks() {
        List<OverviewViews.ClockRow> pdaClocks = new ArrayList<>();
        for (SiteClocks.DeviceClock c : clocks.pdas()) {
            pdaClocks.add(row(c));
        }
        List<OverviewViews.ClockRow> printerClocks = new ArrayList<>();
        for (SiteClocks.DeviceClock c : clocks.printers()) {
            printerClocks.add(row(c));
        }
        boolean measured = clocks.gateway().known();
        return new OverviewViews.Clocks(measured, measured ? clocks.gateway().offsetMillis() / 1000 : 0,
                clocks.problem(), clocks.deviceMaxOffset().toSeconds(), pdaClocks, printerClocks);
    }

    private static OverviewViews.ClockRow row(SiteClocks.DeviceClock c) {
        return new OverviewViews.ClockRow(c.name(), c.offsetSeconds(), c.source().name(), c.at().toString(),
                c.off(), c.corrected());
    }

    private static void attend(List<OverviewViews.Attention> out, String kind, int count, String text,
            String section) {
        if (count > 0) {
            out.add(new OverviewViews.Attention(kind, count, text, section));
        }
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
