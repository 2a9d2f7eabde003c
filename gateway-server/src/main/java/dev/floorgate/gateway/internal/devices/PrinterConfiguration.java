package dev.floorgate.gateway.internal.devices;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.annotation.Nullable;

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
 * <p>{@link ScannerConfiguration} has the same shape (name, url, description) and stays a class of its own: Micronaut
 * binds one {@code @EachProperty} prefix per class, the two URLs are checked differently (a printer is never
 * {@code tcp-listen}), and a printer's configuration is also made by hand for a printer adopted at run time
 * ({@link AdoptedPrinters}).
 */
@EachProperty("fg.printers")
public final class PrinterConfiguration {
    private final String name;
    private String url;
    private String description = "";

    public PrinterConfiguration(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Nullable
    public String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(@Nullable String description) {
        this.description = description == null ? "" : description;
    }
}
