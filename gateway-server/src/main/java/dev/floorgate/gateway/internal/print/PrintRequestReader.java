package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.devices.StationConfiguration;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.RenderedLabel;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body of {@code POST /api/v1/print-jobs} into a {@link PrintRequest} (API.md):
 * {@code {"jobId", "printer" | "station", "template", "data": {...}, "copies"}} or {@code {"jobId", "printer" |
 * "station", "zpl"}}, with an optional {@code "tenant"}. Every problem is INVALID naming the field, except a tenant
 * the caller does not hold (TENANT_FORBIDDEN). A station gives its printer, and its template when the body names none.
 */
public final class PrintRequestReader {
    /** Field values per job; a label has far fewer. */
    static final int MAX_FIELDS = 200;

    private final PrinterRegistry printers;
    private final List<StationConfiguration> stations;
    private final TemplateService templates;
    private final PrintConfiguration config;

    public PrintRequestReader(PrinterRegistry printers, List<StationConfiguration> stations, TemplateService templates,
            PrintConfiguration config) {
        this.printers = printers;
        this.stations = stations;
        this.templates = templates;
        this.config = config;
    }

    PrintRequest read(Map<String, Object> body, Caller caller) {
        String jobId = text(body, "jobId");
        if (jobId == null) {
            throw invalid("jobId: is required (a client-made id such as a UUID; the same id again is the same job)");
        }
        if (!PrintRequest.JOB_ID.matcher(jobId).matches()) {
            throw invalid("jobId: must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        String tenant = text(body, "tenant");
        if (!caller.admin()) {
            if (tenant != null && !tenant.equals(caller.tenant())) {
                throw GatewayProblem.tenantForbidden("tenant: this device belongs to tenant '" + caller.tenant()
                        + "', not '" + tenant + "'");
            }
            tenant = caller.tenant();
        }
        StationConfiguration station = null;
        String stationName = text(body, "station");
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
        String printer = text(body, "printer");
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
        if (!printers.contains(printer)) {
            throw invalid("printer: no printer '" + printer + "'; configured: " + printers.names());
        }
        String zpl = text(body, "zpl");
        String template = text(body, "template");
        if (zpl != null) {
            if (template != null || body.get("data") != null) {
                throw invalid("zpl: a job is either raw ZPL or a template with data, not both");
            }
            if (body.get("copies") != null) {
                throw invalid("copies: raw ZPL prints as its own ^PQ says; leave copies out");
            }
            try {
                RenderedLabel.raw(zpl);
            } catch (IllegalArgumentException e) {
                throw invalid("zpl: " + e.getMessage());
            }
            return PrintRequest.raw(jobId, tenant, printer, stationName, zpl, caller.actor());
        }
        if (template == null && station != null && !station.isRaw()) {
            template = station.getOnScan();
        }
        if (template == null) {
            throw invalid("template: is required (or zpl for a raw ZPL label)");
        }
        LabelTemplate t = templates.require("template", template);
        int copies = copies(body.get("copies"));
        Map<String, String> data = data(body.get("data"));
        String rendered = templates.render(t, data, copies).zpl();
        return PrintRequest.template(jobId, tenant, printer, stationName, t.name(), data, rendered, copies,
                caller.actor());
    }

    private Optional<StationConfiguration> station(String name) {
        for (StationConfiguration s : stations) {
            if (s.getName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private int copies(Object value) {
        if (value == null) {
            return 1;
        }
        if (!(value instanceof Number) || value instanceof Double || value instanceof Float
                || (value instanceof BigDecimal && ((BigDecimal) value).scale() > 0)) {
            throw invalid("copies: must be a whole number from 1 to " + config.getMaxCopies());
        }
        long n = ((Number) value).longValue();
        if (n < 1 || n > config.getMaxCopies()) {
            throw invalid("copies: must be 1 to " + config.getMaxCopies() + " (fg.print.max-copies), got " + n);
        }
        return (int) n;
    }

    /** Field values as text: strings as they are, numbers and booleans written out, null = not given. */
    static Map<String, String> data(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map)) {
            throw invalid("data: must be a JSON object of field values");
        }
        Map<?, ?> map = (Map<?, ?>) value;
        if (map.size() > MAX_FIELDS) {
            throw invalid("data: " + map.size() + " fields exceed the maximum of " + MAX_FIELDS);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (v instanceof String) {
                out.put(key, (String) v);
            } else if (v instanceof BigDecimal) {
                out.put(key, ((BigDecimal) v).toPlainString());
            } else if (v instanceof Number || v instanceof Boolean) {
                out.put(key, v.toString());
            } else {
                throw invalid("data." + key + ": must be a string or a number");
            }
        }
        return out;
    }

    private static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw invalid(field + ": must be a string");
        }
        String s = (String) v;
        return s.isEmpty() ? null : s;
    }

    private static GatewayProblem invalid(String message) {
        return GatewayProblem.invalid(message);
    }
}
