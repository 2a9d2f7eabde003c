package dev.floorgate.gateway.internal.web;

import dev.floorgate.devices.DiscoveredPrinter;
import dev.floorgate.devices.DiscoveryOptions;
import dev.floorgate.devices.PrinterDiscovery;
import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.print.PrintRequest;
import dev.floorgate.gateway.internal.print.PrintSpooler;
import dev.floorgate.lan.PrintJobView;
import dev.floorgate.sync.SyncEngine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import dev.floorgate.gateway.internal.stations.StationProblems;
import java.util.ArrayList;
import java.util.List;

/**
 * Site IT's page's own endpoints (admin token or a signed-in session): {@code GET /api/v1/admin/overview} (all the
 * page shows, see {@link AdminOverview}), {@code GET /api/v1/admin/audit?limit=}, {@code POST /api/v1/admin/sync-now},
 * {@code POST /api/v1/admin/station-problems/acknowledge} (clears the failed station scans on the page),
 * {@code POST /api/v1/admin/enrollment {"tenant","warehouse","ttlMinutes"}} (a one-time code with the QR a PDA
 * scans), {@code POST /api/v1/admin/printers/{name}/test-print} and {@code POST /api/v1/admin/printers/discover}.
 * Print job actions, revocation and plain enrollment codes use the endpoints that exist for them; every one of these
 * is recorded by {@link AdminAuditFilter}.
 */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminController {
    private final RequestAuth auth;
    private final AdminOverview overview;
    private final AuditLog audit;
    private final SyncEngine sync;
    private final DeviceRegistry devices;
    private final GatewayInfo info;
    private final PrinterRegistry printers;
    private final PrintSpooler spooler;
    private final AdminSessions sessions;
    private final WebConfiguration config;
    private final StationProblems stationProblems;

    private final AppDownloadController app;

    AdminController(RequestAuth auth, AdminOverview overview, AuditLog audit, SyncEngine sync, DeviceRegistry devices,
            GatewayInfo info, PrinterRegistry printers, PrintSpooler spooler, AdminSessions sessions,
            WebConfiguration config, StationProblems stationProblems, AppDownloadController app) {
        this.app = app;
        this.stationProblems = stationProblems;
        this.auth = auth;
        this.overview = overview;
        this.audit = audit;
        this.sync = sync;
        this.devices = devices;
        this.info = info;
        this.printers = printers;
        this.spooler = spooler;
        this.sessions = sessions;
        this.config = config;
    }

    @Get("/overview")
    OverviewViews.Overview overview(HttpRequest<?> request) throws SQLException {
        auth.admin(request);
        return overview.build(request);
    }

    @Get("/audit")
    AdminViews.Audit audit(HttpRequest<?> request, @Nullable @QueryValue Integer limit) throws SQLException {
        auth.admin(request);
        return WebJson.audit(audit.list(limit == null ? 100 : limit));
    }

    /** Clears the failed station scans shown under "Needs attention". */
    @Post("/station-problems/acknowledge")
    AdminViews.StationProblemsAcknowledged acknowledgeStationProblems(HttpRequest<?> request) {
        auth.admin(request);
        return new AdminViews.StationProblemsAcknowledged(stationProblems.acknowledge());
    }

    @Post("/sync-now")
    AdminViews.SyncRequested syncNow(HttpRequest<?> request) {
        auth.admin(request);
        sync.syncNow();
        return new AdminViews.SyncRequested(true,
                sync.stats().offline() ? "offline mode: no core configured" : "sync started");
    }

    @Post("/enrollment")
    HttpResponse<AdminViews.Enrollment> enrollment(HttpRequest<?> request, @Body AdminViews.EnrollmentRequest body)
            throws SQLException, IOException {
        auth.admin(request);
        // The lifetime is checked by the registry, on this path and the API's alike.
        DeviceRegistry.EnrollmentCode code = devices.createEnrollmentCode(body.tenant(), body.warehouse(),
                body.ttlMinutesAsLong(), body.deviceId());
        // The code travels in the URL's fragment: a camera app opens the picker page with it, a PDA scanner types
        // it into the page, and in neither case does it reach a server log.
        String url = info.pdaBaseUrl(request) + "/pick/#enroll=" + URLEncoder.encode(code.code, StandardCharsets.UTF_8)
                + (info.caFingerprintHex() == null ? "" : "&fp=" + info.caFingerprintHex());
        // The install QR: the APK's address and its SHA-256 (the fragment stays on the device, as the code's does).
        AppDownloadController.Snapshot apk = app.current();
        String appUrl = apk == null ? null : info.pdaBaseUrl(request) + AppDownloadController.DOWNLOAD_PATH
                + "#sha256=" + apk.sha256;
        return HttpResponse.created(new AdminViews.Enrollment(code.code, code.tenant, code.warehouse,
                code.expiresAt.toString(), url, info.caFingerprint(), QrCodes.svg(url), appUrl,
                apk == null ? null : apk.sha256, appUrl == null ? null : QrCodes.svg(appUrl)));
    }

    @Post("/printers/{name}/test-print")
    HttpResponse<PrintJobView> testPrint(HttpRequest<?> request, @PathVariable String name)
            throws SQLException {
        auth.admin(request);
        if (!printers.contains(name)) {
            throw GatewayProblem.notFound("no printer '" + name + "'; configured: " + printers.names());
        }
        Instant now = Instant.now();
        String zpl = "^XA^CI28^CF0,40^FO40,40^FDFloorGate test print^FS^CF0,28^FO40,100^FDprinter " + name + "^FS"
                + "^FO40,140^FD" + now.toString().substring(0, 19).replace('T', ' ') + " UTC^FS"
                + "^FO40,190^BY2^BCN,60,Y,N,N^FD" + name + "^FS^XZ";
        String jobId = "test-" + name + "-" + now.toEpochMilli();
        PrintSpooler.Submitted s = spooler.submit(PrintRequest.raw(jobId, "site", name, null, zpl,
                "admin:" + actor(request)));
        return HttpResponse.<PrintJobView>accepted().body(s.job().toView());
    }

    @Post("/printers/discover")
    AdminViews.Discovery discover(HttpRequest<?> request) throws IOException {
        auth.admin(request);
        DiscoveryOptions.Builder b = DiscoveryOptions.builder().port(config.getDiscoveryPort())
                .timeout(config.getDiscoveryTimeout());
        List<String> targets = new ArrayList<>();
        for (String t : config.getDiscoveryTargets()) {
            if (!t.isBlank()) {
                targets.add(t.trim());
            }
        }
        if (!targets.isEmpty()) {
            b.targets(targets);
        }
        List<String> configured = new ArrayList<>();
        for (PrinterRegistry.PrinterView p : printers.snapshot()) {
            configured.add(p.url);
        }
        List<AdminViews.FoundPrinter> found = new ArrayList<>();
        for (DiscoveredPrinter d : PrinterDiscovery.discover(b.build())) {
            String adopted = null;
            for (PrinterRegistry.PrinterView p : printers.snapshot()) {
                if (p.url.equals(d.url()) || p.url.startsWith(d.url() + "?") || p.url.startsWith(d.url() + "/")) {
                    adopted = p.name;
                }
            }
            found.add(new AdminViews.FoundPrinter(d.address(), d.port(), d.url(), d.model(), d.serial(), d.name(),
                    d.source().name(), adopted, suggestName(d)));
        }
        return new AdminViews.Discovery(found, configured);
    }

    /** A configuration name for a discovered printer: its friendly name or serial, made safe for fg.printers.NAME. */
    static String suggestName(DiscoveredPrinter d) {
        String base = d.name() != null && !d.name().isBlank() ? d.name()
                : d.serial() != null && !d.serial().isBlank() ? "zebra-" + d.serial() : "printer-" + d.address();
        String safe = base.trim().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (safe.isEmpty()) {
            safe = "printer";
        }
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    private String actor(HttpRequest<?> request) {
        String token = AdminLoginController.bearer(request);
        return sessions.session(token).map(AdminSessions.Session::username).orElse("admin-token");
    }
}
