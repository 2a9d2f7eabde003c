package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.devices.DeviceUrl;
import jakarta.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * What every configured device has, {@code <prefix>.<name>.*}: its name, its URL (driver options ride in the
 * query) and a description for site IT's page; and the one way its URL is read, so a missing or bad URL stops the
 * start naming the key ({@code fg.printers.p1.url: ...}). {@link PrinterConfiguration} and
 * {@link ScannerConfiguration} are the same idea for two kinds of device; each stays its own
 * {@code @EachProperty} class because Micronaut binds one prefix per class, and each registry adds its own checks
 * of the parsed URL (a printer is never {@code tcp-listen}; a scanner's query is read as ScannerOptions).
 */
public abstract class DeviceConfiguration {
    /** A device's name: what stations, print jobs and the pages call it. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private final String prefix;
    private final String name;
    private String url;
    private String description = "";

    /** @param prefix the configuration prefix of this kind of device, e.g. {@code fg.printers} */
    DeviceConfiguration(String prefix, String name) {
        this.prefix = prefix;
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

    /** @throws IllegalStateException naming the key when the name is not 1 to 64 letters, digits, '.', '_', '-' */
    public void requireValidName() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new GatewayConfigurationException(prefix + "." + name + ": a name must be 1 to 64 letters, digits, '.', "
                    + "'_' or '-', starting with a letter or digit");
        }
    }

    /** The key of this device's URL, e.g. {@code fg.printers.p1.url}: what an error names. */
    public String urlKey() {
        return prefix + "." + name + ".url";
    }

    /**
     * The URL parsed.
     *
     * @throws IllegalStateException naming {@link #urlKey()} when the URL is missing or not a device URL
     */
    public DeviceUrl deviceUrl() {
        if (url == null || url.isBlank()) {
            throw new GatewayConfigurationException(urlKey() + " is required");
        }
        try {
            return DeviceUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigurationException(urlKey() + ": " + e.getMessage(), e);
        }
    }
}
