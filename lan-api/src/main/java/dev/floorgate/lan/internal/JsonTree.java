package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.floorgate.lan.LanJsonException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a LAN API body into a plain tree with jackson-core's streaming parser: objects as {@link LinkedHashMap}
 * (document order), arrays as lists, integers as Long (BigInteger beyond 64 bits), other numbers as BigDecimal so
 * {@code 1.50} stays {@code 1.50}. Bodies are small; the tree keeps field readers simple and their errors exact.
 */
final class JsonTree {
    /** Deeper than any LAN body; a bound so a hostile body cannot exhaust the stack. */
    static final int MAX_DEPTH = 32;
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonTree() {
    }

    /** The document's one top-level value; {@code what} names what was expected, for the error. */
    static Object parse(String json, String what) throws LanJsonException {
        if (json == null || json.isEmpty()) {
            throw new LanJsonException(null, "expected " + what + ", got an empty body");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new LanJsonException(null, "expected " + what + ", got an empty body");
            }
            Object value = value(p, first);
            if (p.nextToken() != null) {
                throw new LanJsonException(null, "unexpected content after " + what + " at line "
                        + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
            }
            return value;
        } catch (JsonProcessingException e) {
            // a constraint violation (nesting deeper than MAX_DEPTH) carries no location
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new LanJsonException(null, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (LanJsonException e) {
            throw e;
        } catch (IOException e) {
            throw new LanJsonException(null, "unreadable JSON: " + e.getMessage(), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                    String name = p.currentName();
                    object.put(name, value(p, p.nextToken()));
                }
                return object;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(p, e));
                }
                return list;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }
}
