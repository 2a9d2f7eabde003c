package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.gateway.internal.access.RequestAuth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/devices}: printers and scanners (site-wide, with their state), the stations that join them,
 * and the enrolled PDAs. A device sees its own tenant's PDAs, stations and queued jobs; the admin token sees all.
 */
@Controller("/api/v1/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DevicesController {
    private final PrinterRegistry printers;
    private final ScannerRegistry scanners;
    private final List<StationConfiguration> stations;
    private final DeviceRegistry pdas;
    private final PrinterQueues queues;
    private final RequestAuth auth;

    DevicesController(PrinterRegistry printers, ScannerRegistry scanners, List<StationConfiguration> stations,
            DeviceRegistry pdas, PrinterQueues queues, RequestAuth auth) {
        this.printers = printers;
        this.scanners = scanners;
        this.stations = new ArrayList<>(stations);
        this.stations.sort((a, b) -> a.getName().compareTo(b.getName()));
        this.pdas = pdas;
        this.queues = queues;
        this.auth = auth;
    }

    @Get
    Map<String, Object> list(HttpRequest<?> request) throws SQLException {
        String tenant = auth.isAdmin(request) ? null : auth.device(request).tenant();
        Map<String, Map<String, Integer>> jobs = queues.countsByPrinter(tenant);
        List<StationConfiguration> visible = new ArrayList<>();
        for (StationConfiguration s : stations) {
            if (tenant == null || tenant.equals(s.getTenant())) {
                visible.add(s);
            }
        }
        List<Map<String, Object>> printerList = new ArrayList<>();
        for (PrinterRegistry.PrinterView p : printers.snapshot()) {
            Map<String, Object> m = PrinterJson.of(p);
            m.put("jobs", jobs.getOrDefault(p.name, Map.of()));
            m.put("stations", stationNames(visible, p.name, true));
            printerList.add(m);
        }
        List<Map<String, Object>> scannerList = new ArrayList<>();
        for (ScannerRegistry.ScannerView s : scanners.snapshot()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name);
            m.put("description", s.description);
            m.put("url", s.url);
            m.put("state", s.connected ? "online" : "offline");
            m.put("connected", s.connected);
            m.put("since", iso(s.since));
            m.put("lastScanAt", iso(s.lastScanAt));
            m.put("scans", s.scans);
            m.put("problems", s.problems);
            m.put("lastProblem", s.lastProblem);
            m.put("lastProblemAt", iso(s.lastProblemAt));
            m.put("stations", stationNames(visible, s.name, false));
            scannerList.add(m);
        }
        List<Map<String, Object>> stationList = new ArrayList<>();
        for (StationConfiguration s : visible) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.getName());
            m.put("description", s.getDescription());
            m.put("scanner", s.getScanner());
            m.put("printer", s.getPrinter());
            m.put("onScan", s.getOnScan());
            m.put("tenant", s.getTenant());
            m.put("warehouse", s.getWarehouse());
            stationList.add(m);
        }
        List<DeviceRegistry.EnrolledDevice> pdaList = new ArrayList<>();
        for (DeviceRegistry.EnrolledDevice d : pdas.list()) {
            if (tenant == null || tenant.equals(d.tenant())) {
                pdaList.add(d);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("printers", printerList);
        out.put("scanners", scannerList);
        out.put("stations", stationList);
        out.put("pdas", pdaList);
        return out;
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
