package dev.floorgate.gateway.internal.devices;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One configured barcode scanner, {@code fg.scanners.<name>.*} (API.md "Running and configuration").
 *
 * <ul>
 *   <li>{@code fg.scanners.<name>.url} (required): {@code tcp://host:port} (the gateway dials a fixed-mount
 *       reader), {@code tcp-listen://0.0.0.0:port} (the reader dials the gateway) or
 *       {@code serial:///dev/ttyS0?baud=9600&suffix=CRLF}; framing options ride in the query (device-drivers'
 *       ScannerOptions: suffix, prefix, stxEtx, maxFrame, duplicateWindow, trigger, noRead, ...).</li>
 *   <li>{@code fg.scanners.<name>.description} (empty): free text for site IT's page.</li>
 * </ul>
 *
 * <p>The keys and their reading are {@link DeviceConfiguration}'s.
 */
@EachProperty(ScannerConfiguration.PREFIX)
public final class ScannerConfiguration extends DeviceConfiguration {
    public static final String PREFIX = "fg.scanners";

    public ScannerConfiguration(@Parameter String name) {
        super(PREFIX, name);
    }
}
