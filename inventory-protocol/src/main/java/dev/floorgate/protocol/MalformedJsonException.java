package dev.floorgate.protocol;

/** A request body that is not the JSON the contract asks for; the message says what and where (line, column). */
public final class MalformedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedJsonException(String message) {
        super(message);
    }
}
