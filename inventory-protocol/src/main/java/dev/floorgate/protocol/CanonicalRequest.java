package dev.floorgate.protocol;

import dev.floorgate.protocol.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The string a request signature covers (API.md):
 * {@code METHOD \n PATH_WITH_QUERY \n TIMESTAMP \n NONCE \n lowercase_hex(SHA-256(body))}, and the signature,
 * base64(HMAC-SHA256(secret, UTF-8 of that string)). An empty or absent body hashes as zero bytes.
 */
public final class CanonicalRequest {
    private CanonicalRequest() {
    }

    public static String canonical(String method, String pathWithQuery, long timestampMillis, String nonce,
            byte[] body) {
        return method.toUpperCase(java.util.Locale.ROOT) + "\n" + pathWithQuery + "\n" + timestampMillis + "\n"
                + nonce + "\n" + Hashing.sha256Hex(body == null ? new byte[0] : body);
    }

    public static String signature(byte[] secret, String method, String pathWithQuery, long timestampMillis,
            String nonce, byte[] body) {
        byte[] mac = Hashing.hmacSha256(secret,
                canonical(method, pathWithQuery, timestampMillis, nonce, body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }
}
