package dev.floorgate.gateway;

/**
 * A setting the gateway refuses to start with (issue 18 item 5): its message is the one line
 * {@link GatewayApplication} prints before exiting 2, naming the key, what is wrong and the fix. A message that
 * does not say the fix itself (a printer, scanner or station entry: the key and the problem say it) gets the
 * general one, where such settings live.
 */
public final class GatewayConfigurationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** The fix of a device or station entry: they live in the file named by MICRONAUT_CONFIG_FILES. */
    static final String GENERAL_FIX = "fix: correct it in the gateway's configuration (the file named by "
            + "MICRONAUT_CONFIG_FILES, or its FG_ environment variable) and start again";

    public GatewayConfigurationException(String message) {
        super(withFix(message));
    }

    public GatewayConfigurationException(String message, Throwable cause) {
        super(withFix(message), cause);
    }

    private static String withFix(String message) {
        return message.contains("fix:") ? message : message + "; " + GENERAL_FIX;
    }
}
