package dev.floorgate.lan;

import java.util.Objects;

/**
 * A station (scanner -&gt; printer) in GET /api/v1/devices.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class StationView {
    private final String name;
    private final String description;
    private final String scanner;
    private final String printer;
    private final String onScan;
    private final String tenant;
    private final String warehouse;

    public StationView(String name, String description, String scanner, String printer, String onScan, String tenant,
            String warehouse) {
        this.name = name;
        this.description = description;
        this.scanner = scanner;
        this.printer = printer;
        this.onScan = onScan;
        this.tenant = tenant;
        this.warehouse = warehouse;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String scanner() {
        return scanner;
    }

    public String printer() {
        return printer;
    }

    public String onScan() {
        return onScan;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StationView)) {
            return false;
        }
        StationView that = (StationView) o;
        return Objects.equals(name, that.name)
                && Objects.equals(description, that.description)
                && Objects.equals(scanner, that.scanner)
                && Objects.equals(printer, that.printer)
                && Objects.equals(onScan, that.onScan)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(warehouse, that.warehouse);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, scanner, printer, onScan, tenant, warehouse);
    }

    @Override
    public String toString() {
        return "StationView{" + "name=" + name
                + ", description=" + description
                + ", scanner=" + scanner
                + ", printer=" + printer
                + ", onScan=" + onScan
                + ", tenant=" + tenant
                + ", warehouse=" + warehouse + "}";
    }
}
