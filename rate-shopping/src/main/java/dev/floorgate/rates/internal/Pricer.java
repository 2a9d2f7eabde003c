package dev.floorgate.rates.internal;

import dev.floorgate.rates.Charge;
import dev.floorgate.rates.Money;
import dev.floorgate.rates.Parcel;
import dev.floorgate.rates.Quote;
import dev.floorgate.rates.Shipment;
import dev.floorgate.rates.internal.RateCard.Break;
import dev.floorgate.rates.internal.RateCard.Fees;
import dev.floorgate.rates.internal.RateCard.Limits;
import dev.floorgate.rates.internal.RateCard.Zone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices one shipment on one card (docs/RATE-CARDS.md, "How a quote is computed"). A shipment the card cannot
 * carry is an outcome with a reason, not an exception: a missing zone or an over-limit parcel is a normal day at
 * the packing station.
 */
public final class Pricer {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Pricer() {
    }

    /** Exactly one of quote and reason is set. */
    public record Outcome(Quote quote, String reason) {
    }

    public static Outcome price(RateCard card, Shipment shipment) {
        try {
            return priceExactly(card, shipment);
        } catch (ArithmeticException e) {
            // only an absurd card (prices near 10^17 minor units) gets here; a reason, not a crash of the station
            return refuse("the price overflows in " + card.label() + " (" + card.file() + "): " + e.getMessage());
        }
    }

    private static Outcome priceExactly(RateCard card, Shipment shipment) {
        var dest = shipment.destination();
        ZonePattern match = ZonePattern.mostSpecific(card.patterns(), dest.country(), dest.postalCode());
        if (match == null) {
            String where = dest.postalCode().isEmpty() ? dest.country() : dest.country() + " " + dest.postalCode();
            return refuse("no zone for " + where + " in " + card.label() + " (" + card.file() + ")");
        }
        Zone zone = zone(card, match.zone());
        String over = overLimit(card.limits(), shipment.parcels());
        if (over != null) {
            return refuse(over);
        }
        long billable = 0;
        for (Parcel p : shipment.parcels()) {
            billable = Math.addExact(billable, billableGrams(card, p));
        }
        long base;
        Break last = zone.lastBreak();
        if (billable <= last.upToGrams()) {
            base = firstBreakCovering(zone, billable).priceMinor();
        } else if (zone.above() == null) {
            return refuse("billable weight " + CardParser.kg(billable) + " kg over the last break "
                    + CardParser.kg(last.upToGrams()) + " kg of zone " + zone.name() + " in " + card.label()
                    + ", which has no price above it");
        } else {
            long steps = ceilDiv(billable - last.upToGrams(), zone.above().stepGrams());
            base = Math.addExact(last.priceMinor(), Math.multiplyExact(steps, zone.above().priceMinor()));
        }
        long fuel = BigDecimal.valueOf(base).multiply(card.fuelPercent())
                .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();

        List<Charge> lines = new ArrayList<>();
        Fees f = card.fees();
        int n = shipment.parcels().size();
        addLine(lines, "handling", n, f.handlingMinor(), card);
        if (dest.residential()) {
            addLine(lines, "residential", n, f.residentialMinor(), card);
        }
        int oversize = 0;
        for (Parcel p : shipment.parcels()) {
            if (isOversize(f, p)) {
                oversize++;
            }
        }
        addLine(lines, "oversize", oversize, f.oversizeMinor(), card);
        long fees = 0;
        for (Charge c : lines) {
            fees = Math.addExact(fees, c.amount().minor());
        }
        long total = Math.addExact(Math.addExact(base, fuel), fees);
        Quote q = new Quote(card.carrier(), card.service(), card.version(), card.file(), zone.name(),
                money(total, card), money(base, card), money(fuel, card), money(fees, card), lines, billable,
                zone.transitDays());
        return new Outcome(q, null);
    }

    /** max(actual, dimensional) rounded up to the card's increment; dimensional grams = mm³ / divisor, rounded up. */
    public static long billableGrams(RateCard card, Parcel p) {
        long dim = ceilDiv(p.volumeMm3(), card.dimDivisor());
        long w = Math.max(p.weightGrams(), dim);
        return Math.multiplyExact(ceilDiv(w, card.incrementGrams()), card.incrementGrams());
    }

    private static String overLimit(Limits l, List<Parcel> parcels) {
        for (int i = 0; i < parcels.size(); i++) {
            Parcel p = parcels.get(i);
            String which = parcels.size() == 1 ? "" : "parcel " + (i + 1) + ": ";
            if (l.maxWeightGrams() > 0 && p.weightGrams() > l.maxWeightGrams()) {
                return which + "weight " + CardParser.kg(p.weightGrams()) + " kg over the limit "
                        + CardParser.kg(l.maxWeightGrams()) + " kg";
            }
            if (l.maxLengthMm() > 0 && p.longestMm() > l.maxLengthMm()) {
                return which + "length " + CardParser.cm(p.longestMm()) + " cm over the limit "
                        + CardParser.cm(l.maxLengthMm()) + " cm";
            }
            if (l.maxGirthMm() > 0 && p.girthMm() > l.maxGirthMm()) {
                return which + "girth " + CardParser.cm(p.girthMm()) + " cm over the limit "
                        + CardParser.cm(l.maxGirthMm()) + " cm";
            }
            int lg = p.longestMm() + p.girthMm();
            if (l.maxLengthPlusGirthMm() > 0 && lg > l.maxLengthPlusGirthMm()) {
                return which + "length plus girth " + CardParser.cm(lg) + " cm over the limit "
                        + CardParser.cm(l.maxLengthPlusGirthMm()) + " cm";
            }
        }
        return null;
    }

    private static boolean isOversize(Fees f, Parcel p) {
        return (f.oversizeLongestSideMm() > 0 && p.longestMm() > f.oversizeLongestSideMm())
                || (f.oversizeGirthMm() > 0 && p.girthMm() > f.oversizeGirthMm())
                || (f.oversizeWeightGrams() > 0 && p.weightGrams() > f.oversizeWeightGrams());
    }

    private static void addLine(List<Charge> lines, String name, int parcels, long each, RateCard card) {
        if (parcels > 0 && each > 0) {
            lines.add(new Charge(name, parcels, money(Math.multiplyExact(each, parcels), card)));
        }
    }

    private static Break firstBreakCovering(Zone zone, long grams) {
        for (Break b : zone.breaks()) {
            if (grams <= b.upToGrams()) {
                return b;
            }
        }
        throw new IllegalStateException("no break of zone " + zone.name() + " covers " + grams + " g");
    }

    private static Zone zone(RateCard card, String name) {
        for (Zone z : card.zones()) {
            if (z.name().equals(name)) {
                return z;
            }
        }
        throw new IllegalStateException("zone " + name + " of " + card.label() + " has no rates (the parser checks this)");
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static Money money(long minor, RateCard card) {
        return new Money(minor, card.currency());
    }

    private static Outcome refuse(String reason) {
        return new Outcome(null, reason);
    }
}
