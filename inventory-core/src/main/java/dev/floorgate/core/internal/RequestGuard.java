package dev.floorgate.core.internal;

import dev.floorgate.core.CoreUnavailableException;
import dev.floorgate.protocol.ApiKey;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.SignatureRejectedException;
import dev.floorgate.protocol.SignatureVerifier;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Who may call what. Every {@code /v1} data call is signed (API.md) with a key bound to tenants: a bad signature
 * is 401 {@code BAD_SIGNATURE}, a tenant the key does not hold 403 {@code TENANT_FORBIDDEN}. The admin calls
 * ({@code /v1/admin/**}) take {@code Authorization: Bearer <fg.core.admin-token>} instead, because they act on
 * every tenant and no gateway key should; with no token configured they are closed (403).
 */
final class RequestGuard {
    static final String ADMIN_CLOSED = "ADMIN_CLOSED";
    static final String BAD_TOKEN = "BAD_TOKEN";
    private final SignatureVerifier verifier;
    private final byte[] adminToken;
    private final Duration retryAfter;

    RequestGuard(SignatureVerifier verifier, String adminToken, Duration retryAfter) {
        this.verifier = verifier;
        this.adminToken = adminToken == null || adminToken.isEmpty() ? null
                : adminToken.getBytes(StandardCharsets.UTF_8);
        this.retryAfter = retryAfter;
    }

    /** The key that signed the request; the path is taken as sent (raw, with its query). */
    ApiKey verify(HttpRequest<?> request, byte[] body) {
        URI uri = request.getUri();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try {
            return verifier.verify(request.getMethodName(), path, name -> request.getHeaders().get(name), body);
        } catch (SignatureRejectedException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, ResultCodes.BAD_SIGNATURE,
                    e.reason() + ": " + e.getMessage());
        } catch (io.lettuce.core.RedisException e) {
            throw new CoreUnavailableException("Redis failed while checking the request nonce", retryAfter, e);
        }
    }

    static void requireTenant(ApiKey key, String tenant) {
        if (!key.holds(tenant)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ResultCodes.TENANT_FORBIDDEN, "key '" + key.keyId()
                    + "' may not act for tenant '" + tenant + "' (it holds " + key.tenants() + ")");
        }
    }

    void requireAdmin(HttpRequest<?> request) {
        if (adminToken == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, ADMIN_CLOSED, "the admin API is closed: set "
                    + "fg.core.admin-token to open it");
        }
        String auth = request.getHeaders().get("Authorization");
        String prefix = "Bearer ";
        byte[] given = auth != null && auth.regionMatches(true, 0, prefix, 0, prefix.length())
                ? auth.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, adminToken)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, BAD_TOKEN, "admin calls need Authorization: Bearer "
                    + "<fg.core.admin-token>");
        }
    }
}
