package dev.floorgate.pda;

import java.io.IOException;

/**
 * The gateway answered with an error status: {@link #status()} is the HTTP status, {@link #code()} the
 * {@code "error"} field of its JSON body ({@code TENANT_FORBIDDEN}, {@code DISK_FULL}, ...), the message its
 * {@code "message"}. An {@link IOException} so that one {@code catch} covers both a dropped connection and a
 * refusal; {@link #retryable()} tells them apart where it matters.
 */
public final class GatewayException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String gatewayMessage;

    public GatewayException(int status, String code, String gatewayMessage, String request) {
        super("gateway answered " + status + " " + code + " to " + request
                + (gatewayMessage == null ? "" : ": " + gatewayMessage));
        this.status = status;
        this.code = code;
        this.gatewayMessage = gatewayMessage;
    }

    /** The HTTP status, e.g. 403. */
    public int status() {
        return status;
    }

    /** The error code of the body, e.g. {@code DEVICE_ID_TAKEN}; {@code HTTP_<status>} when the body had none. */
    public String code() {
        return code;
    }

    /** The gateway's own message (the {@code "message"} field), or null. */
    public String gatewayMessage() {
        return gatewayMessage;
    }

    /**
     * Whether the same request may succeed later unchanged: 408, 429, 507 (disk full) and 5xx other than 501.
     * A 401 (token revoked) is not: the device must enroll again.
     */
    public boolean retryable() {
        return status == 408 || status == 429 || status == 507 || (status >= 500 && status != 501);
    }
}
