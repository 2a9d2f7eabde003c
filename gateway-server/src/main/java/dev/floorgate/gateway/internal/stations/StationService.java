package dev.floorgate.gateway.internal.stations;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.devices.Scan;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.devices.ScannerRegistry;
import dev.floorgate.gateway.internal.devices.StationConfiguration;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.print.PrintRequest;
import dev.floorgate.gateway.internal.print.PrintSpooler;
import dev.floorgate.gateway.internal.print.TemplateService;
import dev.floorgate.gateway.internal.scans.ScanDecoder;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.StationEvent;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.TemplateField;
import dev.floorgate.templates.ZplCheck;
import dev.floorgate.templates.ZplCommandPolicy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stations (DESIGN.md flow 2, "scan to label"): a read on a station's scanner is decoded for the station's tenant
 * and warehouse, looked up in the gateway's cache, turned into the station template's fields by
 * {@link LabelDataMapper}, rendered, and spooled for the station's printer; or, for an {@code on-scan: raw}
 * station, the ZPL the scan carries is spooled as it is. The spooler prints it (durably, in order, held on faults).
 *
 * <p>Configuration is checked at start-up and a mistake stops the start, naming the key (an unknown scanner,
 * printer or template, a missing tenant, a scanner used by two stations). A scan that cannot be printed (matches
 * nothing, misses a required field, is not ZPL at a raw station) is a {@code station} event for the station's
 * tenant and a log line, never an exception: the station keeps scanning. A rehearsing station
 * ({@code fg.stations.<name>.rehearse}) prints a scan that matches nothing with the template's sample values and
 * its defaults instead, as job {@code st-<name>-rehearsal-...}, and says so in a {@code REHEARSAL} event. Each scanner's reads arrive in order on
 * one thread, so one station's labels are spooled in the order they were scanned.
 *
 * <p>ZPL carried in a raw station's scan is checked like a raw print job (issue 22): label formatting only
 * ({@link ZplCommandPolicy#labelsOnly()}), unless the station holds the printer admin role
 * ({@code fg.stations.<name>.printer-admin}); a refused scan is a station problem naming the command and its byte
 * offset, and nothing reaches the printer.
 */
public final class StationService {
    private static final Logger LOG = LoggerFactory.getLogger(StationService.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** How much of a scan a problem event quotes. */
    private static final int QUOTE_CHARS = 120;
    static final int MAX_COPIES = 100;

    private final Map<String, Station> byScanner;
    private final List<Station> stations;
    private final PrintSpooler spooler;
    private final ScanDecoder decoder;
    private final SyncEngine engine;
    private final TemplateService templates;
    private final EventHub events;
    private final ScannerRegistry scanners;
    private final StationProblems problemList;
    private final AtomicLong unassigned = new AtomicLong();

    /** A checked station and its counters. */
    static final class Station {
        final StationConfiguration config;
        final LabelTemplate template;
        /** The station's fixed field values, by template field name. */
        final Map<String, String> defaults;
        final AtomicLong queued = new AtomicLong();
        final AtomicLong noMatch = new AtomicLong();
        final AtomicLong problems = new AtomicLong();

        Station(StationConfiguration config, LabelTemplate template, Map<String, String> defaults) {
            this.config = config;
            this.template = template;
            this.defaults = defaults;
        }

        String name() {
            return config.getName();
        }
    }

    /**
     * The configured stations, checked against the printers, scanners and templates, with nothing opened yet: built
     * before anything starts, so a configuration mistake stops the start with nothing to undo.
     */
    public static final class Plan {
        final List<Station> stations = new ArrayList<>();
        final Map<String, Station> byScanner = new LinkedHashMap<>();

        private Plan() {
        }
    }

    /** @throws IllegalStateException naming the configuration key that is wrong */
    public static Plan plan(List<StationConfiguration> configs, PrinterRegistry printers, ScannerRegistry scanners,
            TemplateService templates) {
        Plan plan = new Plan();
        List<StationConfiguration> sorted = new ArrayList<>(configs);
        sorted.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (StationConfiguration c : sorted) {
            Station s = check(c, printers, scanners, templates);
            Station other = plan.byScanner.putIfAbsent(c.getScanner(), s);
            if (other != null) {
                throw new GatewayConfigurationException("fg.stations." + c.getName() + ".scanner: scanner '" + c.getScanner()
                        + "' already serves station '" + other.name() + "'; a scanner serves one station");
            }
            plan.stations.add(s);
        }
        return plan;
    }

    public StationService(Plan plan, ScannerRegistry scanners, TemplateService templates, PrintSpooler spooler,
            ScanDecoder decoder, SyncEngine engine, EventHub events, StationProblems problemList) {
        this.stations = plan.stations;
        this.problemList = problemList;
        this.byScanner = plan.byScanner;
        this.scanners = scanners;
        this.templates = templates;
        this.spooler = spooler;
        this.decoder = decoder;
        this.engine = engine;
        this.events = events;
    }

    /** Opens the stations' scanners; from now on each read is handled by {@link #onScan}. */
    public void start() {
        scanners.start(this::onScan);
        for (Station s : stations) {
            LOG.info("station '{}': scanner '{}' -> printer '{}' with {} for tenant {}", s.name(),
                    s.config.getScanner(), s.config.getPrinter(), s.template == null ? "raw ZPL" : "template '"
                            + s.template.name() + "'", s.config.getTenant());
        }
    }

    private static Station check(StationConfiguration c, PrinterRegistry printers, ScannerRegistry scanners,
            TemplateService templates) {
        String key = "fg.stations." + c.getName();
        if (c.getName() == null || !ID.matcher(c.getName()).matches()) {
            throw new GatewayConfigurationException(key + ": a name must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (c.getScanner() == null || !scanners.contains(c.getScanner())) {
            throw new GatewayConfigurationException(key + ".scanner: " + (c.getScanner() == null ? "is required"
                    : "no scanner '" + c.getScanner() + "' in fg.scanners " + scanners.names()));
        }
        if (c.getPrinter() == null || !printers.contains(c.getPrinter())) {
            throw new GatewayConfigurationException(key + ".printer: " + (c.getPrinter() == null ? "is required"
                    : "no printer '" + c.getPrinter() + "' in fg.printers " + printers.names()));
        }
        if (c.getTenant() == null || !ID.matcher(c.getTenant()).matches()) {
            throw new GatewayConfigurationException(key + ".tenant: is required (the tenant whose orders the station "
                    + "prints; 1 to 64 letters, digits, '.', '_' or '-')");
        }
        if (c.getCopies() < 1 || c.getCopies() > MAX_COPIES) {
            throw new GatewayConfigurationException(key + ".copies: must be 1 to " + MAX_COPIES + ", got " + c.getCopies());
        }
        if (c.getOnScan() == null || c.getOnScan().isBlank()) {
            throw new GatewayConfigurationException(key + ".on-scan: is required (a template name, or raw)");
        }
        if (c.isRaw()) {
            return new Station(c, null, Map.of());
        }
        if (c.getWarehouse() == null || c.getWarehouse().isBlank()) {
            throw new GatewayConfigurationException(key + ".warehouse: is required (where the station's scans are looked "
                    + "up)");
        }
        LabelTemplate template = templates.find(c.getOnScan().trim()).orElseThrow(() -> new GatewayConfigurationException(
                key + ".on-scan: no template '" + c.getOnScan() + "' (built-in or in fg.templates-dir)"));
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : c.getDefaults().entrySet()) {
            TemplateField field = field(template, d.getKey()).orElseThrow(() -> new GatewayConfigurationException(key
                    + ".defaults." + d.getKey() + ": template '" + template.name() + "' has no field '" + d.getKey()
                    + "'"));
            defaults.put(field.name(), d.getValue());
        }
        return new Station(c, template, defaults);
    }

    /**
     * A template print job's data completed for a station ({@code POST /api/v1/print-jobs} naming it): fields the
     * caller left out take the station's {@code defaults}, then, at an {@code optional-from-sample} station,
     * optional fields take the template's sample; the same rule a scan at that station follows.
     */
    public static Map<String, String> completeForStation(StationConfiguration c, LabelTemplate template,
            Map<String, String> data) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : c.getDefaults().entrySet()) {
            field(template, d.getKey()).ifPresent(f -> defaults.put(f.name(), d.getValue()));
        }
        return LabelDataMapper.complete(data, template, defaults, c.isOptionalFromSample());
    }

    /**
     * The template field a configuration key names. Micronaut hands map keys over normalised (from_name and
     * fromName both arrive as from-name), so names are compared in that form.
     */
    static Optional<TemplateField> field(LabelTemplate template, String key) {
        String wanted = normalise(key);
        for (TemplateField f : template.fields()) {
            if (f.name().equals(key) || normalise(f.name()).equals(wanted)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    static String normalise(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isUpperCase(ch) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                sb.append('-');
            }
            sb.append(ch == '_' ? '-' : Character.toLowerCase(ch));
        }
        return sb.toString();
    }

    /** A read from any scanner (one thread per scanner, in order). */
    void onScan(Scan scan) {
        Station station = byScanner.get(scan.scanner());
        if (station == null) {
            unassigned.incrementAndGet();
            LOG.debug("scan on scanner '{}', which serves no station, ignored", scan.scanner());
            return;
        }
        try {
            Optional<PrintRequest> request = station.template == null ? raw(station, scan) : fromTemplate(station, scan);
            if (request.isPresent()) {
                PrintSpooler.Submitted s = spooler.submit(request.get());
                station.queued.incrementAndGet();
                LOG.debug("station '{}': scan {} -> print job {}", station.name(), quote(scan.data()),
                        s.job().jobId());
            }
        } catch (GatewayProblem | IllegalArgumentException e) {
            problem(station, scan, e.getMessage());
        } catch (SQLException e) {
            problem(station, scan, "the print spool failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("station '{}': scan {} failed", station.name(), quote(scan.data()), e);
            problem(station, scan, "internal error: " + e);
        }
    }

    private Optional<PrintRequest> raw(Station station, Scan scan) {
        String data = scan.data();
        if (!data.regionMatches(true, 0, "^XA", 0, 3)) {
            problem(station, scan, "station '" + station.name() + "' prints ZPL carried in the scan, and this scan "
                    + "does not start with ^XA");
            return Optional.empty();
        }
        ZplCommandPolicy policy = ZplCommandPolicy.forRole(station.config.isPrinterAdmin());
        ZplCheck check = policy.check(data);
        if (!check.allowed()) {
            LOG.warn("station '{}': raw ZPL scan refused for printer '{}': {}", station.name(),
                    station.config.getPrinter(), quote(check.message()));
            problem(station, scan, check.message() + "; station '" + station.name() + "' prints labels only "
                    + "(printer-control commands need fg.stations." + station.name() + ".printer-admin)");
            return Optional.empty();
        }
        if (policy.allowsAll()) {
            ZplCheck asLabel = ZplCommandPolicy.labelsOnly().check(data);
            if (!asLabel.allowed()) {
                LOG.warn("station '{}': printer admin role used, raw ZPL with {} sent to printer '{}'",
                        station.name(), quote(asLabel.message()), station.config.getPrinter());
            }
        }
        return Optional.of(PrintRequest.raw(jobId(station), station.config.getTenant(), station.config.getPrinter(),
                station.name(), data, "station:" + station.name()));
    }

    private Optional<PrintRequest> fromTemplate(Station station, Scan scan) {
        StationConfiguration c = station.config;
        ScanDecoder.DecodedScan decoded = decoder.decode(c.getTenant(), c.getWarehouse(), scan.data(), scan.aimId());
        Optional<Map<String, String>> values = LabelDataMapper.map(station.name(), c.getTenant(), c.getWarehouse(),
                decoded, engine.cache(), scan.receivedAt());
        if (values.isEmpty()) {
            station.noMatch.incrementAndGet();
            String nothing = "no order, SKU or bin of tenant " + c.getTenant() + " in warehouse " + c.getWarehouse()
                    + " matches the scan";
            if (c.isRehearse()) {
                return Optional.of(rehearsal(station, scan, nothing));
            }
            event(station, scan, "NO_MATCH", nothing);
            return Optional.empty();
        }
        Map<String, String> all = LabelDataMapper.complete(values.get(), station.template, station.defaults,
                c.isOptionalFromSample());
        Map<String, String> data = new LinkedHashMap<>();
        for (TemplateField f : station.template.fields()) {
            String v = all.get(f.name());
            if (v != null && !v.isEmpty()) {
                data.put(f.name(), v);
            }
        }
        String zpl = templates.render(station.template, data, c.getCopies()).zpl();
        return Optional.of(PrintRequest.template(jobId(station), c.getTenant(), c.getPrinter(), station.name(),
                station.template.name(), data, zpl, c.getCopies(), "station:" + station.name()));
    }

    /**
     * A rehearsing station's label for a scan that matched nothing: the template's sample values with the
     * station's defaults over them, and a REHEARSAL event saying that this label carries no real data.
     */
    private PrintRequest rehearsal(Station station, Scan scan, String nothing) {
        StationConfiguration c = station.config;
        Map<String, String> data = new LinkedHashMap<>();
        for (TemplateField f : station.template.fields()) {
            String v = station.defaults.get(f.name());
            if (v == null || v.isEmpty()) {
                v = station.template.sampleData().get(f.name());
            }
            if (v != null && !v.isEmpty()) {
                data.put(f.name(), v);
            }
        }
        String zpl = templates.render(station.template, data, c.getCopies()).zpl();
        String jobId = "st-" + station.name() + "-rehearsal-" + UUID.randomUUID();
        PrintRequest request = PrintRequest.template(jobId, c.getTenant(), c.getPrinter(), station.name(),
                station.template.name(), data, zpl, c.getCopies(), "station:" + station.name());
        publish(station, scan, "REHEARSAL", "rehearsal: " + nothing + "; prints template '"
                + station.template.name() + "' with its sample values and the station's defaults as job " + jobId
                + " (fg.stations." + station.name() + ".rehearse)");
        return request;
    }

    private static String jobId(Station station) {
        return "st-" + station.name() + "-" + UUID.randomUUID();
    }

    private void problem(Station station, Scan scan, String message) {
        station.problems.incrementAndGet();
        event(station, scan, "PROBLEM", message);
    }

    private void event(Station station, Scan scan, String outcome, String message) {
        LOG.info("station '{}': scan {} not printed: {}", station.name(), quote(scan.data()), message);
        problemList.add(station.name(), quote(scan.data()), message);
        publish(station, scan, outcome, message);
    }

    private void publish(Station station, Scan scan, String outcome, String message) {
        if (!"PROBLEM".equals(outcome) && !"NO_MATCH".equals(outcome)) {
            LOG.info("station '{}': scan {}: {}", station.name(), quote(scan.data()), message);
        }
        events.publish(GatewayEvent.STATION, station.config.getTenant(), null, new StationEvent(station.name(),
                scan.scanner(), station.config.getPrinter(), outcome, quote(scan.data()), message));
    }

    /** The scan for people: control characters shown as {@code <1D>}, cut at {@value #QUOTE_CHARS} characters. */
    static String quote(String data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.length() && sb.length() < QUOTE_CHARS; i++) {
            char ch = data.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                sb.append(String.format(Locale.ROOT, "<%02X>", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return data.length() > sb.length() && sb.length() >= QUOTE_CHARS ? sb + "..." : sb.toString();
    }

    /** One station's scans since start: spooled, matched nothing, other problems. */
    record Counters(String station, long queued, long noMatch, long problems) {
    }

    /** Per station, by name (for /metrics). */
    List<Counters> counters() {
        List<Counters> out = new ArrayList<>();
        for (Station s : stations) {
            out.add(new Counters(s.name(), s.queued.get(), s.noMatch.get(), s.problems.get()));
        }
        return out;
    }

    long unassignedScans() {
        return unassigned.get();
    }
}
