package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.http.ProblemStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;

/**
 * Sign-in for site IT's page: {@code POST /api/v1/admin/login {"username", "password"}} -> a session token (sent as
 * {@code Authorization: Bearer fgs_...}, accepted wherever the admin token is), {@code POST /api/v1/admin/password
 * {"currentPassword", "newPassword"}}, {@code POST /api/v1/admin/logout}, {@code GET /api/v1/admin/me}. A token rather
 * than a cookie: the page sends it only where it means to, so no other site can make a browser act with it.
 */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminLoginController {
    private final AdminSessions sessions;
    private final AuditLog audit;

    AdminLoginController(AdminSessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    @Post("/login")
    AdminViews.Login login(HttpRequest<?> request, @Body AdminViews.LoginRequest body) throws SQLException {
        String username = body.username();
        String source = source(request);
        try {
            AdminSessions.Login login = sessions.login(username, body.password(), source);
            audit.record(login.username(), "sign-in", null, login.mustChange() ? "password change required" : null,
                    200);
            return new AdminViews.Login(login.token(), login.username(), login.mustChange(),
                    login.expiresAt().toString());
        } catch (GatewayProblem e) {
            // A failed sign-in is not an admin action: its own table, the typed name as data (never an actor).
            audit.recordFailedSignIn(source, username, e.code() + ": " + e.getMessage(),
                    ProblemStatus.of(e.code()));
            throw e;
        }
    }

    @Post("/password")
    AdminViews.PasswordChanged changePassword(HttpRequest<?> request, @Body AdminViews.PasswordChange body)
            throws SQLException {
        String token = bearer(request);
        AdminSessions.Session s = sessions.session(token)
                .orElseThrow(() -> GatewayProblem.unauthorized("sign in first"));
        sessions.changePassword(token, body.currentPassword(), body.newPassword());
        audit.record(s.username(), "password.change", s.username(), null, 200);
        return new AdminViews.PasswordChanged(s.username(), false);
    }

    @Post("/logout")
    AdminViews.LoggedOut logout(HttpRequest<?> request) throws SQLException {
        String token = bearer(request);
        sessions.session(token).ifPresent(s -> audit.record(s.username(), "sign-out", null, null, 200));
        sessions.logout(token);
        return new AdminViews.LoggedOut(true);
    }

    @Get("/me")
    AdminViews.Me me(HttpRequest<?> request) {
        AdminSessions.Session s = sessions.session(bearer(request))
                .orElseThrow(() -> GatewayProblem.unauthorized("sign in first"));
        return new AdminViews.Me(s.username(), s.mustChange(), s.expiresAt().toString());
    }

    /** The client's address (the TCP peer: a header could be forged by anyone on the LAN). */
    static String source(HttpRequest<?> request) {
        java.net.InetSocketAddress peer = request.getRemoteAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }

    @Nullable
    static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
