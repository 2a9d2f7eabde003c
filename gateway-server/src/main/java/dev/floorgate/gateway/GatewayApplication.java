package dev.floorgate.gateway;

import dev.floorgate.gateway.internal.tools.GatewayCommands;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

/**
 * Starts the FloorGate gateway with the configuration of application.yml, overridable by environment; or, when the
 * first argument is {@code backup}, {@code restore} or {@code doctor}, runs that tool instead (internal.tools). A
 * setting the gateway refuses ({@link GatewayConfigurationException}) ends the start with one line on standard
 * error naming the key, the problem and the fix, and exit status 2.
 */
public final class GatewayApplication {
    /** Exit status of a start refused for its configuration (GatewayConfigurationException). */
    public static final int EXIT_REFUSED_CONFIGURATION = 2;

    private GatewayApplication() {
    }

    public static void main(String[] args) {
        if (GatewayCommands.isCommand(args)) {
            System.exit(GatewayCommands.run(args, System.out, System.err));
        }
        new RefusingMicronaut().args(args).mainClass(GatewayApplication.class).start();
    }

    /** Micronaut's start, except that a refused setting is one plain line, not a logged stack trace. */
    private static final class RefusingMicronaut extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof GatewayConfigurationException) {
                    System.err.println("floorgate-gateway: refusing to start: " + t.getMessage());
                    System.exit(EXIT_REFUSED_CONFIGURATION);
                }
            }
            super.handleStartupException(environment, exception);
        }
    }
}
