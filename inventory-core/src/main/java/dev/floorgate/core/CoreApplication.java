package dev.floorgate.core;

import io.micronaut.runtime.Micronaut;

/** Starts the central inventory core with the configuration of application.yml, overridable by environment. */
public final class CoreApplication {
    private CoreApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(CoreApplication.class).start();
    }
}
