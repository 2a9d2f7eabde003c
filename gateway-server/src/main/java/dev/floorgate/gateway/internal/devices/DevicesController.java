package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.gateway.internal.access.DeviceViews;
import dev.floorgate.gateway.internal.clock.SiteClocks;
import dev.floorgate.lan.DeviceList;
import dev.floorgate.lan.EnrolledDevice;
import dev.floorgate.lan.PrinterView;
import dev.floorgate.lan.ScannerView;
import dev.floorgate.lan.StationView;
import dev.floorgate.gateway.internal.http.RequestAuth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/devices}: printers and scanners (with their state), the stations that join them,
 * and the enrolled PDAs. A device sees its own tenant's PDAs, stations, queued jobs and the printers its tenant may
 * use ({@link PrinterAccess}); the admin token sees all.
 */
@Controller("/api/v1/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DevicesController {
    private final PrinterRegistry printers;
    private final PrinterAccess access;
    private final ScannerRegistry scanners;
    private final List<StationConfiguration> stations;
    private final DeviceRegistry pdas;
    private final PrinterQueues queues;
    private final RequestAuth auth;
    private final SiteClocks clocks;

    DevicesController(PrinterRegistry printers, PrinterAccess access, ScannerRegistry scanners, List<StationConfiguration> stations,
            DeviceRegistry pdas, PrinterQueues queues, RequestAuth auth, SiteClocks clocks) {
        this.printers = printers;
        this.access = access;
        this.scanners = scanners;
        this.stations = new ArrayList<>(stations);
        this.stations.sort((a, b) -> a.getName().compareTo(b.getName()));
        this.pdas = pdas;
        this.queues = queues;
        this.auth = auth;
        this.clocks = clocks;
    }

    @Get
    DeviceList list(HttpRequest<?> request) throws SQLException {
        String tenant = auth.isAdmin(request) ? null : auth.device(request).tenant();
        Map<String, Map<String, Integer>> jobs = queues.countsByPrinter(tenant);
        List<StationConfiguration> visible = new ArrayList<>();
        for (StationConfiguration s : stations) {
            if (tenant == null || tenant.equals(s.getTenant())) {
                visible.add(s);
            }
        }
        List<PrinterView> printerList = new ArrayList<>();
        for (PrinterRegistry.PrinterView p : printers.snapshot()) {
            if (tenant != null && !access.mayPrint(tenant, p.name)) {
                continue; // another tenant's printer: a device does not learn it exists
            }
            printerList.add(PrinterJson.view(p, jobs.getOrDefault(p.name, Map.of()),
                    stationNames(visible, p.name, true), clocks.printer(p.name)).toBuilder().closedLoop(queues.closedLoop(p.name))
                    .closedLoopNote(queues.closedLoopNote(p.name)).build());
        }
        List<ScannerView> scannerList = new ArrayList<>();
        for (ScannerRegistry.ScannerView s : scanners.snapshot()) {
            scannerList.add(ScannerView.builder()
                    .name(s.name)
                    .description(s.description)
                    .url(s.url)
                    .state(s.connected ? "online" : "offline")
                    .connected(s.connected)
                    .since(iso(s.since))
                    .lastScanAt(iso(s.lastScanAt))
                    .scans(s.scans)
                    .problems(s.problems)
                    .lastProblem(s.lastProblem)
                    .lastProblemAt(iso(s.lastProblemAt))
                    .stations(stationNames(visible, s.name, false))
                    .build());
        }
        List<StationView> stationList = new ArrayList<>();
        for (StationConfiguration s : visible) {
            stationList.add(new StationView(s.getName(), s.getDescription(), s.getScanner(), s.getPrinter(),
                    s.getOnScan(), s.getTenant(), s.getWarehouse()));
        }
        List<EnrolledDevice> pdaList = new ArrayList<>();
        for (DeviceRegistry.EnrolledDevice d : pdas.list()) {
            if (tenant == null || tenant.equals(d.tenant())) {
                pdaList.add(DeviceViews.view(d));
            }
        }
        return new DeviceList(printerList, scannerList, stationList, pdaList);
    }

    private static List<String> stationNames(List<StationConfiguration> stations, String device, boolean printer) {
        List<String> out = new ArrayList<>();
        for (StationConfiguration s : stations) {
            if (device.equals(printer ? s.getPrinter() : s.getScanner())) {
                out.add(s.getName());
            }
        }
        return out;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
