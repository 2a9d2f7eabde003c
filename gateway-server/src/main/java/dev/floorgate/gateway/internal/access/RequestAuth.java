package dev.floorgate.gateway.internal.access;

import dev.floorgate.gateway.GatewayConfiguration;
import dev.floorgate.gateway.internal.http.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;

/**
 * Who is calling: a device (its bearer token, bound to one tenant) or site IT (the admin token). Every controller
 * asks here first; nothing below the controllers ever sees a request without a principal.
 */
@Singleton
public final class RequestAuth {
    private final DeviceRegistry devices;
    private final GatewayConfiguration config;

    public RequestAuth(DeviceRegistry devices, GatewayConfiguration config) {
        this.devices = devices;
        this.config = config;
    }

    /** The calling device, or a 401 naming what is missing. */
    public DevicePrincipal device(HttpRequest<?> request) {
        String token = bearer(request);
        if (token == null) {
            throw ApiException.unauthorized("missing 'Authorization: Bearer <device token>'; enroll the device "
                    + "with POST /api/v1/devices/enroll");
        }
        try {
            return devices.authenticate(token).orElseThrow(() ->
                    ApiException.unauthorized("device token is not known or was revoked"));
        } catch (SQLException e) {
            throw new IllegalStateException("device lookup failed: " + e.getMessage(), e);
        }
    }

    /** Passes when the request carries the admin token; 403 while no admin token is configured. */
    public void admin(HttpRequest<?> request) {
        String configured = config.getAdminToken();
        if (configured == null || configured.isBlank()) {
            throw new ApiException(403, "ADMIN_CLOSED", "the admin API is closed: set fg.admin-token");
        }
        String token = bearer(request);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                configured.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("admin endpoints need 'Authorization: Bearer <fg.admin-token>'");
        }
    }

    /** Whether the request carries the admin token (without refusing it). */
    public boolean isAdmin(HttpRequest<?> request) {
        try {
            admin(request);
            return true;
        } catch (ApiException e) {
            return false;
        }
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
