package dev.floorgate.protocol;

/** Header names of a signed request (API.md, "Request signing"). */
public final class SignedHeaders {
    public static final String KEY = "X-FG-Key";
    public static final String TIMESTAMP = "X-FG-Timestamp";
    public static final String NONCE = "X-FG-Nonce";
    public static final String SIGNATURE = "X-FG-Signature";
    /** Nonces shorter than this are refused. */
    public static final int MIN_NONCE_LENGTH = 16;
    /** Nonces longer than this are refused (they are stored by the verifier). */
    public static final int MAX_NONCE_LENGTH = 128;

    private SignedHeaders() {
    }
}
