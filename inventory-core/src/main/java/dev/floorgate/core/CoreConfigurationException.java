package dev.floorgate.core;

/**
 * A setting the core refuses to start with (a key secret or token shorter than its minimum, a bucket count out
 * of range). {@link CoreApplication} prints its message as the one line of a refused start and exits 2.
 */
public final class CoreConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CoreConfigurationException(String message) {
        super(message);
    }

    public CoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
