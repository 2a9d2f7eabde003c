package dev.floorgate.gateway.internal.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Who holds an event stream, so that the stream ends when that principal's access ends: a device (revoked or
 * re-enrolled), a site IT page session (signed out; every session of its user on a password change), or the
 * admin token and the gateway's own subscribers, which only a restart ends. A session is kept as the SHA-256 of
 * its token, as gateway.db keeps it, so the hub holds no bearer token.
 *
 * @param client      a caller's stream (counted against {@code fg.limits.streams-total}), not the gateway's own
 * @param deviceId    the device, or null
 * @param sessionHash hex SHA-256 of the site IT session token, or null
 * @param adminUser   the signed-in site IT user, or null
 */
public record StreamOwner(boolean client, String deviceId, String sessionHash, String adminUser) {
    /** The gateway's own subscribers (the rejection log) and tests. */
    public static final StreamOwner INTERNAL = new StreamOwner(false, null, null, null);
    /** A caller with the admin token {@code fg.admin-token}. */
    public static final StreamOwner ADMIN_TOKEN = new StreamOwner(true, null, null, null);

    public static StreamOwner device(String deviceId) {
        return new StreamOwner(true, deviceId, null, null);
    }

    public static StreamOwner adminSession(String sessionToken, String user) {
        return new StreamOwner(true, null, hashSession(sessionToken), user);
    }

    static String hashSession(String sessionToken) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sessionToken.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
