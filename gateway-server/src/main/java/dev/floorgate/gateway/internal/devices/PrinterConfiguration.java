package dev.floorgate.gateway.internal.devices;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One configured label printer, {@code fg.printers.<name>.*} (API.md "Running and configuration"). The name is how
 * stations, print jobs and the device list refer to it.
 *
 * <ul>
 *   <li>{@code fg.printers.<name>.url} (required): {@code tcp://host:9100} or {@code serial:///dev/ttyUSB0?baud=9600};
 *       the driver's options ride in the query, e.g. {@code ?statusTimeout=2s&pollInterval=5s&writeTimeout=10s}
 *       (device-drivers' PrinterOptions).</li>
 *   <li>{@code fg.printers.<name>.description} (empty): free text for site IT's page ("Packing line 3").</li>
 * </ul>
 *
 * <p>The keys and their reading are {@link DeviceConfiguration}'s. A printer's configuration is also made by hand
 * for a printer adopted at run time ({@link AdoptedPrinters}).
 */
@EachProperty(PrinterConfiguration.PREFIX)
public final class PrinterConfiguration extends DeviceConfiguration {
    public static final String PREFIX = "fg.printers";

    public PrinterConfiguration(@Parameter String name) {
        super(PREFIX, name);
    }
}
