package dev.floorgate.sync.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document from the core into plain maps, lists, strings, longs, doubles and booleans, with bounded
 * nesting and string length (jackson-core streaming; no data binding). For small documents whose shape is checked
 * field by field afterwards: changes pages and error bodies.
 */
public final class JsonTree {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(1_000_000).build())
            .build();

    private JsonTree() {
    }

    /** The document's value; an IOException says where the syntax is broken. */
    public static Object parse(byte[] json, String what) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException(what + " is empty");
            }
            Object value = value(p, t);
            if (p.nextToken() != null) {
                throw new IOException(what + ": unexpected content after the JSON document at line "
                        + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
            }
            return value;
        } catch (JsonProcessingException e) {
            // A constraint violation (nesting deeper than the limit) carries no location.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new IOException(what + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    list.add(value(p, n));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** The string at {@code key}, or null when absent or not a string. */
    public static String string(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v instanceof String ? (String) v : null;
    }

    /** The integer at {@code key}, or {@code dflt} when absent or not an integer. */
    public static long integer(Map<?, ?> map, String key, long dflt) {
        Object v = map.get(key);
        return v instanceof Long ? (Long) v : dflt;
    }

    /** The strings of the array at {@code key} (other elements skipped); empty when absent. */
    public static List<String> strings(Map<?, ?> map, String key) {
        List<String> out = new ArrayList<>();
        Object v = map.get(key);
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                if (o instanceof String) {
                    out.add((String) o);
                }
            }
        }
        return out;
    }
}
