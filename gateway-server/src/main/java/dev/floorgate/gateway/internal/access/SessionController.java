package dev.floorgate.gateway.internal.access;

import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.lan.BadgeLogin;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.Logout;
import dev.floorgate.lan.Session;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import java.sql.SQLException;

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
    Session login(HttpRequest<?> request, @Nullable @Body String body) throws SQLException, LanJsonException {
        DevicePrincipal device = auth.device(request);
        BadgeLogin login = LanRequests.read(body, BadgeLogin.class);
        String operator = sessions.login(device, login.badge());
        return new Session(operator, device.deviceId(), device.tenant(), device.warehouse());
    }

    @Delete
    Logout logout(HttpRequest<?> request) throws SQLException {
        DevicePrincipal device = auth.device(request);
        sessions.logout(device);
        return new Logout(device.deviceId(), true);
    }
}
