package dev.floorgate.sync;

import java.util.List;
import java.util.Objects;

/**
 * A SKU with the codes that identify it: GTINs (any of GTIN-8/12/13/14; matched as GTIN-14) and other barcodes
 * (matched as written). Key: (tenant, sku).
 */
public record SkuItem(String tenant, String sku, String name, String unit, List<String> gtins, List<String> barcodes)
        implements ChangeItem {
    public SkuItem {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sku, "sku");
        gtins = gtins == null ? List.of() : List.copyOf(gtins);
        barcodes = barcodes == null ? List.of() : List.copyOf(barcodes);
    }

    @Override
    public String kind() {
        return "sku";
    }
}
