package dev.floorgate.protocol;

/** Header names of a signed request (API.md, "Request signing"). */
public final class SignedHeaders {
    public static final String KEY = "X-FG-Key";
    public static final String TIMESTAMP = "X-FG-Timestamp";
    public static final String NONCE = "X-FG-Nonce";
    public static final String SIGNATURE = "X-FG-Signature";
    /**
     * On every answer of the core: the core's clock in epoch milliseconds when it answered. Gateways measure their
     * offset to the core from it and sign in core time (API.md, "Request signing"; DESIGN.md, "Wrong clocks").
     */
    public static final String CORE_TIME = "X-FG-Core-Time";
    /**
     * On a device's requests to the gateway (LAN API): the device's clock in epoch milliseconds when it sent the
     * request. The gateway shows each device's offset from it and answers with {@link #CORE_TIME} (its best
     * knowledge of core time) so the device can warn its user (API.md).
     */
    public static final String DEVICE_TIME = "X-FG-Device-Time";
    /** Nonces shorter than this are refused. */
    public static final int MIN_NONCE_LENGTH = 16;
    /** Nonces longer than this are refused (they are stored by the verifier). */
    public static final int MAX_NONCE_LENGTH = 128;

    private SignedHeaders() {
    }
}
