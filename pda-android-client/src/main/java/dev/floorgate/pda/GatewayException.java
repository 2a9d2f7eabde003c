package dev.floorgate.pda;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
    private final Map<String, String> details;

    public GatewayException(int status, String code, String gatewayMessage, String request) {
        this(status, code, gatewayMessage, request, null);
    }

    /** With the body's {@code details} object (e.g. a packing {@code PARCEL_CONFLICT}'s parcelId and reason). */
    public GatewayException(int status, String code, String gatewayMessage, String request, Map<?, ?> details) {
        super("gateway answered " + status + " " + code + " to " + request
                + (gatewayMessage == null ? "" : ": " + gatewayMessage));
        this.status = status;
        this.code = code;
        this.gatewayMessage = gatewayMessage;
        Map<String, String> d = new LinkedHashMap<>();
        if (details != null) {
            for (Map.Entry<?, ?> e : details.entrySet()) {
                if (e.getKey() != null && e.getValue() != null) {
                    d.put(e.getKey().toString(), e.getValue().toString());
                }
            }
        }
        this.details = Collections.unmodifiableMap(d);
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
     * A field of the body's {@code details} object as text (numbers and booleans as JSON writes them), or null: e.g.
     * {@code detail("parcelId")} and {@code detail("reason")} of a 409 {@code PARCEL_CONFLICT} (API.md "Packing
     * station (issue 17)").
     */
    public String detail(String name) {
        return details.get(name);
    }

    /**
     * Whether the same request may succeed later unchanged: 408, 429, 507 (disk full) and 5xx other than 501.
     * A 401 (token revoked) is not: the device must enroll again.
     */
    public boolean retryable() {
        return status == 408 || status == 429 || status == 507 || (status >= 500 && status != 501);
    }
}
