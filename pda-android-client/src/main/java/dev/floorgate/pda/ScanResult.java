package dev.floorgate.pda;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.pda.internal.JsonCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The gateway's reading of one scan ({@code POST /api/v1/scans}): GS1 elements if any, and what the code
 * matched in the cached master data (a SKU, a bin or an order). Immutable.
 */
public final class ScanResult {
    /** What a scan matched. */
    public enum MatchKind {
        SKU, LOCATION, ORDER, NONE
    }

    private final String data;
    private final String aimId;
    private final List<Gs1Element> gs1Elements;
    private final Map<String, Object> gs1;
    private final MatchKind matchKind;
    private final Map<String, Object> match;
    private final List<String> problems;

    private ScanResult(String data, String aimId, List<Gs1Element> gs1Elements, Map<String, Object> gs1,
            MatchKind matchKind, Map<String, Object> match, List<String> problems) {
        this.data = data;
        this.aimId = aimId;
        this.gs1Elements = gs1Elements;
        this.gs1 = gs1;
        this.matchKind = matchKind;
        this.match = match;
        this.problems = problems;
    }

    static ScanResult from(Map<String, Object> m) {
        Map<String, Object> gs1 = JsonCodec.obj(m, "gs1");
        List<Gs1Element> elements = null;
        if (gs1 != null) {
            elements = new ArrayList<>();
            for (Map<String, Object> e : JsonCodec.objects(gs1, "elements")) {
                String ai = JsonCodec.str(e, "ai");
                String value = JsonCodec.str(e, "value");
                if (ai != null && value != null) {
                    try {
                        elements.add(new Gs1Element(ai, value));
                    } catch (IllegalArgumentException malformedAi) {
                        // an AI this client cannot represent; the typed fields below still carry the essentials
                    }
                }
            }
            elements = Collections.unmodifiableList(elements);
        }
        Map<String, Object> match = JsonCodec.obj(m, "match");
        MatchKind kind = MatchKind.NONE;
        String kindName = JsonCodec.str(match, "kind");
        for (MatchKind k : MatchKind.values()) {
            if (k.name().equals(kindName)) {
                kind = k;
            }
        }
        List<String> problems = new ArrayList<>();
        for (Object p : JsonCodec.list(m, "problems")) {
            if (p instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> pm = (Map<String, Object>) p;
                String field = JsonCodec.str(pm, "field");
                String message = JsonCodec.str(pm, "message");
                problems.add(field == null ? String.valueOf(message) : field + ": " + message);
            } else if (p != null) {
                problems.add(p.toString());
            }
        }
        return new ScanResult(JsonCodec.str(m, "data"), JsonCodec.str(m, "aimId"), elements, gs1, kind, match,
                Collections.unmodifiableList(problems));
    }

    /** The scanned data as the gateway read it. */
    public String data() {
        return data;
    }

    /** e.g. {@code ]C1}; null when the scan named no symbology. */
    public String aimId() {
        return aimId;
    }

    /** Whether the scan held GS1 data. */
    public boolean isGs1() {
        return gs1 != null;
    }

    /** The GS1 elements in scan order, or null when the scan held no GS1 data. */
    public List<Gs1Element> gs1Elements() {
        return gs1Elements;
    }

    /** AI (01), or null. */
    public String gtin() {
        return JsonCodec.str(gs1, "gtin");
    }

    /** AI (10), or null. */
    public String batch() {
        return JsonCodec.str(gs1, "batch");
    }

    /** AI (17) as {@code YYYY-MM-DD}, or null. */
    public String expiry() {
        return JsonCodec.str(gs1, "expiry");
    }

    /** AI (21), or null. */
    public String serial() {
        return JsonCodec.str(gs1, "serial");
    }

    /** AI (00), or null. */
    public String sscc() {
        return JsonCodec.str(gs1, "sscc");
    }

    public MatchKind matchKind() {
        return matchKind;
    }

    /** The matched SKU (kind SKU), or null. */
    public String sku() {
        return JsonCodec.str(match, "sku");
    }

    /** The matched SKU's name, or null. */
    public String name() {
        return JsonCodec.str(match, "name");
    }

    /** The matched bin (kind LOCATION), or null. */
    public String location() {
        return JsonCodec.str(match, "location");
    }

    /** The matched order (kind ORDER), or null. */
    public String orderNo() {
        return JsonCodec.str(match, "orderNo");
    }

    /** What the gateway found wrong with the scan ("AI (17): month 13 out of range"), possibly empty. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "ScanResult{" + aimId + " " + matchKind + (sku() != null ? " sku=" + sku() : "")
                + (location() != null ? " location=" + location() : "") + (isGs1() ? " gs1" : "")
                + (problems.isEmpty() ? "" : " problems=" + problems) + "}";
    }
}
