package dev.floorgate.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Verifies signed requests at the core (API.md, "Request signing"). Checks, in this order: all four headers
 * present and well formed; the key is known; the timestamp within {@code windowMillis} of this clock; the
 * signature, compared in constant time; and only then the nonce, so that a forged request cannot burn a
 * legitimate client's nonce. Thread-safe when its {@link NonceStore} is.
 */
public final class SignatureVerifier {
    /** API.md: timestamps more than 300 s from the core's clock are refused. */
    public static final long DEFAULT_WINDOW_MILLIS = 300_000;

    private final Map<String, ApiKey> keys;
    private final NonceStore nonces;
    private final LongSupplier clock;
    private final long windowMillis;

    public SignatureVerifier(Map<String, ApiKey> keys, NonceStore nonces) {
        this(keys, nonces, System::currentTimeMillis, DEFAULT_WINDOW_MILLIS);
    }

    public SignatureVerifier(Map<String, ApiKey> keys, NonceStore nonces, LongSupplier epochMillisClock,
            long windowMillis) {
        this.keys = keys;
        this.nonces = nonces;
        this.clock = epochMillisClock;
        this.windowMillis = windowMillis;
    }

    public long windowMillis() {
        return windowMillis;
    }

    /**
     * Returns the key that signed the request, or throws {@link SignatureRejectedException} saying why not.
     *
     * @param header reads a request header by name (case-insensitive lookup is the caller's business), null if absent
     */
    public ApiKey verify(String method, String pathWithQuery, Function<String, String> header, byte[] body) {
        String keyId = header.apply(SignedHeaders.KEY);
        String timestamp = header.apply(SignedHeaders.TIMESTAMP);
        String nonce = header.apply(SignedHeaders.NONCE);
        String signature = header.apply(SignedHeaders.SIGNATURE);
        if (keyId == null || timestamp == null || nonce == null || signature == null) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MISSING_HEADERS,
                    "missing signature headers: need " + SignedHeaders.KEY + ", " + SignedHeaders.TIMESTAMP
                            + ", " + SignedHeaders.NONCE + " and " + SignedHeaders.SIGNATURE);
        }
        ApiKey key = keys.get(keyId);
        if (key == null) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.UNKNOWN_KEY,
                    "unknown key id '" + OperationValidator.clip(keyId) + "'");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.BAD_TIMESTAMP,
                    SignedHeaders.TIMESTAMP + " must be epoch milliseconds, was '"
                            + OperationValidator.clip(timestamp) + "'");
        }
        long now = clock.getAsLong();
        long skew = ts - now;
        if (Math.abs(skew) > windowMillis) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.STALE_TIMESTAMP,
                    "timestamp " + ts + " is " + skew + " ms from the core's clock " + now + "; allowed +/-"
                            + windowMillis + " ms");
        }
        if (nonce.length() < SignedHeaders.MIN_NONCE_LENGTH || nonce.length() > SignedHeaders.MAX_NONCE_LENGTH) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.BAD_NONCE,
                    "nonce must be " + SignedHeaders.MIN_NONCE_LENGTH + " to " + SignedHeaders.MAX_NONCE_LENGTH
                            + " characters, was " + nonce.length());
        }
        String expected = CanonicalRequest.signature(key.secret(), method, pathWithQuery, ts, nonce, body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.BAD_SIGNATURE,
                    "signature does not match the request for key '" + keyId + "'");
        }
        // The nonce must outlive the window on both sides of the timestamp it came with.
        if (!nonces.firstUse(keyId, nonce, Math.max(ts, now) + windowMillis)) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.REPLAYED_NONCE,
                    "nonce already used by key '" + keyId + "' within the last " + windowMillis + " ms (replay)");
        }
        return key;
    }
}
