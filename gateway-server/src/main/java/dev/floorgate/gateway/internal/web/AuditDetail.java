package dev.floorgate.gateway.internal.web;

import dev.floorgate.lan.LanJson;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of an answer worth keeping in the audit ({@link AdminAuditFilter}): a job's new state and the person's
 * reason, a refusal's message, what an enrollment code is for. Answers are typed (page records, LAN API types,
 * error bodies), so they are read as the JSON the client got, by field name, whatever their Java type.
 */
final class AuditDetail {
    private static final List<String> KEYS = List.of("error", "message", "state", "printer", "tenant", "warehouse",
            "expiresAt", "revoked", "deviceId", "found", "acknowledged");

    private AuditDetail() {
    }

    /** "key=value, ..." for the keys above that the answer has (a list by its size), or null. */
    static String of(JsonMapper json, Object body) {
        JsonNode m = tree(json, body);
        if (m == null || !m.isObject()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String key : KEYS) {
            JsonNode v = m.get(key);
            if (v == null || v.isNull() || v.isObject()) {
                continue;
            }
            parts.add(key + "=" + (v.isArray() ? Integer.toString(v.size()) : scalar(v)));
        }
        JsonNode resolution = m.get("resolution");
        JsonNode reason = resolution == null || !resolution.isObject() ? null : resolution.get("reason");
        if (reason != null && !reason.isNull()) {
            parts.add("reason=" + scalar(reason));
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** The answer as the client got it; null when there is none or it cannot be read (the audit row still counts). */
    private static JsonNode tree(JsonMapper json, Object body) {
        if (body == null || body instanceof CharSequence || body instanceof byte[]) {
            return null;
        }
        try {
            return LanJson.handles(body.getClass()) ? json.readValue(LanJson.writeBytes(body), JsonNode.class)
                    : json.writeValueToTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String scalar(JsonNode v) {
        if (v.isString()) {
            return v.getStringValue();
        }
        if (v.isNumber()) {
            return v.getNumberValue().toString();
        }
        return v.isBoolean() ? Boolean.toString(v.getBooleanValue()) : v.coerceStringValue();
    }
}
