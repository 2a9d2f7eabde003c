package dev.floorgate.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.floorgate.protocol.internal.Hashing;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON wire form of operations, results and batches (API.md), written in one canonical form so the PDA,
 * the gateway and the core produce the same bytes for the same operation: fields in the order of API.md,
 * absent fields omitted, no whitespace. Uses Jackson's streaming parser and generator (jackson-core only: small,
 * Android-safe, no reflection).
 *
 * <p>Reading is lenient per operation and strict per document: a syntax error fails the whole document with
 * {@link MalformedJsonException} (line and column), while a field of the wrong JSON type inside one operation is
 * recorded on that operation ({@link Operation#readProblems()}) so that one bad operation is rejected alone and
 * does not take its batch down. Unknown fields are ignored.
 */
public final class OperationJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                    .maxStringLength(1_000_000).build())
            .build();

    private OperationJson() {
    }

    // ---------------------------------------------------------------- writing

    /** The canonical JSON of one operation. */
    public static String write(Operation op) {
        return generate(g -> writeOperation(g, op));
    }

    /** The canonical JSON bytes of one operation (UTF-8). */
    public static byte[] writeBytes(Operation op) {
        return write(op).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A stable fingerprint of an operation's content: lowercase hex SHA-256 of its canonical JSON without
     * {@code receivedAt}. Two requests with the same opId and different fingerprints are {@code OP_ID_REUSED}.
     * {@code receivedAt} is left out because it says when a gateway received the operation, not what it is: a
     * device resending an opId, or an operation accepted again after a gateway lost its outbox, carries another
     * receive time and is still the same operation.
     */
    public static String fingerprint(Operation op) {
        return Hashing.sha256Hex(writeContent(op).getBytes(StandardCharsets.UTF_8));
    }

    /** The canonical JSON of what an operation is: all its fields but {@code receivedAt} (see {@link #fingerprint}). */
    public static String writeContent(Operation op) {
        return op.receivedAt() == null ? write(op) : write(op.toBuilder().receivedAt(null).build());
    }

    /** Whether two operations are the same operation: equal canonical JSON apart from {@code receivedAt}. */
    public static boolean sameContent(Operation a, Operation b) {
        return writeContent(a).equals(writeContent(b));
    }

    public static String writeResult(OperationResult r) {
        return generate(g -> writeResult(g, r));
    }

    /** {@code {"gatewayId":"...","operations":[...]}}. */
    public static String writeBatch(BatchRequest batch) {
        return generate(g -> {
            g.writeStartObject();
            if (batch.gatewayId() != null) {
                g.writeStringField("gatewayId", batch.gatewayId());
            }
            g.writeArrayFieldStart("operations");
            for (Operation op : batch.operations()) {
                writeOperation(g, op);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"results":[...]}}. */
    public static String writeResults(List<OperationResult> results) {
        return generate(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            for (OperationResult r : results) {
                writeResult(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Writes one operation object to an open generator (for callers that embed operations in bigger documents). */
    public static void writeOperation(JsonGenerator g, Operation op) throws IOException {
        g.writeStartObject();
        str(g, "opId", op.opId());
        str(g, "tenant", op.tenant());
        str(g, "warehouse", op.warehouse());
        str(g, "type", op.typeName());
        str(g, "sku", op.sku());
        if (op.qty() != null) {
            g.writeNumberField("qty", op.qty());
        }
        str(g, "location", op.location());
        str(g, "toLocation", op.toLocation());
        str(g, "orderNo", op.orderNo());
        str(g, "lot", op.lot());
        str(g, "serial", op.serial());
        str(g, "expiry", op.expiry());
        str(g, "deviceId", op.deviceId());
        str(g, "operator", op.operator());
        str(g, "occurredAt", op.occurredAt());
        str(g, "receivedAt", op.receivedAt());
        str(g, "entryMethod", op.entryMethod());
        g.writeEndObject();
    }

    public static void writeResult(JsonGenerator g, OperationResult r) throws IOException {
        g.writeStartObject();
        str(g, "opId", r.opId());
        g.writeStringField("status", r.status().name());
        str(g, "code", r.code());
        str(g, "message", r.message());
        if (r.stock() != null) {
            g.writeObjectFieldStart("stock");
            g.writeNumberField("onHand", r.stock().onHand());
            g.writeNumberField("usable", r.stock().usable());
            g.writeNumberField("reserved", r.stock().reserved());
            g.writeEndObject();
        }
        if (r.delta() != null) {
            g.writeNumberField("delta", r.delta());
        }
        g.writeEndObject();
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String generate(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- reading

    /** Reads one operation object. */
    public static Operation readOperation(String json) {
        return parse(json, p -> {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "an operation object");
            Operation op = OperationReader.read(p);
            expectEnd(p);
            return op;
        });
    }

    /**
     * Reads what a device posts to the gateway: one operation object, or {@code {"operations":[...]}}.
     */
    public static List<Operation> readOperations(String json) {
        return parse(json, p -> {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "an operation or {\"operations\":[...]}");
            List<Operation> ops = OperationReader.readOneOrMany(p);
            expectEnd(p);
            return ops;
        });
    }

    /** Reads the body of {@code POST /v1/operations:batch}. */
    public static BatchRequest readBatch(String json) {
        return parse(json, p -> {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "a batch object");
            BatchRequest batch = OperationReader.readBatch(p);
            expectEnd(p);
            return batch;
        });
    }

    /** Reads one result object. */
    public static OperationResult readResult(String json) {
        return parse(json, p -> {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "a result object");
            OperationResult r = OperationReader.readResult(p);
            expectEnd(p);
            return r;
        });
    }

    /** Reads {@code {"results":[...]}}. */
    public static List<OperationResult> readResults(String json) {
        return parse(json, p -> {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "{\"results\":[...]}");
            List<OperationResult> results = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("results".equals(name)) {
                    expect(p, value, JsonToken.START_ARRAY, "results: an array");
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        expect(p, p.currentToken(), JsonToken.START_OBJECT, "results[]: an object");
                        results.add(OperationReader.readResult(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
            expectEnd(p);
            return results;
        });
    }

    interface ParseBody<T> {
        T read(JsonParser p) throws IOException;
    }

    private static <T> T parse(String json, ParseBody<T> body) {
        if (json == null || json.isEmpty()) {
            throw new MalformedJsonException("request body is empty; expected JSON");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return body.read(p);
        } catch (JsonProcessingException e) {
            // A constraint violation (nesting deeper than the limit) carries no location: say so without one.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new MalformedJsonException("malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new MalformedJsonException("expected " + what + " at line "
                    + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr()
                    + ", found " + (actual == null ? "end of input" : actual.asString() == null
                            ? actual.name() : "'" + actual.asString() + "'"));
        }
    }

    private static void expectEnd(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new MalformedJsonException("unexpected content after the JSON document at line "
                    + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
        }
    }
}
