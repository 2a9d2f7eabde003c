package dev.floorgate.lan;

import dev.floorgate.protocol.FieldProblem;
import java.util.List;
import java.util.Objects;

/**
 * Answer of POST /api/v1/scans: symbology, GS1 elements, what the code matched, problems.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class ScanResult {
    /** What a scan matched ({@link ScanMatch#kind()} as an enum). */
    public enum MatchKind {
        SKU, LOCATION, ORDER, SSCC, NONE
    }

    private final String data;
    private final String aimId;
    private final String symbology;
    private final Gs1Fields gs1;
    private final ScanMatch match;
    private final List<FieldProblem> problems;

    public ScanResult(String data, String aimId, String symbology, Gs1Fields gs1, ScanMatch match,
            List<FieldProblem> problems) {
        this.data = data;
        this.aimId = aimId;
        this.symbology = symbology;
        this.gs1 = gs1;
        this.match = match;
        this.problems = Copies.list(problems);
    }

    public String data() {
        return data;
    }

    public String aimId() {
        return aimId;
    }

    public String symbology() {
        return symbology;
    }

    /** Null when the scan held no GS1 data. */
    public Gs1Fields gs1() {
        return gs1;
    }

    public ScanMatch match() {
        return match;
    }

    /** E.g. field ai(17): month 13 out of range. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /** Whether the scan held GS1 data. */
    public boolean isGs1() {
        return gs1 != null;
    }

    /** The GS1 elements in scan order, or null when the scan held no GS1 data. */
    public List<Gs1Value> gs1Elements() {
        return gs1 == null ? null : gs1.elements();
    }

    /** AI (01), or null. */
    public String gtin() {
        return gs1 == null ? null : gs1.gtin();
    }

    /** AI (10), or null. */
    public String batch() {
        return gs1 == null ? null : gs1.batch();
    }

    /** AI (17) as YYYY-MM-DD, or null. */
    public String expiry() {
        return gs1 == null ? null : gs1.expiry();
    }

    /** AI (21), or null. */
    public String serial() {
        return gs1 == null ? null : gs1.serial();
    }

    /** AI (00), or null. */
    public String sscc() {
        return gs1 == null ? null : gs1.sscc();
    }

    /** The match's kind; NONE also when the gateway named a kind this version does not know. */
    public MatchKind matchKind() {
        String kind = match == null ? null : match.kind();
        for (MatchKind k : MatchKind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        return MatchKind.NONE;
    }

    /** The matched SKU (kind SKU), or null. */
    public String sku() {
        return match == null ? null : match.sku();
    }

    /** The matched SKU's name, or null. */
    public String name() {
        return match == null ? null : match.name();
    }

    /** The matched bin (kind LOCATION), or null. */
    public String location() {
        return match == null ? null : match.location();
    }

    /** The matched order (kind ORDER), or null. */
    public String orderNo() {
        return match == null ? null : match.orderNo();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScanResult)) {
            return false;
        }
        ScanResult that = (ScanResult) o;
        return Objects.equals(data, that.data)
                && Objects.equals(aimId, that.aimId)
                && Objects.equals(symbology, that.symbology)
                && Objects.equals(gs1, that.gs1)
                && Objects.equals(match, that.match)
                && Objects.equals(problems, that.problems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, aimId, symbology, gs1, match, problems);
    }

    @Override
    public String toString() {
        return "ScanResult{" + "data=" + data
                + ", aimId=" + aimId
                + ", symbology=" + symbology
                + ", gs1=" + gs1
                + ", match=" + match
                + ", problems=" + problems + "}";
    }
}
