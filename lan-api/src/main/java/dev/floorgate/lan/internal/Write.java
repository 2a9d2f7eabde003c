package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Field writers with the three rules the gateway uses for a null or empty value. */
final class Write {
    /** Written as JSON null when null (the gateway's maps keep null entries). */
    static final int ALWAYS = 0;
    /** Left out when null. */
    static final int NON_NULL = 1;
    /** Left out when null, an empty string or an empty collection (the gateway's serde beans). */
    static final int NON_EMPTY = 2;

    interface ObjectWriter<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private Write() {
    }

    private static boolean skip(Object v, int rule) {
        if (v == null) {
            return rule != ALWAYS;
        }
        if (rule == NON_EMPTY) {
            return (v instanceof String && ((String) v).isEmpty()) || (v instanceof Collection && ((Collection<?>) v)
                    .isEmpty()) || (v instanceof Map && ((Map<?, ?>) v).isEmpty());
        }
        return false;
    }

    static void str(JsonGenerator g, String name, String v, int rule) throws IOException {
        if (skip(v, rule)) {
            return;
        }
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v);
        }
    }

    static void number(JsonGenerator g, String name, Number v, int rule) throws IOException {
        if (skip(v, rule)) {
            return;
        }
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v.longValue());
        }
    }

    static void bool(JsonGenerator g, String name, Boolean v, int rule) throws IOException {
        if (skip(v, rule)) {
            return;
        }
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeBoolean(v);
        }
    }

    static void strings(JsonGenerator g, String name, List<String> v, int rule) throws IOException {
        if (skip(v, rule)) {
            return;
        }
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String s : v) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    static <T> void list(JsonGenerator g, String name, List<T> v, int rule, ObjectWriter<T> element)
            throws IOException {
        if (skip(v, rule)) {
            return;
        }
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (T t : v) {
            element.write(g, t);
        }
        g.writeEndArray();
    }

    static <T> void object(JsonGenerator g, String name, T v, int rule, ObjectWriter<T> writer) throws IOException {
        if (skip(v, rule)) {
            return;
        }
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            writer.write(g, v);
        }
    }

    static void strMap(JsonGenerator g, String name, Map<String, String> v, int rule) throws IOException {
        any(g, name, v, rule);
    }

    static void numMap(JsonGenerator g, String name, Map<String, Long> v, int rule) throws IOException {
        any(g, name, v, rule);
    }

    static void any(JsonGenerator g, String name, Object v, int rule) throws IOException {
        if (skip(v, rule)) {
            return;
        }
        g.writeFieldName(name);
        value(g, v);
    }

    /** A plain tree (maps, lists, strings, numbers, booleans, null) or any type {@link Codecs} knows. */
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            Codecs.writeTyped(g, v);
        }
    }
}
