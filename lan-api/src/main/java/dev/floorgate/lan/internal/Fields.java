package dev.floorgate.lan.internal;

import dev.floorgate.lan.LanJsonException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed JSON object and where it sits in its document, with typed field readers. A field of the wrong kind, or
 * a required field that is missing or null, is a {@link LanJsonException} naming the field's path; absent optional
 * fields read as null, 0, false or empty; fields nobody asks for are ignored.
 */
final class Fields {
    interface Reader<T> {
        T read(Fields o) throws LanJsonException;
    }

    private final Map<String, Object> map;
    private final String path;

    Fields(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private Object get(String name, boolean required) throws LanJsonException {
        Object v = map.get(name);
        if (v == null && required) {
            throw new LanJsonException(path(name), map.containsKey(name) ? "must not be null" : "is required");
        }
        return v;
    }

    String str(String name, boolean required) throws LanJsonException {
        Object v = get(name, required);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrong(path(name), "a string", v);
    }

    long lng(String name, boolean required) throws LanJsonException {
        Long v = boxedLong(name, required);
        return v == null ? 0 : v;
    }

    int integer(String name, boolean required) throws LanJsonException {
        Integer v = boxedInteger(name, required);
        return v == null ? 0 : v;
    }

    boolean bool(String name, boolean required) throws LanJsonException {
        Boolean v = boxedBool(name, required);
        return v != null && v;
    }

    Long boxedLong(String name, boolean required) throws LanJsonException {
        return whole(path(name), get(name, required));
    }

    Integer boxedInteger(String name, boolean required) throws LanJsonException {
        Long v = boxedLong(name, required);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new LanJsonException(path(name), v + " is out of range for a 32-bit integer");
        }
        return v.intValue();
    }

    Boolean boxedBool(String name, boolean required) throws LanJsonException {
        Object v = get(name, required);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw wrong(path(name), "true or false", v);
    }

    List<String> strings(String name, boolean required) throws LanJsonException {
        List<?> raw = array(name, required);
        if (raw == null) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Object e = raw.get(i);
            if (!(e instanceof String)) {
                throw wrong(path(name) + "[" + i + "]", "a string", e);
            }
            out.add((String) e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    <T> List<T> list(String name, boolean required, boolean nullable, Reader<T> reader) throws LanJsonException {
        List<?> raw = array(name, required);
        if (raw == null) {
            return nullable ? null : Collections.<T>emptyList();
        }
        List<T> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Object e = raw.get(i);
            String at = path(name) + "[" + i + "]";
            if (!(e instanceof Map)) {
                throw wrong(at, "an object", e);
            }
            out.add(reader.read(new Fields((Map<String, Object>) e, at)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    <T> T object(String name, boolean required, Reader<T> reader) throws LanJsonException {
        Object v = get(name, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw wrong(path(name), "an object", v);
        }
        return reader.read(new Fields((Map<String, Object>) v, path(name)));
    }

    /**
     * An object of field values as text: strings as they are, numbers and booleans written out (as the gateway
     * prints them), null values skipped.
     */
    Map<String, String> strMap(String name, boolean required, boolean nullable) throws LanJsonException {
        Map<String, Object> raw = rawObject(name, required);
        if (raw == null) {
            return nullable ? null : Collections.<String, String>emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (v instanceof String || v instanceof Long || v instanceof BigInteger || v instanceof Boolean) {
                out.put(e.getKey(), v.toString());
            } else if (v instanceof BigDecimal) {
                out.put(e.getKey(), ((BigDecimal) v).toPlainString());
            } else {
                throw wrong(path(name) + "." + e.getKey(), "a string or a number", v);
            }
        }
        return out;
    }

    Map<String, Long> numMap(String name, boolean required) throws LanJsonException {
        Map<String, Object> raw = rawObject(name, required);
        if (raw == null) {
            return Collections.emptyMap();
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Long v = whole(path(name) + "." + e.getKey(), e.getValue());
            if (v == null) {
                throw new LanJsonException(path(name) + "." + e.getKey(), "must not be null");
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** The field's value as a plain tree (maps, lists, strings, Long/BigInteger/BigDecimal, booleans), or null. */
    Object any(String name) {
        return map.get(name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rawObject(String name, boolean required) throws LanJsonException {
        Object v = get(name, required);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw wrong(path(name), "an object", v);
    }

    private List<?> array(String name, boolean required) throws LanJsonException {
        Object v = get(name, required);
        if (v == null || v instanceof List) {
            return (List<?>) v;
        }
        throw wrong(path(name), "an array", v);
    }

    private static Long whole(String at, Object v) throws LanJsonException {
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof BigInteger) {
            throw new LanJsonException(at, v + " is out of range for a 64-bit integer");
        }
        if (v instanceof BigDecimal) {
            throw new LanJsonException(at, "expected a whole number, got " + ((BigDecimal) v).toPlainString());
        }
        throw wrong(at, "a whole number", v);
    }

    static LanJsonException wrong(String at, String expected, Object got) {
        return new LanJsonException(at, "expected " + expected + ", got " + describe(got));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            String s = (String) v;
            return "the string \"" + (s.length() <= 40 ? s : s.substring(0, 40) + "...") + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Boolean) {
            return v.toString();
        }
        return "the number " + (v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v);
    }
}
