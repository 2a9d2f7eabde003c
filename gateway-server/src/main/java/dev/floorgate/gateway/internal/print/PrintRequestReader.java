package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.devices.PrinterAccess;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.devices.StationConfiguration;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.stations.StationService;
import dev.floorgate.lan.PrintJobRequest;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.RenderedLabel;
import dev.floorgate.templates.TemplateField;
import dev.floorgate.templates.ZplCheck;
import dev.floorgate.templates.ZplCommandPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the body of {@code POST /api/v1/print-jobs}, read once by {@code LanJson} as a lan
 * {@link PrintJobRequest}, and makes the domain's {@link PrintRequest} of it (API.md):
 * {@code {"jobId", "printer" | "station", "template", "data": {...}, "copies"}} or {@code {"jobId", "printer" |
 * "station", "zpl"}}, with an optional {@code "tenant"}. Every problem is INVALID naming the field, except a tenant
 * the caller does not hold (TENANT_FORBIDDEN). A station gives its printer, and its template when the body names none.
 *
 * <p>Printers take labels, not orders (issue 22): a printer the job's tenant may not use ({@link PrinterAccess}) is
 * answered exactly as an unknown printer, so a device never learns another tenant's printer exists; raw ZPL passes
 * {@link ZplCommandPolicy#labelsOnly()} unless the caller holds the printer admin role on that printer (the admin
 * token, or a device in {@code fg.printers.<name>.admin-devices}), else PRINTER_COMMAND_REFUSED names the first
 * offending command and its byte offset. Refusals and every use of the role are logged.
 */
public final class PrintRequestReader {
    private static final Logger LOG = LoggerFactory.getLogger(PrintRequestReader.class);
    /** Field values per job; a label has far fewer. */
    static final int MAX_FIELDS = 200;

    private final PrinterRegistry printers;
    private final List<StationConfiguration> stations;
    private final TemplateService templates;
    private final PrintConfiguration config;
    private final PrinterAccess access;

    public PrintRequestReader(PrinterRegistry printers, PrinterAccess access, List<StationConfiguration> stations,
            TemplateService templates, PrintConfiguration config) {
        this.printers = printers;
        this.access = access;
        this.stations = stations;
        this.templates = templates;
        this.config = config;
    }

