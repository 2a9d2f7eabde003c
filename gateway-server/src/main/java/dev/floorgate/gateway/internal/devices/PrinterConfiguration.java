package dev.floorgate.gateway.internal.devices;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured label printer, {@code fg.printers.<name>.*} (API.md "Running and configuration"). The name is how
 * stations, print jobs and the device list refer to it.
 *
 * <ul>
 *   <li>{@code fg.printers.<name>.url} (required): {@code tcp://host:9100} or {@code serial:///dev/ttyUSB0?baud=9600};
 *       the driver's options ride in the query, e.g. {@code ?statusTimeout=2s&pollInterval=5s&writeTimeout=10s}
 *       (device-drivers' PrinterOptions).</li>
 *   <li>{@code fg.printers.<name>.description} (empty): free text for site IT's page ("Packing line 3").</li>
 *   <li>{@code fg.printers.<name>.tenants} (none): the tenants whose devices and stations may print on it and see
 *       it; another tenant's device gets the answer an unknown printer gets.</li>
 *   <li>{@code fg.printers.<name>.shared} (unset): {@code true} lets every tenant print on it. A printer with
 *       neither key is shared too, as before tenants owned printers, and the start logs a warning naming it
 *       ({@link PrinterAccess}); both keys at once stop the start.</li>
 *   <li>{@code fg.printers.<name>.admin-devices} (none): enrolled device ids that hold the printer admin role on
 *       this printer: their raw ZPL may carry printer-control commands ({@code ~JR}, {@code ^JUS}, SGD ...), and
 *       each such job is logged.</li>
 * </ul>
 *
 * <p>The keys and their reading are {@link DeviceConfiguration}'s. A printer's configuration is also made by hand
 * for a printer adopted at run time ({@link AdoptedPrinters}); an adopted printer has no tenants and is shared.
 */
@EachProperty(PrinterConfiguration.PREFIX)
public final class PrinterConfiguration extends DeviceConfiguration {
    public static final String PREFIX = "fg.printers";

    private List<String> tenants = new ArrayList<>();
    private Boolean shared;
    private List<String> adminDevices = new ArrayList<>();

    public PrinterConfiguration(@Parameter String name) {
        super(PREFIX, name);
    }

    public List<String> getTenants() {
        return tenants;
    }

    public void setTenants(@Nullable List<String> tenants) {
        this.tenants = trimmed(tenants);
    }

    /** {@code fg.printers.<name>.shared} as given, or null when the key is absent. */
    @Nullable
    public Boolean getShared() {
        return shared;
    }

    public void setShared(@Nullable Boolean shared) {
        this.shared = shared;
    }

    public List<String> getAdminDevices() {
        return adminDevices;
    }

    public void setAdminDevices(@Nullable List<String> adminDevices) {
        this.adminDevices = trimmed(adminDevices);
    }

    private static List<String> trimmed(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }
}
