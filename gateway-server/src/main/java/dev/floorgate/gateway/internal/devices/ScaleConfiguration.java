package dev.floorgate.gateway.internal.devices;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One configured scale at a packing station, {@code fg.scales.<name>.*} (docs/API.md "Packing station (issue 17)").
 *
 * <ul>
 *   <li>{@code fg.scales.<name>.url} (required): {@code tcp://host:port} (a scale behind a serial-to-Ethernet
 *       converter, dialed by the gateway) or {@code serial:///dev/ttyUSB0?baud=9600}; the protocol and its
 *       options ride in the query (device-drivers' ScaleOptions: protocol=sics|continuous, stableWait, ...).</li>
 *   <li>{@code fg.scales.<name>.description} (empty): free text for site IT's page.</li>
 * </ul>
 */
@EachProperty(ScaleConfiguration.PREFIX)
public final class ScaleConfiguration extends DeviceConfiguration {
    public static final String PREFIX = "fg.scales";

    public ScaleConfiguration(@Parameter String name) {
        super(PREFIX, name);
    }
}
