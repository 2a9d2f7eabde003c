package dev.floorgate.gateway.internal.devices;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One station: a scanner whose reads print labels on a printer, {@code fg.stations.<name>.*} (API.md). A station
 * belongs to one tenant (its print jobs do) and one warehouse (where its scans are looked up).
 *
 * <ul>
 *   <li>{@code scanner}, {@code printer} (required): names from {@code fg.scanners} and {@code fg.printers}; a
 *       scanner serves at most one station.</li>
 *   <li>{@code on-scan} (required): a template name (built-in or from {@code fg.templates-dir}) filled from what
 *       the scan matches in the gateway's cache (an order, a SKU, a bin), or {@code raw}: the scan itself carries
 *       a ZPL label ({@code ^XA...^XZ}) that is printed as it is.</li>
 *   <li>{@code tenant} (required), {@code warehouse} (required unless on-scan is raw).</li>
 *   <li>{@code copies} (1): labels per scan.</li>
 *   <li>{@code defaults.<field>} (none): fixed values for template fields the scanned data cannot provide, e.g.
 *       {@code defaults.carrier: DHL}, {@code defaults.from_name: ACME Rotterdam}.</li>
 *   <li>{@code optional-from-sample} (false): fill optional template fields that neither the scan nor the
 *       defaults provide with the template's sample data (off by default: a sample weight on a real label is
 *       wrong).</li>
 *   <li>{@code rehearse} (false): a scan that matches no order, SKU or bin prints the template with its sample
 *       values and the station's defaults (job id {@code st-<name>-rehearsal-...}, a {@code REHEARSAL} station
 *       event), so a station can be set up and tried before the gateway has data. Off by default because on a
 *       live packing line a mistyped or foreign scan must print nothing, not a parcel label with sample data.</li>
 *   <li>{@code description} (empty): free text for site IT's page.</li>
 *   <li>{@code printer-admin} (false): the station holds the printer admin role on its printer, so ZPL carried in
 *       its scans (on-scan raw) may carry printer-control commands; each such scan is logged. Without it a raw
 *       scan passes ZplCommandPolicy.labelsOnly() or is a station problem naming the command.</li>
 * </ul>
 *
 * <p>The station's tenant must be allowed on its printer ({@code fg.printers.<name>.tenants} or shared), else the
 * start stops naming the key.
 */
@EachProperty("fg.stations")
public final class StationConfiguration {
    /** The on-scan value that prints ZPL carried in the scan. */
    public static final String RAW = "raw";

    private final String name;
    private String scanner;
    private String printer;
    private String onScan;
    private String tenant;
    private String warehouse;
    private int copies = 1;
    private Map<String, String> defaults = new LinkedHashMap<>();
    private boolean optionalFromSample;
    private String description = "";
    private boolean printerAdmin;
    private boolean rehearse;

    public StationConfiguration(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Nullable
    public String getScanner() {
        return scanner;
    }

    public void setScanner(@Nullable String scanner) {
        this.scanner = scanner;
    }

    @Nullable
    public String getPrinter() {
        return printer;
    }

    public void setPrinter(@Nullable String printer) {
        this.printer = printer;
    }

    @Nullable
    public String getOnScan() {
        return onScan;
    }

    public void setOnScan(@Nullable String onScan) {
        this.onScan = onScan;
    }

    @Nullable
    public String getTenant() {
        return tenant;
    }

    public void setTenant(@Nullable String tenant) {
        this.tenant = tenant;
    }

    @Nullable
    public String getWarehouse() {
        return warehouse;
    }

    public void setWarehouse(@Nullable String warehouse) {
        this.warehouse = warehouse;
    }

    public int getCopies() {
        return copies;
    }

    public void setCopies(int copies) {
        this.copies = copies;
    }

    public Map<String, String> getDefaults() {
        return defaults;
    }

    public void setDefaults(@Nullable Map<String, String> defaults) {
        this.defaults = defaults == null ? new LinkedHashMap<>() : new LinkedHashMap<>(defaults);
    }

    public boolean isOptionalFromSample() {
        return optionalFromSample;
    }

    public void setOptionalFromSample(boolean optionalFromSample) {
        this.optionalFromSample = optionalFromSample;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(@Nullable String description) {
        this.description = description == null ? "" : description;
    }

    public boolean isPrinterAdmin() {
        return printerAdmin;
    }

    public void setPrinterAdmin(boolean printerAdmin) {
        this.printerAdmin = printerAdmin;
    }

    public boolean isRehearse() {
        return rehearse;
    }

    public void setRehearse(boolean rehearse) {
        this.rehearse = rehearse;
    }

    /** Whether the station prints ZPL carried in its scans rather than a template. */
    public boolean isRaw() {
        return RAW.equalsIgnoreCase(onScan == null ? "" : onScan.trim());
    }
}
