package dev.floorgate.core.internal;

import dev.floorgate.barcodes.CheckDigits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rows of a bulk import (IMPORT.md) and their checks, one set of rules for both sides: the import command
 * checks the whole file with them before it sends anything, and {@code POST /v1/import/{kind}} checks every batch
 * again (a client may be another program). A row is the JSON object of its kind (maps, lists, strings, numbers);
 * a problem names the field as the JSON path ({@code gtins[0]}, {@code lines[2].qty}).
 */
final class ImportRows {
    /** Rows per call of {@code POST /v1/import/{kind}}. */
    static final int MAX_ROWS = 1000;
    static final int MAX_LINES = OrderInput.MAX_LINES;
    /** The identifier rule of Inputs.code: tenants and warehouses appear in Redis keys and URLs. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ImportRows() {
    }

    /** What can be imported, with the fields of a row (the CSV columns; IMPORT.md). */
    enum Kind {
        WAREHOUSES("warehouses", List.of("tenant", "warehouse"), List.of("tenant", "warehouse")),
        SKUS("skus", List.of("tenant", "sku", "name", "unit", "gtins", "barcodes"), List.of("tenant", "sku", "name")),
        LOCATIONS("locations", List.of("tenant", "warehouse", "code", "type", "zone"),
                List.of("tenant", "warehouse", "code")),
        ORDERS("orders", List.of("tenant", "warehouse", "orderNo", "sku", "qty", "location"),
                List.of("tenant", "warehouse", "orderNo", "sku", "qty"));

        final String path;
        final List<String> columns;
        final List<String> required;

