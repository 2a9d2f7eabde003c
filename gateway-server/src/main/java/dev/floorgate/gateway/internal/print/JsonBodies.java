package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.Map;

/** Request bodies and query values read as JSON objects, with MALFORMED_JSON when they are not. */
final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * @param what the field or "body", named in the error
     * @throws GatewayProblem MALFORMED_JSON when {@code text} is not a JSON object
     */
    static Map<String, Object> object(JsonMapper json, String text, String what) {
        if (text == null || text.isBlank()) {
            throw new GatewayProblem(ProblemCode.MALFORMED_JSON, what + ": a JSON object is required");
        }
        Map<String, Object> map;
        try {
            map = json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            throw new GatewayProblem(ProblemCode.MALFORMED_JSON, what + ": not a JSON object: "
                    + firstLine(e.getMessage()));
        }
        if (map == null) {
            throw new GatewayProblem(ProblemCode.MALFORMED_JSON, what + ": a JSON object is required, got null");
        }
        return map;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
