package dev.floorgate.gateway.internal.scans;

import dev.floorgate.barcodes.AimSymbology;
import dev.floorgate.barcodes.Gs1Data;
import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import dev.floorgate.barcodes.Gs1Parser;
import dev.floorgate.lan.Gs1Fields;
import dev.floorgate.lan.Gs1Value;
import dev.floorgate.lan.ScanMatch;
import dev.floorgate.lan.ScanResult;
import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.MasterDataCache;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import java.util.ArrayList;
import java.util.List;
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
        List<FieldProblem> problems = new ArrayList<>();
        Gs1Data gs1 = null;
        if ((aim != null && aim.gs1()) || Gs1Parser.looksLikeGs1(scan) || isEanUpc(aim)) {
            try {
                gs1 = Gs1Parser.parse(scan);
            } catch (Gs1ParseException e) {
                problems.add(new FieldProblem(e.ai() == null ? "data" : "ai(" + e.ai() + ")", e.getMessage()));
            }
        }
        ScanMatch match = match(tenant, warehouse, payload, gs1);
        return new DecodedScan(data, aim, gs1, match, problems);
    }

    private ScanMatch match(String tenant, String warehouse, String payload, Gs1Data gs1) {
        MasterDataCache cache = engine.cache();
        if (gs1 != null) {
            if (gs1.gtin() != null) {
                Optional<SkuItem> sku = cache.findSkuByCode(tenant, gs1.gtin());
                if (sku.isPresent()) {
                    return sku(sku.get());
                }
            }
            if (gs1.sscc() != null) {
                return ScanMatch.sscc(gs1.sscc());
            }
            if (gs1.orderNumber() != null) {
                Optional<OrderItem> order = cache.findOrder(tenant, warehouse, gs1.orderNumber());
                if (order.isPresent()) {
                    return ScanMatch.order(order.get().orderNo(), order.get().status());
                }
            }
        }
        Optional<LocationItem> bin = cache.findLocation(tenant, warehouse, payload);
        if (bin.isPresent()) {
            return ScanMatch.location(bin.get().code(), bin.get().type());
        }
        Optional<OrderItem> order = cache.findOrder(tenant, warehouse, payload);
        if (order.isPresent()) {
            return ScanMatch.order(order.get().orderNo(), order.get().status());
        }
        Optional<SkuItem> sku = cache.findSkuByCode(tenant, payload).or(() -> cache.findSku(tenant, payload));
        if (sku.isPresent()) {
            return sku(sku.get());
        }
        return ScanMatch.none();
    }

    private static ScanMatch sku(SkuItem sku) {
        return ScanMatch.sku(sku.sku(), sku.name(), sku.unit());
    }

    private static boolean isEanUpc(AimSymbology aim) {
        return aim != null && aim.code() == 'E';
    }

    /** The decoded scan: what the station mapper reads, and (as {@link #toView()}) the answer of POST /scans. */
    public static final class DecodedScan {
        public final String data;
        public final AimSymbology aim;
        public final Gs1Data gs1;
        public final ScanMatch match;
        public final List<FieldProblem> problems;

        DecodedScan(String data, AimSymbology aim, Gs1Data gs1, ScanMatch match, List<FieldProblem> problems) {
            this.data = data;
            this.aim = aim;
            this.gs1 = gs1;
            this.match = match;
            this.problems = problems;
        }

        public ScanResult toView() {
            Gs1Fields fields = null;
            if (gs1 != null) {
                List<Gs1Value> elements = new ArrayList<>();
                for (Gs1Element e : gs1.elements()) {
                    elements.add(new Gs1Value(e.ai(), e.value()));
                }
                fields = new Gs1Fields(elements, gs1.gtin(), gs1.batch(),
                        gs1.expiry() == null ? null : gs1.expiry().toString(), gs1.serial(), gs1.sscc());
            }
            return new ScanResult(data, aim == null ? null : aim.id(), aim == null ? null : aim.symbology(), fields,
                    match, problems);
        }
    }
}