        Kind(String path, List<String> columns, List<String> required) {
            this.path = path;
            this.columns = columns;
            this.required = required;
        }

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.path.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown import kind '" + Inputs.clip(name)
                    + "': expected warehouses, skus, locations or orders");
        }
    }

    /** One problem of a row: the field (JSON path) and what is wrong, in words for the person fixing the file. */
    record Problem(String field, String problem) {
    }

    /** The natural key the import upserts by: tenant+sku, tenant+warehouse+code, tenant+warehouse+orderNo. */
    static String key(Kind kind, Map<String, Object> row) {
        String tw = row.get("tenant") + "\n" + (kind == Kind.SKUS ? "" : row.get("warehouse"));
        switch (kind) {
            case SKUS: return tw + "\n" + row.get("sku");
            case LOCATIONS: return tw + "\n" + row.get("code");
            case ORDERS: return tw + "\n" + row.get("orderNo");
            default: return tw;
        }
    }

    /** Every problem of one row; empty when the row is good. */
    static List<Problem> check(Kind kind, Map<String, Object> row) {
        List<Problem> p = new ArrayList<>();
        code(p, "tenant", row.get("tenant"));
        if (kind != Kind.SKUS) {
            code(p, "warehouse", row.get("warehouse"));
        }
        switch (kind) {
            case SKUS:
                text(p, "sku", row.get("sku"), 128, true);
                text(p, "name", row.get("name"), 255, true);
                text(p, "unit", row.get("unit"), 16, false);
                gtins(p, row.get("gtins"));
                list(p, "barcodes", row.get("barcodes"), 128);
                break;
            case LOCATIONS:
                text(p, "code", row.get("code"), 128, true);
                text(p, "type", row.get("type"), 32, false);
                text(p, "zone", row.get("zone"), 64, false);
                break;
            case ORDERS:
                text(p, "orderNo", row.get("orderNo"), 128, true);
                lines(p, row.get("lines"));
                break;
            default:
                break;
        }
        return p;
    }

    private static void lines(List<Problem> p, Object value) {
        if (!(value instanceof List<?> lines) || lines.isEmpty() || lines.size() > MAX_LINES) {
            p.add(new Problem("lines", "an order needs 1 to " + MAX_LINES + " lines, had "
                    + (value instanceof List<?> l ? l.size() : 0)));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String f = "lines[" + i + "].";
            if (!(lines.get(i) instanceof Map<?, ?> line)) {
                p.add(new Problem("lines[" + i + "]", "must be an object {sku, qty, location}"));
                continue;
            }
            text(p, f + "sku", line.get("sku"), 128, true);
            text(p, f + "location", line.get("location"), 128, false);
            Object qty = line.get("qty");
            Long n = qty instanceof Number num && num.doubleValue() == num.longValue() ? Long.valueOf(num.longValue())
                    : qty instanceof String s && s.matches("\\d{1,12}") ? Long.valueOf(s) : null;
            if (n == null || n < 1 || n > 1_000_000_000L) {
                p.add(new Problem(f + "qty", "must be a whole number 1..1000000000, was '" + Inputs.clip(
                        qty == null ? "" : String.valueOf(qty)) + "'"));
            }
        }
    }

    private static void gtins(List<Problem> p, Object value) {
        if (!list(p, "gtins", value, 14)) {
            return;
        }
        List<?> gtins = value == null ? List.of() : (List<?>) value;
        for (int i = 0; i < gtins.size(); i++) {
            String g = String.valueOf(gtins.get(i));
            String f = "gtins" + (gtins.size() > 1 ? "[" + i + "]" : "");
            if (!g.matches("\\d{8}|\\d{12}|\\d{13}|\\d{14}")) {
                p.add(new Problem(f, "a GTIN is 8, 12, 13 or 14 digits, got '" + Inputs.clip(g) + "'"));
            } else if (!CheckDigits.isValidGs1(g)) {
                p.add(new Problem(f, "check digit should be " + CheckDigits.gs1(g.substring(0, g.length() - 1))
                        + ", got " + g.charAt(g.length() - 1) + " (GTIN " + g + ")"));
            }
        }
    }

    /** Null or a list of at most 50 non-empty texts; false when it is not. */
    private static boolean list(List<Problem> p, String field, Object value, int max) {
        if (value == null) {
            return true;
        }
        if (!(value instanceof List<?> l)) {
            p.add(new Problem(field, "must be a list of texts"));
            return false;
        }
        if (l.size() > 50) {
            p.add(new Problem(field, l.size() + " entries, at most 50 allowed"));
            return false;
        }
        int before = p.size();
        for (int i = 0; i < l.size(); i++) {
            text(p, field + "[" + i + "]", l.get(i), max, true);
        }
        return p.size() == before;
    }

    private static void code(List<Problem> p, String field, Object value) {
        if (value == null || "".equals(value)) {
            p.add(new Problem(field, "is required"));
        } else if (!(value instanceof String s) || !CODE.matcher(s).matches()) {
            p.add(new Problem(field, "must be 1 to 64 letters, digits, '.', '_' or '-', was '"
                    + Inputs.clip(String.valueOf(value)) + "'"));
        }
    }

    private static void text(List<Problem> p, String field, Object value, int max, boolean required) {
        if (value == null || "".equals(value)) {
            if (required) {
                p.add(new Problem(field, "is required"));
            }
            return;
        }
        if (!(value instanceof String s)) {
            p.add(new Problem(field, "must be text, was " + value));
            return;
        }
        if (s.length() > max) {
            p.add(new Problem(field, "is " + s.length() + " characters, at most " + max + " allowed"));
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                p.add(new Problem(field, "contains control character 0x" + Integer.toHexString(s.charAt(i))
                        + " at index " + i));
                return;
            }
        }
    }

    // ------------------------------------------------------------------ typed rows, once checked

    static String str(Map<String, Object> row, String field, String dflt) {
        Object v = row.get(field);
        return v == null || "".equals(v) ? dflt : (String) v;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> row, String field) {
        Object v = row.get(field);
        return v == null ? List.of() : List.copyOf((List<String>) v);
    }

    static MasterDataStore.Sku sku(Map<String, Object> row) {
        return new MasterDataStore.Sku(str(row, "tenant", null), str(row, "sku", null), str(row, "name", null),
                strings(row, "gtins"), strings(row, "barcodes"), str(row, "unit", "EA"));
    }

    static MasterDataStore.Location location(Map<String, Object> row) {
        return new MasterDataStore.Location(str(row, "tenant", null), str(row, "warehouse", null),
                str(row, "code", null), str(row, "type", "BIN"), str(row, "zone", null));
    }

    static OrderStore.Ref orderRef(Map<String, Object> row) {
        return new OrderStore.Ref(str(row, "tenant", null), str(row, "warehouse", null), str(row, "orderNo", null));
    }

    @SuppressWarnings("unchecked")
    static List<OrderStore.Line> orderLines(Map<String, Object> row) {
        List<OrderStore.Line> lines = new ArrayList<>();
        List<Map<String, Object>> in = (List<Map<String, Object>>) row.get("lines");
        for (int i = 0; i < in.size(); i++) {
            Map<String, Object> l = in.get(i);
            Object q = l.get("qty");
            long qty = q instanceof Number n ? n.longValue() : Long.parseLong((String) q);
            lines.add(new OrderStore.Line(i + 1, str(l, "sku", null), qty, str(l, "location", null), 0, 0));
        }
        return lines;
    }
}
