package dev.floorgate.gateway.internal.http;

import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.LanJsonException;

/**
 * Request bodies read once, as their LAN API type, with {@link LanJson}: controllers take {@code @Body String}
 * (serde would want a bean introspection the Android-safe lan types do not have) and call {@link #read}. A body
 * that is not what the type says is a {@link LanJsonException} naming the field, answered 400 by
 * {@link LanJsonProblemHandler}.
 */
public final class LanRequests {
    private LanRequests() {
    }

    /**
     * @param body the request body, null when there was none
     * @throws LanJsonException no body (MALFORMED_JSON), not a JSON object, or a field of the wrong kind (INVALID)
     */
    public static <T> T read(String body, Class<T> type) throws LanJsonException {
        if (body == null || body.trim().isEmpty()) {
            throw new LanJsonException(null, "body: a JSON object is required (" + type.getSimpleName() + ")");
        }
        return LanJson.read(body, type);
    }
}
