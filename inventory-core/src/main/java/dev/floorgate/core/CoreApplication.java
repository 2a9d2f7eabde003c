package dev.floorgate.core;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Starts the central inventory core with the configuration of application.yml, overridable by environment
 * ({@code FG_CORE_PORT}, {@code FG_REDIS_URI}, {@code FG_MYSQL_URL}, {@code FG_CORE_KEYS}, ...).
 */
@OpenAPIDefinition(info = @Info(title = "floorgate-inventory-core", version = "1.0",
        description = "FloorGate central inventory core: signed sync API, stock, changes feed, master data, orders, "
                + "reconciliation."))
public final class CoreApplication {
    private CoreApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(CoreApplication.class).start();
    }
}
