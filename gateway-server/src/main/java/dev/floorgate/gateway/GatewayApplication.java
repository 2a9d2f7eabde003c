package dev.floorgate.gateway;

import io.micronaut.runtime.Micronaut;

/** Starts the FloorGate gateway with the configuration of application.yml, overridable by environment. */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(GatewayApplication.class).start();
    }
}
