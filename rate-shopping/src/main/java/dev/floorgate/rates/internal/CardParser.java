package dev.floorgate.rates.internal;

import dev.floorgate.rates.internal.RateCard.Above;
import dev.floorgate.rates.internal.RateCard.Break;
import dev.floorgate.rates.internal.RateCard.Fees;
import dev.floorgate.rates.internal.RateCard.Limits;
import dev.floorgate.rates.internal.RateCard.Zone;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link Node} tree into a {@link RateCard}, strictly: every problem is an IllegalArgumentException naming
 * the file, the line and the field (docs/RATE-CARDS.md is the format). A card that loads can always be priced
 * without surprises: breaks ascend, prices never fall as weight rises, every zone has a price table.
 */
public final class CardParser {
    static final int FORMAT = 1;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern POSTCODE = Pattern.compile("[A-Z0-9]{1,10}");

    private CardParser() {
    }

    /** Reads and validates one card file; {@code name} is how messages name it. */
    public static RateCard load(Path path, String name) throws IOException {
        return parse(YamlTree.read(path, name), name);
    }

    static RateCard parse(Node root, String file) {
        int format = root.require("format").positiveInt();
        if (format != FORMAT) {
            throw root.require("format").problem("format " + format + " is not supported (this reader knows " + FORMAT + ")");
        }
        String carrier = name(root.require("carrier"));
        String service = name(root.require("service"));
        int version = root.require("version").positiveInt();
        var effectiveFrom = root.require("effectiveFrom").date();
        Currency currency = currency(root.require("currency"));

        Node dimNode = root.require("dimensionalDivisor");
        long divisor = dimNode.positiveInt();
        long increment = grams(root.require("billableIncrement"), true);
        BigDecimal fuel = root.require("fuelSurchargePercent").nonNegative();
        Node fuelNode = root.require("fuelSurchargePercent");
        if (fuel.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw fuelNode.problem("fuel surcharge " + fuel.toPlainString() + " % is over 100 %");
        }

        Fees fees = fees(root.optional("fees"), currency);
        Limits limits = limits(root.optional("limits"));

        Node zonesNode = root.require("zones");
        Map<String, Node> zoneNodes = new HashMap<>();
        List<ZonePattern> patterns = new ArrayList<>();
        Map<String, Integer> transit = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Node z : zonesNode.nonEmptyItems()) {
            Node nameNode = z.require("name");
            String zone = nameNode.text();
            if (!ZONE.matcher(zone).matches()) {
                throw nameNode.problem("zone name '" + zone + "' must be letters, digits, '-' or '_' (up to 40)");
            }
            if (zoneNodes.containsKey(zone)) {
                throw nameNode.problem("zone '" + zone + "' is defined twice (first on line " + zoneNodes.get(zone).line() + ")");
            }
            zoneNodes.put(zone, z);
            order.add(zone);
            transit.put(zone, z.require("transitDays").positiveInt());
            for (Node d : z.require("destinations").nonEmptyItems()) {
                destinations(d, zone, patterns);
            }
            z.rejectUnknownFields();
        }
        for (int i = 0; i < patterns.size(); i++) {
            for (int j = 0; j < i; j++) {
                ZonePattern a = patterns.get(j);
                ZonePattern b = patterns.get(i);
                if (a.overlaps(b)) {
                    throw new IllegalArgumentException(file + " line " + b.line() + ", zones: destination "
                            + b.describe() + " of zone " + b.zone() + " overlaps " + a.describe() + " of zone "
                            + a.zone() + " (line " + a.line() + "); the most specific match would be ambiguous");
                }
            }
        }

