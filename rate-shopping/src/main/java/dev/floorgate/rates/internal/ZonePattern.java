package dev.floorgate.rates.internal;

import java.util.List;
import java.util.Locale;

/**
 * One destination of a zone: a country, optionally narrowed to postal codes by prefix ({@code "80"}) or by an
 * inclusive range of equally long prefixes ({@code "80000..80999"}). Specificity is the prefix length (0 for the
 * whole country); the most specific matching pattern of a card picks the zone. Two patterns of one card with the
 * same country and length that overlap would make that choice arbitrary, so {@link #overlaps} rejects them at load.
 */
public record ZonePattern(String zone, String country, String low, String high, int line) {

    public int specificity() {
        return low == null ? 0 : low.length();
    }

    /** Spaces and dashes are formatting ("SW1A 1AA", "00-950"): compared without them, upper case. */
    public static String normalize(String postalCode) {
        StringBuilder b = new StringBuilder(postalCode.length());
        for (int i = 0; i < postalCode.length(); i++) {
            char c = postalCode.charAt(i);
            if (c != ' ' && c != '-') {
                b.append(c);
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    public boolean matches(String country, String normalizedPostcode) {
        if (!this.country.equals(country)) {
            return false;
        }
        if (low == null) {
            return true;
        }
        if (normalizedPostcode.length() < low.length()) {
            return false;
        }
        String head = normalizedPostcode.substring(0, low.length());
        return head.compareTo(low) >= 0 && head.compareTo(high) <= 0;
    }

    public boolean overlaps(ZonePattern o) {
        return country.equals(o.country) && specificity() == o.specificity()
                && (low == null || (low.compareTo(o.high) <= 0 && o.low.compareTo(high) <= 0));
    }

    public String describe() {
        return country + (low == null ? "" : low.equals(high) ? " " + low + "*" : " " + low + ".." + high);
    }

    /** The most specific pattern matching, or null. Ties cannot happen: overlapping patterns fail the load. */
    public static ZonePattern mostSpecific(List<ZonePattern> patterns, String country, String postalCode) {
        String pc = normalize(postalCode == null ? "" : postalCode);
        ZonePattern best = null;
        for (ZonePattern p : patterns) {
            if (p.matches(country, pc) && (best == null || p.specificity() > best.specificity())) {
                best = p;
            }
        }
        return best;
    }
}
