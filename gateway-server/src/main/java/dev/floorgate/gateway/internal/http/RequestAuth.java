package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.GatewayConfiguration;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.DeviceRegistry;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling: a device (its bearer token, bound to one tenant) or site IT (the admin token, or the session
 * token of a person signed in to the site IT page). Every controller asks here first; nothing below the
 * controllers ever sees a request without a principal.
 */
public final class RequestAuth {
    /** Prefix of the site IT page's session tokens (internal.web AdminSessions). */
    public static final String SESSION_PREFIX = "fgs_";

    /** Site IT page sessions, implemented by the web package; asked about bearer tokens with the session prefix. */
    public interface AdminSessionCheck {
        /**
         * The person a session token belongs to, or empty for an unknown or expired token.
         *
         * @throws GatewayProblem when the session exists but may not act yet (its default password must change)
         */
        Optional<String> user(String token);
    }

    private final DeviceRegistry devices;
    /** {@code fg.admin-token}, read once (a configuration interface resolves the property on every call). */
    private final String adminToken;
    private final List<AdminSessionCheck> sessions;

    public RequestAuth(DeviceRegistry devices, GatewayConfiguration config, List<AdminSessionCheck> sessions) {
        this.devices = devices;
        this.adminToken = config.getAdminToken();
        this.sessions = List.copyOf(sessions);
    }

    /** The calling device, or a 401 naming what is missing. */
    public DevicePrincipal device(HttpRequest<?> request) {
        String token = bearer(request);
        if (token == null) {
            throw GatewayProblem.unauthorized("missing 'Authorization: Bearer <device token>'; enroll the device "
                    + "with POST /api/v1/devices/enroll");
        }
        try {
            return devices.authenticate(token).orElseThrow(() ->
                    GatewayProblem.unauthorized("device token is not known or was revoked"));
        } catch (SQLException e) {
            throw new IllegalStateException("device lookup failed: " + e.getMessage(), e);
        }
    }

    /**
     * Passes when the request carries the admin token or a valid site IT page session; 401 otherwise (403 while
     * neither an admin token is configured nor a session is presented).
     */
    public void admin(HttpRequest<?> request) {
        String session = bearer(request);
        if (session != null && session.startsWith(SESSION_PREFIX)) {
            for (AdminSessionCheck check : sessions) {
                if (check.user(session).isPresent()) {
                    return;
                }
            }
            throw GatewayProblem.unauthorized("the site IT page session is unknown or expired; sign in again");
        }
        String configured = adminToken;
        if (configured == null || configured.isBlank()) {
            throw new GatewayProblem(ProblemCode.ADMIN_CLOSED, "the admin API is closed: set fg.admin-token");
        }
        String token = bearer(request);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                configured.getBytes(StandardCharsets.UTF_8))) {
            throw GatewayProblem.unauthorized("admin endpoints need 'Authorization: Bearer <fg.admin-token>'");
        }
    }

    /** Whether the request carries the admin token (without refusing it). */
    public boolean isAdmin(HttpRequest<?> request) {
        try {
            admin(request);
            return true;
        } catch (GatewayProblem e) {
            return false;
        }
    }

    /**
     * The site IT page session token on the request and its user, or empty for the admin token, a device or no
     * valid session (for holders of long-lived resources, such as event streams, that must end with the session).
     */
    public Optional<Map.Entry<String, String>> adminSession(HttpRequest<?> request) {
        String session = bearer(request);
        if (session == null || !session.startsWith(SESSION_PREFIX)) {
            return Optional.empty();
        }
        for (AdminSessionCheck check : sessions) {
            Optional<String> user = check.user(session);
            if (user.isPresent()) {
                return Optional.of(Map.entry(session, user.get()));
            }
        }
        return Optional.empty();
    }

    private static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
