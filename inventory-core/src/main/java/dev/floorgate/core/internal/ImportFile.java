package dev.floorgate.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an import file, CSV with a header row or JSON lines (IMPORT.md), into rows of {@link ImportRows} and checks
 * all of them, so that a file with any bad row is reported whole (file line, field, problem) before anything is
 * sent. CSV goes through Apache Commons CSV, not a split on commas: quoted fields with commas, doubled quotes and
 * line breaks, and CRLF endings are what spreadsheets write, and a hand-made parser gets exactly those wrong. A
 * UTF-8 byte order mark (Excel's "CSV UTF-8") is dropped; blank lines are skipped.
 */
final class ImportFile {
    private ImportFile() {
    }

    /** A row and where it came from: its first file line, and for a CSV order the file line of each order line. */
    record Row(Map<String, Object> fields, int line, List<Integer> lineOfLines) {
    }

    /** One problem of the file, as the report prints it. */
    record Error(int line, String field, String problem) {
        String format(String fileName) {
            return fileName + " line " + line + (field.isEmpty() ? "" : ", field " + field) + ": " + problem;
        }
    }

    /** The rows, or the problems (rows are only worth sending when there are none). */
    record Parsed(List<Row> rows, List<Error> errors) {
    }

    static Parsed read(Path file, ImportRows.Kind kind, boolean csv, String defaultTenant) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Parsed(List.of(), List.of(new Error(1, "", "the file is not UTF-8 text (" + e + ")")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Error> errors = new ArrayList<>();
        List<Row> rows = csv ? csv(text, kind, errors) : jsonLines(text, kind, errors);
        if (!errors.isEmpty()) {
            return new Parsed(List.of(), errors);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows) {
            Object tenant = row.fields().get("tenant");
            if (defaultTenant != null && (tenant == null || "".equals(tenant))) {
                row.fields().put("tenant", defaultTenant);
            }
            List<ImportRows.Problem> problems = ImportRows.check(kind, row.fields());
            for (ImportRows.Problem p : problems) {
                errors.add(locate(row, p));
            }
            if (problems.isEmpty() && !(csv && kind == ImportRows.Kind.ORDERS)) {
                Integer first = seen.putIfAbsent(ImportRows.key(kind, row.fields()), row.line());
                if (first != null) {
                    errors.add(new Error(row.line(), "", "the same " + kind.path.substring(0, kind.path.length() - 1)
                            + " as line " + first + " (each is imported once per file)"));
                }
            }
        }
        return new Parsed(errors.isEmpty() ? rows : List.of(), errors);
    }

    /** A problem of a CSV order's line N is reported at that line's row of the file, with the plain column name. */
    static Error locate(Row row, ImportRows.Problem p) {
        if (row.lineOfLines() != null && p.field().startsWith("lines[")) {
            int close = p.field().indexOf(']');
            int i = Integer.parseInt(p.field().substring(6, close));
            String field = close + 2 <= p.field().length() ? p.field().substring(close + 2) : "";
            return new Error(row.lineOfLines().get(i), field, p.problem());
        }
        return new Error(row.line(), p.field(), p.problem());
    }

    private static List<Row> csv(String text, ImportRows.Kind kind, List<Error> errors) throws IOException {
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        Map<String, Row> orders = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<String> header = parser.getHeaderNames();
            for (String h : header) {
                if (!kind.columns.contains(h)) {
                    errors.add(new Error(1, h, "unknown column; the columns of " + kind.path + " are "
                            + String.join(",", kind.columns)));
                }
            }
            for (String r : kind.required) {
                if (!header.contains(r) && !r.equals("tenant")) { // --tenant may stand for the column
                    errors.add(new Error(1, r, "required column missing (header: " + String.join(",", header) + ")"));
                }
            }
            if (!errors.isEmpty()) {
                return rows;
            }
            for (CSVRecord rec : parser) {
                int line = lineOf(text, lineStarts, rec.getCharacterPosition());
                if (!rec.isConsistent()) {
                    errors.add(new Error(line, "", "has " + rec.size() + " fields, the header has " + header.size()));
                    continue;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                for (String h : header) {
                    String v = rec.get(h);
                    if (!v.isEmpty()) {
                        f.put(h, v);
                    }
                }
                if (f.isEmpty()) {
                    continue; // ",,," as spreadsheets save trailing empty rows
                }
                if (kind == ImportRows.Kind.SKUS) {
                    split(f, "gtins");
                    split(f, "barcodes");
                }
                if (kind != ImportRows.Kind.ORDERS) {
                    rows.add(new Row(f, line, null));
                    continue;
                }
                Map<String, Object> orderLine = new LinkedHashMap<>();
                for (String c : List.of("sku", "qty", "location")) {
                    Object v = f.remove(c);
                    if (v != null) {
                        orderLine.put(c, v);
                    }
                }
                Row order = orders.computeIfAbsent(f.get("tenant") + "\n" + f.get("warehouse") + "\n"
                        + f.get("orderNo"), k -> {
                            f.put("lines", new ArrayList<>());
                            Row o = new Row(f, line, new ArrayList<>());
                            rows.add(o);
                            return o;
                        });
                lines(order).add(orderLine);
                order.lineOfLines().add(line);
            }
        } catch (UncheckedIOException e) {
            errors.add(new Error(rows.isEmpty() ? 2 : rows.get(rows.size() - 1).line() + 1, "",
                    "not readable as CSV: " + e.getCause().getMessage()));
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> lines(Row order) {
        return (List<Object>) order.fields().get("lines");
    }

    /** "a|b" in a CSV cell is the list [a, b] (IMPORT.md). */
    private static void split(Map<String, Object> f, String field) {
        Object v = f.get(field);
        if (v instanceof String s) {
            f.put(field, new ArrayList<>(Arrays.asList(s.split("\\|", -1))));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Row> jsonLines(String text, ImportRows.Kind kind, List<Error> errors) {
        List<String> allowed = kind == ImportRows.Kind.ORDERS
                ? List.of("tenant", "warehouse", "orderNo", "lines") : kind.columns;
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Object v;
            try {
                v = ImportJson.parse(lines[i]);
            } catch (IOException e) {
                errors.add(new Error(i + 1, "", "not JSON: " + e.getMessage().split("\n")[0]));
                continue;
            }
            if (!(v instanceof Map<?, ?>)) {
                errors.add(new Error(i + 1, "", "expected a JSON object, one per line"));
                continue;
            }
            Map<String, Object> f = (Map<String, Object>) v;
            for (String name : f.keySet()) {
                if (!allowed.contains(name)) {
                    errors.add(new Error(i + 1, name, "unknown field; the fields of " + kind.path + " are "
                            + String.join(",", allowed)));
                }
            }
            if (kind == ImportRows.Kind.SKUS) {
                split(f, "gtins");
                split(f, "barcodes");
            }
            rows.add(new Row(f, i + 1, null));
        }
        return rows;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of a record starting at {@code position} (Commons CSV counts skipped blank lines in). */
    private static int lineOf(String text, int[] starts, long position) {
        int pos = (int) position;
        while (pos < text.length() && (text.charAt(pos) == '\r' || text.charAt(pos) == '\n')) {
            pos++;
        }
        int i = Arrays.binarySearch(starts, pos);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
