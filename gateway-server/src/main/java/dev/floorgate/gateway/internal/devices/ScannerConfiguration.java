package dev.floorgate.gateway.internal.devices;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.annotation.Nullable;

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
 * <p>Why this is not merged with {@link PrinterConfiguration}, which has the same shape: see there.
 */
@EachProperty("fg.scanners")
public final class ScannerConfiguration {
    private final String name;
    private String url;
    private String description = "";

    public ScannerConfiguration(@Parameter String name) {
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