    PrintRequest read(PrintJobRequest body, Caller caller) {
        String jobId = text(body.jobId());
        if (jobId == null) {
            throw invalid("jobId: is required (a client-made id such as a UUID; the same id again is the same job)");
        }
        if (!PrintRequest.JOB_ID.matcher(jobId).matches()) {
            throw invalid("jobId: must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        String tenant = text(body.tenant());
        if (!caller.admin()) {
            if (tenant != null && !tenant.equals(caller.tenant())) {
                throw GatewayProblem.tenantForbidden("tenant: this device belongs to tenant '" + caller.tenant()
                        + "', not '" + tenant + "'");
            }
            tenant = caller.tenant();
        }
        StationConfiguration station = null;
        String stationName = text(body.station());
        if (stationName != null) {
            station = station(stationName).orElseThrow(() -> invalid("station: no station '" + stationName + "'"));
            if (tenant == null) {
                tenant = station.getTenant();
            } else if (!tenant.equals(station.getTenant())) {
                throw GatewayProblem.tenantForbidden("station: station '" + stationName
                        + "' belongs to another tenant");
            }
        }
        if (tenant == null) {
            throw invalid("tenant: is required when the admin token posts a job without a station");
        }
        String printer = text(body.printer());
        if (printer == null && station != null) {
            printer = station.getPrinter();
        }
        if (printer == null) {
            throw invalid("printer: is required (or station)");
        }
        if (station != null && !printer.equals(station.getPrinter())) {
            throw invalid("printer: station '" + stationName + "' prints on '" + station.getPrinter() + "', not '"
                    + printer + "'");
        }
        if (!printers.contains(printer) || !access.mayPrint(tenant, printer)) {
            // another tenant's printer reads exactly like one that does not exist
            throw invalid("printer: no printer '" + printer + "'; configured: "
                    + access.visibleTo(caller.admin() ? null : tenant));
        }
        String zpl = text(body.zpl());
        String template = text(body.template());
        if (zpl != null) {
            if (template != null || body.data() != null) {
                throw invalid("zpl: a job is either raw ZPL or a template with data, not both");
            }
            if (body.copies() != null) {
                throw invalid("copies: raw ZPL prints as its own ^PQ says; leave copies out");
            }
            try {
                RenderedLabel.raw(zpl);
            } catch (IllegalArgumentException e) {
                throw invalid("zpl: " + e.getMessage());
            }
            checkCommands(zpl, jobId, printer, caller);
            return PrintRequest.raw(jobId, tenant, printer, stationName, zpl, caller.actor());
        }
        if (template == null && station != null && !station.isRaw()) {
            template = station.getOnScan();
        }
        if (template == null) {
            throw invalid("template: is required (or zpl for a raw ZPL label)");
        }
        LabelTemplate t = templates.require("template", template);
        int copies = copies(body.copies());
        Map<String, String> data = data(body.data());
        if (station != null && !station.isRaw()) {
            data = StationService.completeForStation(station, t, data);
        }
        for (TemplateField f : t.fields()) {
            String v = data.get(f.name());
            if (f.required() && (v == null || v.isEmpty())) {
                throw new GatewayProblem(ProblemCode.MISSING_FIELD, "data." + f.name() + ": template '" + t.name()
                        + "' needs field '" + f.name() + "' (" + f.type().keyword() + ")"
                        + (station == null ? "; name a station to fill it from the station's defaults"
                                : " and station '" + stationName + "' has no default for it"));
            }
        }
        String rendered = templates.render(t, data, copies).zpl();
        return PrintRequest.template(jobId, tenant, printer, stationName, t.name(), data, rendered, copies,
                caller.actor());
    }

    /**
     * Raw ZPL against the caller's policy on this printer: the admin token (site IT) and a device with the printer
     * admin role send anything (logged); everyone else label formatting only.
     *
     * @throws GatewayProblem PRINTER_COMMAND_REFUSED naming the command and its byte offset
     */
    private void checkCommands(String zpl, String jobId, String printer, Caller caller) {
        ZplCommandPolicy policy = caller.admin() ? ZplCommandPolicy.printerAdmin()
                : access.policyFor(caller.deviceId(), printer);
        ZplCheck check = policy.check(zpl);
        if (!check.allowed()) {
            LOG.warn("print job {} from {} refused: raw ZPL for printer '{}' carries {}", jobId, caller.actor(),
                    printer, printable(check.message()));
            throw new GatewayProblem(ProblemCode.PRINTER_COMMAND_REFUSED, "zpl: " + check.message() + "; printer "
                    + "'" + printer + "' takes label formatting only (PROTOCOLS.md 1.5), printer-control commands "
                    + "need the printer admin role site IT grants per printer");
        }
        if (policy.allowsAll()) {
            ZplCheck asLabel = ZplCommandPolicy.labelsOnly().check(zpl);
            if (!asLabel.allowed()) {
                LOG.warn("print job {} from {} on printer '{}': printer admin role used, raw ZPL with {} let "
                        + "through", jobId, caller.actor(), printer, printable(asLabel.message()));
            }
        }
    }

    /** Control characters of client bytes shown as {@code <0A>}, so a log line stays one line. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                sb.append(String.format(java.util.Locale.ROOT, "<%02X>", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private Optional<StationConfiguration> station(String name) {
        for (StationConfiguration s : stations) {
            if (s.getName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private int copies(Integer value) {
        if (value == null) {
            return 1;
        }
        if (value < 1 || value > config.getMaxCopies()) {
            throw invalid("copies: must be 1 to " + config.getMaxCopies() + " (fg.print.max-copies), got " + value);
        }
        return value;
    }

    /** Field values as given (null = none), bounded to {@link #MAX_FIELDS}. */
    static Map<String, String> data(Map<String, String> values) {
        if (values == null) {
            return new LinkedHashMap<>();
        }
        if (values.size() > MAX_FIELDS) {
            throw invalid("data: " + values.size() + " fields exceed the maximum of " + MAX_FIELDS);
        }
        return new LinkedHashMap<>(values);
    }

    /** An empty string counts as not given, as it did when bodies were read as maps. */
    private static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static GatewayProblem invalid(String message) {
        return GatewayProblem.invalid(message);
    }
}
