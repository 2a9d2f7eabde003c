package dev.floorgate.sync;

import java.util.Objects;

/** A location (bin) of a warehouse; {@code type} as the core names it (e.g. BIN). Key: (tenant, warehouse, code). */
public record LocationItem(String tenant, String warehouse, String code, String type) implements ChangeItem {
    public LocationItem {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String kind() {
        return "location";
    }
}
