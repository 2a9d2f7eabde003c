package dev.floorgate.protocol;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs outgoing requests for one key (the gateway's key at the core). Thread-safe. */
public final class RequestSigner {
    private static final char[] NONCE_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private final String keyId;
    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();
    private final java.util.function.LongSupplier clock;

    public RequestSigner(String keyId, String secret) {
        this(keyId, secret, System::currentTimeMillis);
    }

    public RequestSigner(String keyId, String secret, java.util.function.LongSupplier epochMillisClock) {
        if (keyId == null || keyId.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs a key id and a secret");
        }
        this.keyId = keyId;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = epochMillisClock;
    }

    public String keyId() {
        return keyId;
    }

    /** The four X-FG-* headers for this request, with a fresh 24-character nonce and the current time. */
    public Map<String, String> headers(String method, String pathWithQuery, byte[] body) {
        return headers(method, pathWithQuery, body, clock.getAsLong(), newNonce());
    }

    /** The headers for a given time and nonce (test vectors, replays in tests). */
    public Map<String, String> headers(String method, String pathWithQuery, byte[] body, long timestampMillis,
            String nonce) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SignedHeaders.KEY, keyId);
        h.put(SignedHeaders.TIMESTAMP, Long.toString(timestampMillis));
        h.put(SignedHeaders.NONCE, nonce);
        h.put(SignedHeaders.SIGNATURE,
                CanonicalRequest.signature(secret, method, pathWithQuery, timestampMillis, nonce, body));
        return h;
    }

    private String newNonce() {
        char[] c = new char[24];
        for (int i = 0; i < c.length; i++) {
            c[i] = NONCE_ALPHABET[random.nextInt(NONCE_ALPHABET.length)];
        }
        return new String(c);
    }
}
