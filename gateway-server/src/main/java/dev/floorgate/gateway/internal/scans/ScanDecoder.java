package dev.floorgate.gateway.internal.scans;

import dev.floorgate.barcodes.AimSymbology;
import dev.floorgate.barcodes.Gs1Data;
import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import dev.floorgate.barcodes.Gs1Parser;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.MasterDataCache;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a scan (from a PDA or a station scanner) into what it means for one tenant and warehouse: its AIM
 * symbology, its GS1 elements when it carries GS1 data, and what it matches in the gateway's cache: a SKU (by
 * GTIN, barcode or SKU code), a bin, an order, or an SSCC. GS1 errors are reported as problems naming the AI,
 * never thrown: a bad scan is an answer, not a failure.
 */
public final class ScanDecoder {
    /** Longest scan accepted; longer data is refused before any parsing. */
    public static final int MAX_SCAN_LENGTH = 4096;
    private final SyncEngine engine;

    public ScanDecoder(SyncEngine engine) {
        this.engine = engine;
    }

    /**
     * @param data      the scanned characters, possibly starting with an AIM id
     * @param symbology the AIM id reported next to the data (e.g. by DataWedge or Honeywell), or null
     */
    public DecodedScan decode(String tenant, String warehouse, String data, String symbology) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("data: is required (the scanned characters)");
        }
        if (data.length() > MAX_SCAN_LENGTH) {
            throw new IllegalArgumentException("data: " + data.length() + " characters exceed the maximum "
                    + MAX_SCAN_LENGTH);
        }
        AimSymbology aim = AimSymbology.parsePrefix(data);
        String scan = data;
        if (aim == null && symbology != null && !symbology.isEmpty()) {
            aim = AimSymbology.of(symbology);
            scan = aim.id() + data;
        }
        String payload = AimSymbology.strip(scan);
        List<Map<String, Object>> problems = new ArrayList<>();
        Gs1Data gs1 = null;
        if ((aim != null && aim.gs1()) || Gs1Parser.looksLikeGs1(scan) || isEanUpc(aim)) {
            try {
                gs1 = Gs1Parser.parse(scan);
            } catch (Gs1ParseException e) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("field", e.ai() == null ? "data" : "ai(" + e.ai() + ")");
                p.put("message", e.getMessage());
                problems.add(p);
            }
        }
        Map<String, Object> match = match(tenant, warehouse, payload, gs1);
        return new DecodedScan(data, aim, gs1, match, problems);
    }

    private Map<String, Object> match(String tenant, String warehouse, String payload, Gs1Data gs1) {
        MasterDataCache cache = engine.cache();
        Map<String, Object> m = new LinkedHashMap<>();
        if (gs1 != null) {
            if (gs1.gtin() != null) {
                Optional<SkuItem> sku = cache.findSkuByCode(tenant, gs1.gtin());
                if (sku.isPresent()) {
                    return sku(m, sku.get());
                }
            }
            if (gs1.sscc() != null) {
                m.put("kind", "SSCC");
                m.put("sscc", gs1.sscc());
                return m;
            }
            if (gs1.orderNumber() != null) {
                Optional<OrderItem> order = cache.findOrder(tenant, warehouse, gs1.orderNumber());
                if (order.isPresent()) {
                    return order(m, order.get());
                }
            }
        }
        Optional<LocationItem> bin = cache.findLocation(tenant, warehouse, payload);
        if (bin.isPresent()) {
            m.put("kind", "LOCATION");
            m.put("location", bin.get().code());
            m.put("type", bin.get().type());
            return m;
        }
        Optional<OrderItem> order = cache.findOrder(tenant, warehouse, payload);
        if (order.isPresent()) {
            return order(m, order.get());
        }
        Optional<SkuItem> sku = cache.findSkuByCode(tenant, payload).or(() -> cache.findSku(tenant, payload));
        if (sku.isPresent()) {
            return sku(m, sku.get());
        }
        m.put("kind", "NONE");
        return m;
    }

    private static Map<String, Object> sku(Map<String, Object> m, SkuItem sku) {
        m.put("kind", "SKU");
        m.put("sku", sku.sku());
        m.put("name", sku.name());
        m.put("unit", sku.unit());
        return m;
    }

    private static Map<String, Object> order(Map<String, Object> m, OrderItem order) {
        m.put("kind", "ORDER");
        m.put("orderNo", order.orderNo());
        m.put("status", order.status());
        return m;
    }

    private static boolean isEanUpc(AimSymbology aim) {
        return aim != null && aim.code() == 'E';
    }

    /** The decoded scan as JSON-ready values. */
    public static final class DecodedScan {
        public final String data;
        public final AimSymbology aim;
        public final Gs1Data gs1;
        public final Map<String, Object> match;
        public final List<Map<String, Object>> problems;

        DecodedScan(String data, AimSymbology aim, Gs1Data gs1, Map<String, Object> match,
                List<Map<String, Object>> problems) {
            this.data = data;
            this.aim = aim;
            this.gs1 = gs1;
            this.match = match;
            this.problems = problems;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("data", data);
            out.put("aimId", aim == null ? null : aim.id());
            out.put("symbology", aim == null ? null : aim.symbology());
            if (gs1 != null) {
                Map<String, Object> g = new LinkedHashMap<>();
                List<Map<String, String>> elements = new ArrayList<>();
                for (Gs1Element e : gs1.elements()) {
                    elements.add(Map.of("ai", e.ai(), "value", e.value()));
                }
                g.put("elements", elements);
                g.put("gtin", gs1.gtin());
                g.put("batch", gs1.batch());
                g.put("expiry", gs1.expiry() == null ? null : gs1.expiry().toString());
                g.put("serial", gs1.serial());
                g.put("sscc", gs1.sscc());
                out.put("gs1", g);
            } else {
                out.put("gs1", null);
            }
            out.put("match", match);
            out.put("problems", problems);
            return out;
        }
    }
}
