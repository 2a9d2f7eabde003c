package dev.floorgate.gateway.internal.stations;

import dev.floorgate.barcodes.Gs1Data;
import dev.floorgate.gateway.internal.scans.ScanDecoder.DecodedScan;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.MasterDataCache;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.TemplateField;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a station prints for a scan: the field values of its template, from what the scan matched in the
 * gateway's cache. One place to extend when orders gain label attributes (addresses, carrier, tracking): add
 * their fields in {@link #order} and every station template can use them.
 *
 * <p>The values offered, by match (a template takes the fields it declares and ignores the rest):
 * <ul>
 *   <li>always: {@code scan} (the data read), {@code station}, {@code tenant}, {@code warehouse},
 *       {@code scan_date} (yyyy-MM-dd, UTC);</li>
 *   <li>an ORDER: {@code order} and {@code order_no} (the order number), {@code order_status}, {@code lines}
 *       (number of lines), {@code units} (sum of ordered quantities), {@code skus} (distinct SKUs, comma
 *       separated, at most 200 characters), {@code sku} and {@code location} (of the first line),
 *       {@code line1_sku}, {@code line1_qty}, {@code line1_location} ... up to line {@value #MAX_LINES}, and
 *       {@code ship_date} (the scan date: a packing-station scan is the moment the parcel ships);</li>
 *   <li>a SKU: {@code sku}, {@code description} and {@code name} (the SKU's name), {@code unit}, {@code gtin}
 *       (from the scan's GS1 data, else the SKU's first GTIN);</li>
 *   <li>a bin: {@code bin} and {@code location}, {@code location_type};</li>
 *   <li>GS1 data in the scan: {@code gtin}, {@code batch}, {@code expiry}, {@code serial}, {@code sscc}.</li>
 * </ul>
 * Then {@link #complete} fills what is still missing: first from the station's {@code defaults}, then, for optional
 * fields only and only where the station allows it, from the template's sample data. A required field nobody
 * provides stays missing, and the render refuses the label naming that field.
 */
final class LabelDataMapper {
    static final int MAX_LINES = 10;
    static final int MAX_SKUS_CHARS = 200;

    private LabelDataMapper() {
    }

    /** The values for a scan, or empty when it matches nothing in the cache. */
    static Optional<Map<String, String>> map(String station, String tenant, String warehouse, DecodedScan scan,
            MasterDataCache cache, Instant scannedAt) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("scan", scan.data);
        out.put("station", station);
        out.put("tenant", tenant);
        out.put("warehouse", warehouse);
        out.put("scan_date", scannedAt.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        if (scan.gs1 != null) {
            gs1(out, scan.gs1);
        }
        String kind = String.valueOf(scan.match.kind());
        switch (kind) {
            case "ORDER": {
                Optional<OrderItem> order = cache.findOrder(tenant, warehouse, scan.match.orderNo());
                if (order.isEmpty()) {
                    return Optional.empty();
                }
                order(out, order.get());
                out.put("ship_date", out.get("scan_date"));
                return Optional.of(out);
            }
            case "SKU": {
                Optional<SkuItem> sku = cache.findSku(tenant, scan.match.sku());
                if (sku.isEmpty()) {
                    return Optional.empty();
                }
                sku(out, sku.get());
                return Optional.of(out);
            }
            case "LOCATION": {
                Optional<LocationItem> bin = cache.findLocation(tenant, warehouse, scan.match.location());
                if (bin.isEmpty()) {
                    return Optional.empty();
                }
                out.put("bin", bin.get().code());
                out.put("location", bin.get().code());
                putIfText(out, "location_type", bin.get().type());
                return Optional.of(out);
            }
            case "SSCC":
                return Optional.of(out);
            default:
                return Optional.empty();
        }
    }

    private static void order(Map<String, String> out, OrderItem order) {
        out.put("order", order.orderNo());
        out.put("order_no", order.orderNo());
        putIfText(out, "order_status", order.status());
        out.put("lines", Integer.toString(order.lines().size()));
        long units = 0;
        Set<String> skus = new LinkedHashSet<>();
        int i = 0;
        for (OrderLine line : order.lines()) {
            units += line.qty();
            skus.add(line.sku());
            if (++i <= MAX_LINES) {
                out.put("line" + i + "_sku", line.sku());
                out.put("line" + i + "_qty", Long.toString(line.qty()));
                putIfText(out, "line" + i + "_location", line.location());
            }
        }
        out.put("units", Long.toString(units));
        String joined = String.join(", ", skus);
        out.put("skus", joined.length() <= MAX_SKUS_CHARS ? joined : joined.substring(0, MAX_SKUS_CHARS - 3) + "...");
        if (!order.lines().isEmpty()) {
            OrderLine first = order.lines().get(0);
            out.put("sku", first.sku());
            putIfText(out, "location", first.location());
        }
    }

    private static void sku(Map<String, String> out, SkuItem sku) {
        out.put("sku", sku.sku());
        putIfText(out, "description", sku.name());
        putIfText(out, "name", sku.name());
        putIfText(out, "unit", sku.unit());
        if (!out.containsKey("gtin") && sku.gtins() != null && !sku.gtins().isEmpty()) {
            out.put("gtin", sku.gtins().get(0));
        }
    }

    private static void gs1(Map<String, String> out, Gs1Data gs1) {
        putIfText(out, "gtin", gs1.gtin());
        putIfText(out, "batch", gs1.batch());
        putIfText(out, "serial", gs1.serial());
        putIfText(out, "sscc", gs1.sscc());
        if (gs1.expiry() != null) {
            out.put("expiry", gs1.expiry().toString());
        }
    }

    /**
     * Fills fields the scan did not provide: the station's defaults first, then (when {@code optionalFromSample})
     * the template's sample value for optional fields.
     */
    static Map<String, String> complete(Map<String, String> values, LabelTemplate template,
            Map<String, String> defaults, boolean optionalFromSample) {
        Map<String, String> out = new LinkedHashMap<>(values);
        for (TemplateField f : template.fields()) {
            String name = f.name();
            if (present(out.get(name))) {
                continue;
            }
            if (present(defaults.get(name))) {
                out.put(name, defaults.get(name));
            } else if (optionalFromSample && !f.required() && present(template.sampleData().get(name))) {
                out.put(name, template.sampleData().get(name));
            }
        }
        return out;
    }

    private static boolean present(String v) {
        return v != null && !v.isEmpty();
    }

    private static void putIfText(Map<String, String> out, String key, String value) {
        if (present(value)) {
            out.put(key, value);
        }
    }
}