        Node ratesNode = root.require("rates");
        for (String key : ratesNode.keys()) {
            if (!zoneNodes.containsKey(key)) {
                throw ratesNode.require(key).problem("rates for zone '" + key + "', which is not in zones " + order);
            }
        }
        List<Zone> zones = new ArrayList<>();
        for (String zone : order) {
            Node r = ratesNode.optional(zone);
            if (r == null) {
                throw ratesNode.problem("missing zone '" + zone + "': zones lists it (line "
                        + zoneNodes.get(zone).line() + ") but rates has no price table for it");
            }
            zones.add(zoneRates(r, zone, transit.get(zone), currency));
        }
        root.rejectUnknownFields();
        return new RateCard(file, carrier, service, version, effectiveFrom, currency, divisor, increment, fuel,
                List.copyOf(zones), List.copyOf(patterns), fees, limits);
    }

    private static void destinations(Node d, String zone, List<ZonePattern> out) {
        Node countryNode = d.require("country");
        String country = countryNode.text();
        if (!COUNTRY.matcher(country).matches()) {
            throw countryNode.problem("country '" + country + "' is not a two-letter ISO 3166 code in capitals");
        }
        Node pcs = d.optional("postcodes");
        d.rejectUnknownFields();
        if (pcs == null) {
            out.add(new ZonePattern(zone, country, null, null, countryNode.line()));
            return;
        }
        for (Node pc : pcs.nonEmptyItems()) {
            String text = pc.text();
            int dots = text.indexOf("..");
            String low = ZonePattern.normalize(dots < 0 ? text : text.substring(0, dots));
            String high = dots < 0 ? low : ZonePattern.normalize(text.substring(dots + 2));
            if (!POSTCODE.matcher(low).matches() || !POSTCODE.matcher(high).matches()) {
                throw pc.problem("postcode pattern '" + text + "' must be a prefix (\"80\") or a range (\"80000..80999\")"
                        + " of letters and digits");
            }
            if (low.length() != high.length()) {
                throw pc.problem("range '" + text + "' has bounds of different lengths (" + low.length() + " and "
                        + high.length() + ")");
            }
            if (low.compareTo(high) > 0) {
                throw pc.problem("range '" + text + "' runs backwards");
            }
            out.add(new ZonePattern(zone, country, low, high, pc.line()));
        }
    }

    private static Zone zoneRates(Node r, String zone, int transitDays, Currency currency) {
        List<Break> breaks = new ArrayList<>();
        Node previousNode = null;
        for (Node b : r.require("breaks").nonEmptyItems()) {
            Node upToNode = b.require("upTo");
            long upTo = grams(upToNode, true);
            long price = money(b.require("price"), currency);
            b.rejectUnknownFields();
            if (!breaks.isEmpty()) {
                Break prev = breaks.get(breaks.size() - 1);
                if (upTo == prev.upToGrams()) {
                    throw upToNode.problem("break " + kg(upTo) + " kg overlaps the break on line " + previousNode.line()
                            + " (the same weight twice)");
                }
                if (upTo < prev.upToGrams()) {
                    throw upToNode.problem("breaks must ascend: " + kg(upTo) + " kg follows " + kg(prev.upToGrams()) + " kg");
                }
                if (price < prev.priceMinor()) {
                    throw b.require("price").problem("price " + major(price, currency) + " up to " + kg(upTo)
                            + " kg is below " + major(prev.priceMinor(), currency) + " up to " + kg(prev.upToGrams())
                            + " kg: a heavier parcel must not cost less");
                }
            }
            breaks.add(new Break(upTo, price));
            previousNode = b;
        }
        Above above = null;
        Node a = r.optional("above");
        if (a != null) {
            above = new Above(grams(a.require("every"), true), money(a.require("price"), currency));
            a.rejectUnknownFields();
        }
        r.rejectUnknownFields();
        return new Zone(zone, transitDays, List.copyOf(breaks), above);
    }

    private static Fees fees(Node f, Currency currency) {
        if (f == null) {
            return new Fees(0, 0, 0, 0, 0, 0);
        }
        long handling = optionalMoney(f.optional("handling"), currency);
        long residential = optionalMoney(f.optional("residential"), currency);
        Node o = f.optional("oversize");
        f.rejectUnknownFields();
        if (o == null) {
            return new Fees(handling, residential, 0, 0, 0, 0);
        }
        long fee = money(o.require("fee"), currency);
        int side = optionalMm(o.optional("longestSideOver"));
        int girth = optionalMm(o.optional("girthOver"));
        long weight = o.optional("weightOver") == null ? 0 : grams(o.require("weightOver"), true);
        o.rejectUnknownFields();
        if (side == 0 && girth == 0 && weight == 0) {
            throw o.problem("an oversize fee needs its rule: longestSideOver, girthOver or weightOver");
        }
        return new Fees(handling, residential, fee, side, girth, weight);
    }

    private static Limits limits(Node l) {
        if (l == null) {
            return new Limits(0, 0, 0, 0);
        }
        long weight = l.optional("maxWeight") == null ? 0 : grams(l.require("maxWeight"), true);
        Limits limits = new Limits(weight, optionalMm(l.optional("maxLength")), optionalMm(l.optional("maxGirth")),
                optionalMm(l.optional("maxLengthPlusGirth")));
        l.rejectUnknownFields();
        return limits;
    }

    private static String name(Node n) {
        String s = n.text();
        if (!NAME.matcher(s).matches()) {
            throw n.problem("'" + s + "' must be lower-case letters, digits and '-' (up to 40)");
        }
        return s;
    }

    private static Currency currency(Node n) {
        String code = n.text();
        Currency c;
        try {
            c = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw n.problem("unknown currency '" + code + "' (an ISO 4217 code such as EUR)", e);
        }
        if (c.getDefaultFractionDigits() < 0) {
            throw n.problem("currency '" + code + "' has no minor unit (not a currency a carrier bills in)");
        }
        return c;
    }

    /** Money in major units as written ("12.40"), to minor units exactly; more decimals than the currency has is an error. */
    static long money(Node n, Currency currency) {
        BigDecimal d = n.decimal();
        if (d.signum() < 0) {
            throw n.problem("negative price " + d.toPlainString() + " " + currency.getCurrencyCode());
        }
        try {
            return d.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
        } catch (ArithmeticException e) {
            throw n.problem(d.toPlainString() + " has more than " + currency.getDefaultFractionDigits()
                    + " decimals for " + currency.getCurrencyCode(), e);
        }
    }

    private static long optionalMoney(Node n, Currency currency) {
        return n == null ? 0 : money(n, currency);
    }

    /** kg as written, to grams exactly (at most 3 decimals). */
    static long grams(Node n, boolean positive) {
        BigDecimal d = positive ? n.positive() : n.nonNegative();
        try {
            return d.movePointRight(3).longValueExact();
        } catch (ArithmeticException e) {
            throw n.problem(d.toPlainString() + " kg is finer than a gram (at most 3 decimals)", e);
        }
    }

    /** cm as written, to millimetres exactly (at most 1 decimal). */
    private static int optionalMm(Node n) {
        if (n == null) {
            return 0;
        }
        BigDecimal d = n.positive();
        try {
            return d.movePointRight(1).intValueExact();
        } catch (ArithmeticException e) {
            throw n.problem(d.toPlainString() + " cm is finer than a millimetre (at most 1 decimal)", e);
        }
    }

    public static String kg(long grams) {
        return BigDecimal.valueOf(grams).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    public static String cm(int mm) {
        return BigDecimal.valueOf(mm).movePointLeft(1).stripTrailingZeros().toPlainString();
    }

    static String major(long minor, Currency c) {
        return BigDecimal.valueOf(minor).movePointLeft(c.getDefaultFractionDigits()).toPlainString() + " "
                + c.getCurrencyCode();
    }
}
