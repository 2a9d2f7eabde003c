package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of request bodies and path values outside the operation itself; each failure is a 400 naming the field. */
final class Inputs {
    /** Tenants and warehouses appear in Redis keys and URLs: the identifier rule of OperationValidator. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern GTIN = Pattern.compile("\\d{8}|\\d{12}|\\d{13}|\\d{14}");
    static final int MAX_BODY = 64 * 1024;

    private Inputs() {
    }

    static <T> T read(JsonMapper json, byte[] body, Class<T> type) {
        return read(json, body, type, MAX_BODY);
    }

    static void size(byte[] body, int maxBytes) {
        if (body.length > maxBytes) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ResultCodes.BATCH_TOO_LARGE, "body of "
                    + body.length + " bytes exceeds " + maxBytes + " bytes");
        }
    }

    static <T> T read(JsonMapper json, byte[] body, Class<T> type, int maxBytes) {
        size(body, maxBytes);
        if (body.length == 0) {
            throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "request body is empty; expected a JSON object");
        }
        JsonDepthLimit.check(body);
        try {
            T value = json.readValue(body, Argument.of(type));
            if (value == null) {
                throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "expected a JSON object, found null");
            }
            return value;
        } catch (IOException e) {
            throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "not the JSON this endpoint takes: "
                    + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String code(String field, String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": must be 1 to 64 letters, digits, '.', '_' "
                    + "or '-', was '" + clip(value) + "'");
        }
        return value;
    }

    static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw ApiException.badRequest(ResultCodes.INVALID, field + ": is required");
            }
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": is " + value.length()
                    + " characters, at most " + max + " allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ApiException.badRequest(ResultCodes.INVALID, field + ": contains control character 0x"
                        + Integer.toHexString(value.charAt(i)) + " at index " + i);
            }
        }
        return value;
    }

    static List<String> gtins(List<String> values) {
        List<String> list = values == null ? List.of() : values;
        limit("gtins", list, 50);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null || !GTIN.matcher(list.get(i)).matches()) {
                throw ApiException.badRequest(ResultCodes.INVALID, "gtins[" + i + "]: must be 8, 12, 13 or 14 digits, "
                        + "was '" + clip(list.get(i)) + "'");
            }
        }
        return list;
    }

    static List<String> texts(String field, List<String> values, int max) {
        List<String> list = values == null ? List.of() : values;
        limit(field, list, 50);
        for (int i = 0; i < list.size(); i++) {
            text(field + "[" + i + "]", list.get(i), max, true);
        }
        return list;
    }

    private static void limit(String field, List<?> list, int max) {
        if (list.size() > max) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": " + list.size() + " entries, at most "
                    + max + " allowed");
        }
    }

    static long positive(String field, Long value) {
        if (value == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": is required");
        }
        if (value <= 0 || value > 1_000_000_000L) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": must be 1..1000000000, was " + value);
        }
        return value;
    }

    static long nonNegative(String field, Long value) {
        if (value == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": is required");
        }
        if (value < 0 || value > 1_000_000_000_000L) {
            throw ApiException.badRequest(ResultCodes.INVALID, field + ": must be 0..1000000000000, was " + value);
        }
        return value;
    }

    static String clip(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "...(" + s.length() + " chars)";
    }
}
