package dev.floorgate.gateway;

import dev.floorgate.gateway.internal.tools.GatewayCommands;
import io.micronaut.runtime.Micronaut;

/**
 * Starts the FloorGate gateway with the configuration of application.yml, overridable by environment; or, when the
 * first argument is {@code backup}, {@code restore} or {@code doctor}, runs that tool instead (internal.tools).
 */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        if (GatewayCommands.isCommand(args)) {
            System.exit(GatewayCommands.run(args, System.out, System.err));
        }
        Micronaut.build(args).mainClass(GatewayApplication.class).start();
    }
}
