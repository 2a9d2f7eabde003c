package dev.floorgate.rates.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One value of a rate card file with the line it starts on and its path ({@code zones[1].destinations[0].country}),
 * so every validation error can name both. Scalars keep the text as written: YAML 1.1 would read the country
 * {@code NO} as a boolean and {@code 12.40} as a binary float; the card wants the letters and the exact decimal.
 */
final class Node {
    private final String file;
    private final String path;
    private final int line;
    private final Map<String, Node> fields;
    private final List<Node> items;
    private final String scalar;
    private final Set<String> read = new LinkedHashSet<>();

    private Node(String file, String path, int line, Map<String, Node> fields, List<Node> items, String scalar) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.fields = fields;
        this.items = items;
        this.scalar = scalar;
    }

    static Node map(String file, String path, int line, Map<String, Node> fields) {
        return new Node(file, path, line, fields, null, null);
    }

    static Node list(String file, String path, int line, List<Node> items) {
        return new Node(file, path, line, null, items, null);
    }

    static Node scalar(String file, String path, int line, String text) {
        return new Node(file, path, line, null, null, text);
    }

    public String path() {
        return path.isEmpty() ? "(top)" : path;
    }

    public int line() {
        return line;
    }

    /** The error every validation problem becomes: file, line, field, what was wrong. */
    public IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(file + " line " + line + ", " + path() + ": " + what);
    }

    public IllegalArgumentException problem(String what, Throwable cause) {
        IllegalArgumentException e = problem(what);
        e.initCause(cause);
        return e;
    }

    public boolean isMap() {
        return fields != null;
    }

    public Node require(String name) {
        Node n = optional(name);
        if (n == null) {
            // a typo of a required field shows up here first; the fields present point at it
            throw problem("missing field '" + name + "' (fields here: " + fields.keySet() + ")");
        }
        return n;
    }

    public Node optional(String name) {
        if (fields == null) {
            throw problem("expected a map with field '" + name + "', found " + kind());
        }
        read.add(name);
        Node n = fields.get(name);
        return n == null || n.isNull() ? null : n;
    }

    /** Field names in file order (zone names, the keys of {@code rates}); marks them all read. */
    public List<String> keys() {
        if (fields == null) {
            throw problem("expected a map, found " + kind());
        }
        read.addAll(fields.keySet());
        return new ArrayList<>(fields.keySet());
    }

    /** Typos must not pass silently: a field nobody read is an error ("trasitDays" would otherwise be ignored). */
    public void rejectUnknownFields() {
        for (Map.Entry<String, Node> e : fields.entrySet()) {
            if (!read.contains(e.getKey())) {
                throw e.getValue().problem("unknown field '" + e.getKey() + "' (allowed here: " + read + ")");
            }
        }
    }

    public List<Node> items() {
        if (items == null) {
            throw problem("expected a list, found " + kind());
        }
        return Collections.unmodifiableList(items);
    }

    public List<Node> nonEmptyItems() {
        List<Node> list = items();
        if (list.isEmpty()) {
            throw problem("must not be empty");
        }
        return list;
    }

    public String text() {
        if (scalar == null) {
            throw problem("expected a single value, found " + kind());
        }
        String t = scalar.trim();
        if (t.isEmpty()) {
            throw problem("must not be empty");
        }
        return t;
    }

    public BigDecimal decimal() {
        String t = text();
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw problem("'" + t + "' is not a decimal number", e);
        }
    }

    public BigDecimal nonNegative() {
        BigDecimal d = decimal();
        if (d.signum() < 0) {
            throw problem("must not be negative, was " + d.toPlainString());
        }
        return d;
    }

    public BigDecimal positive() {
        BigDecimal d = decimal();
        if (d.signum() <= 0) {
            throw problem("must be positive, was " + d.toPlainString());
        }
        return d;
    }

    public int positiveInt() {
        String t = text();
        try {
            int v = Integer.parseInt(t);
            if (v <= 0) {
                throw problem("must be a positive whole number, was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw problem("'" + t + "' is not a whole number", e);
        }
    }

    public int nonNegativeInt() {
        String t = text();
        try {
            int v = Integer.parseInt(t);
            if (v < 0) {
                throw problem("must not be negative, was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw problem("'" + t + "' is not a whole number", e);
        }
    }

    public LocalDate date() {
        String t = text();
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw problem("'" + t + "' is not a date (YYYY-MM-DD)", e);
        }
    }

    private boolean isNull() {
        return scalar != null && (scalar.equals("~") || scalar.equals("null"));
    }

    private String kind() {
        return fields != null ? "a map" : items != null ? "a list" : "'" + scalar + "'";
    }

    static Map<String, Node> newFields() {
        return new LinkedHashMap<>();
    }
}
