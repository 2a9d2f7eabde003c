package dev.floorgate.gateway.internal.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Badge login: {@code POST /api/v1/sessions {"badge": "U-42"}}, {@code DELETE /api/v1/sessions}. */
@Controller("/api/v1/sessions")
final class SessionController {
    private final OperatorSessions sessions;
    private final RequestAuth auth;

    SessionController(OperatorSessions sessions, RequestAuth auth) {
        this.sessions = sessions;
        this.auth = auth;
    }

    @Post
    Map<String, Object> login(HttpRequest<?> request, @Body Map<String, Object> body) throws SQLException {
        DevicePrincipal device = auth.device(request);
        Object badge = body.get("badge");
        String operator = sessions.login(device, badge instanceof String ? (String) badge : null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operator", operator);
        out.put("deviceId", device.deviceId());
        out.put("tenant", device.tenant());
        out.put("warehouse", device.warehouse());
        return out;
    }

    @Delete
    Map<String, Object> logout(HttpRequest<?> request) throws SQLException {
        DevicePrincipal device = auth.device(request);
        sessions.logout(device);
        return Map.of("deviceId", device.deviceId(), "loggedOut", true);
    }
}
