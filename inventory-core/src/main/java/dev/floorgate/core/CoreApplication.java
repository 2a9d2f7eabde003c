package dev.floorgate.core;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Starts the central inventory core with the configuration of application.yml, overridable by environment
 * ({@code FG_CORE_PORT}, {@code FG_REDIS_URI}, {@code FG_MYSQL_URL}, {@code FG_CORE_KEYS}, ...). A setting the
 * core refuses ({@link CoreConfigurationException}: a short key secret or admin token, ...) ends the start with
 * one line on standard error naming the setting and its minimum, and exit status 2.
 */
@OpenAPIDefinition(info = @Info(title = "floorgate-inventory-core", version = "1.0",
        description = "FloorGate central inventory core: signed sync API, stock, changes feed, master data, orders, "
                + "reconciliation."))
public final class CoreApplication {
    /** Exit status of a start refused for its configuration. */
    public static final int EXIT_REFUSED_CONFIGURATION = 2;

    private CoreApplication() {
    }

    /** Starts the core, or runs {@code tenant ...} (TenantCommand) when that is the first argument. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("tenant")) {
            System.exit(TenantCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        new RefusingMicronaut().args(args).mainClass(CoreApplication.class).start();
    }

    /** Micronaut's start, except that a refused setting is one plain line, not a logged stack trace. */
    private static final class RefusingMicronaut extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof CoreConfigurationException) {
                    System.err.println("inventory-core: refusing to start: " + t.getMessage());
                    System.exit(EXIT_REFUSED_CONFIGURATION);
                }
            }
            super.handleStartupException(environment, exception);
        }
    }
}
