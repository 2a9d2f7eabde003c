package dev.floorgate.protocol;

/** A request whose signature headers do not verify; answered 401 with the reason. */
public final class SignatureRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a signature was refused. */
    public enum Reason { MISSING_HEADERS, UNKNOWN_KEY, BAD_TIMESTAMP, STALE_TIMESTAMP, BAD_NONCE, BAD_SIGNATURE,
        REPLAYED_NONCE }

    private final Reason reason;

    public SignatureRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
