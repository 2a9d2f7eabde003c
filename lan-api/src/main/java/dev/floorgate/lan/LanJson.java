package dev.floorgate.lan;

import dev.floorgate.lan.internal.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON codec of the LAN API types (jackson-core streaming, no reflection, Android-safe). Writes exactly what the
 * gateway's controllers write: field names and order, null fields written as null or left out per field (see each
 * type), integers as integers. Reading is strict about what is there (a field of the wrong kind, or a required one
 * missing, is a {@link LanJsonException} naming it) and lenient about what is not known: unknown fields are skipped,
 * so an older reader keeps working against a newer gateway.
 *
 * <p>Also writes and reads inventory-protocol's {@code OperationResult} and {@code FieldProblem} as they appear
 * inside LAN bodies; operations themselves keep inventory-protocol's canonical JSON ({@code OperationJson}).
 */
public final class LanJson {
    private LanJson() {
    }

    /**
     * A LAN API object, a {@link List} of them (e.g. {@code GET /api/v1/admin/devices}), or a plain map/list/scalar
     * tree, as compact JSON.
     *
     * @throws IllegalArgumentException for a class the LAN API does not have
     */
    public static String write(Object value) {
        return Codecs.write(value);
    }

    /** {@link #write(Object)} as UTF-8 bytes. */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one JSON object as {@code type}. */
    public static <T> T read(String json, Class<T> type) throws LanJsonException {
        return Codecs.read(json, type);
    }

    /** Reads UTF-8 bytes of one JSON object as {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) throws LanJsonException {
        return Codecs.read(new String(json, StandardCharsets.UTF_8), type);
    }

    /** Reads a JSON array of objects of {@code elementType}. */
    public static <T> List<T> readList(String json, Class<T> elementType) throws LanJsonException {
        return Codecs.readList(json, elementType);
    }

    /**
     * Reads a JSON object of label field values, as the {@code data} of a {@link PrintJobRequest} (strings as they
     * are, numbers and booleans as their text, nulls skipped), e.g. the {@code ?data=} of a template preview.
     * Errors name {@code field}: MALFORMED JSON has no {@link LanJsonException#field()} but its message starts
     * with it.
     */
    public static Map<String, String> readFieldValues(String json, String field) throws LanJsonException {
        return Codecs.readFieldValues(json, field);
    }

    /**
     * A LAN API object as the plain tree its JSON reads as ({@link Map}s, {@link List}s, strings, numbers, booleans,
     * nulls), for code that looks into answers generically (the gateway's admin audit) rather than by type.
     */
    public static Object toTree(Object value) {
        return Codecs.toTree(value);
    }

    /** Whether {@code type} is a LAN API type this codec writes and reads (for a framework's body writer). */
    public static boolean handles(Class<?> type) {
        return Codecs.handles(type);
    }

    /** Every LAN API type this codec knows, in declaration order. */
    public static Set<Class<?>> types() {
        return Codecs.types();
    }
}
