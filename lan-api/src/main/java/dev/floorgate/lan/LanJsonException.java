package dev.floorgate.lan;

import java.io.IOException;

/**
 * A LAN API body that cannot be read as the type asked for: not JSON, not an object, or a field missing or of the
 * wrong kind. The message names the field (with its path, e.g. {@code rejected[0].problems}) and what was wrong;
 * a gateway answers it as a 400 with {@link #field()} and the message.
 */
public final class LanJsonException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public LanJsonException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    public LanJsonException(String field, String message, Throwable cause) {
        super(field == null ? message : field + ": " + message, cause);
        this.field = field;
    }

    /** The field's path in the document, or null when the document as a whole is wrong. */
    public String field() {
        return field;
    }
}
