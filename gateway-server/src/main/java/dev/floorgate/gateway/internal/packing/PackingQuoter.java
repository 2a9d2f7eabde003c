package dev.floorgate.gateway.internal.packing;

import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.lan.PackingQuote;
import dev.floorgate.rates.Charge;
import dev.floorgate.rates.Destination;
import dev.floorgate.rates.Parcel;
import dev.floorgate.rates.Quote;
import dev.floorgate.rates.Quotes;
import dev.floorgate.rates.RateShopper;
import dev.floorgate.rates.Shipment;
import dev.floorgate.sync.PackingBook;
import dev.floorgate.sync.ParcelConflictException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices a consolidated shipment at the packing station, offline: the parcels checked against the offline cache
 * and the packing queue (the first that cannot go is 409 PARCEL_CONFLICT naming it), the weight as entered or a
 * stable reading of the station's scale, and the tenant's rate cards. The packed carton is priced as one parcel:
 * the scale weighs it with its contents and the packer measures (or picks) the carton, so the rate-shopping
 * module's {@code Consolidation} (summing known parcel weights) has nothing to add here; the cache has no weights.
 */
final class PackingQuoter {
    /** What the station sends for a quote or a shipment, before the choice. */
    record Ask(String tenant, String warehouse, String customer, List<String> parcels, Long weightGrams,
            String scale, Integer lengthMm, Integer widthMm, Integer heightMm, String country, String postcode,
            Boolean residential) {
    }

    /** The priced answer: the weight used, and the quotes. */
    record Priced(long weightGrams, Quotes quotes) {
    }

    private final PackingBook packing;
    private final RateCardDirectory rates;
    private final ScaleRegistry scales;
    private final Duration scaleWait;
    private final Clock clock;

    PackingQuoter(PackingBook packing, RateCardDirectory rates, ScaleRegistry scales, Duration scaleWait, Clock clock) {
        this.packing = packing;
        this.rates = rates;
        this.scales = scales;
        this.scaleWait = scaleWait;
        this.clock = clock;
    }

    Priced price(Ask a) throws IOException {
        if (a.parcels() == null || a.parcels().isEmpty()) {
            throw GatewayProblem.invalid("parcels: at least one parcel id");
        }
        require("lengthMm", a.lengthMm());
        require("widthMm", a.widthMm());
        require("heightMm", a.heightMm());
        if (a.country() == null || !a.country().matches("[A-Za-z]{2}")) {
            throw GatewayProblem.invalid("country: ISO 3166 alpha-2, got " + (a.country() == null ? "none"
                    : "'" + cut(a.country()) + "'"));
        }
        try {
            packing.check(a.tenant(), a.warehouse(), a.customer(), a.parcels());
        } catch (ParcelConflictException e) {
            throw conflict(e);
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        }
        RateShopper shopper = rates.shopper(a.tenant()).orElseThrow(() -> new GatewayProblem(ProblemCode.NO_RATES,
                "tenant " + a.tenant() + " has no rate cards at this gateway (no folder " + rates.folderOf(a.tenant())
                + ")"));
        long grams = weight(a);
        Parcel carton;
        Destination to;
        try {
            carton = new Parcel(grams, a.lengthMm(), a.widthMm(), a.heightMm());
            to = new Destination(a.country(), a.postcode(), Boolean.TRUE.equals(a.residential()));
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        }
        return new Priced(grams, shopper.quote(new Shipment(to, List.of(carton), LocalDate.now(clock))));
    }

    private long weight(Ask a) {
        if (a.weightGrams() != null) {
            if (a.weightGrams() < 1 || a.weightGrams() > 1_000_000) {
                throw GatewayProblem.invalid("weightGrams: 1..1000000, got " + a.weightGrams());
            }
            return a.weightGrams();
        }
        if (a.scale() == null) {
            throw GatewayProblem.invalid("weightGrams: required without a scale to read");
        }
        ScaleReading r = read(scales, a.scale(), scaleWait);
        if (r.state() != ScaleState.STABLE) {
            throw new GatewayProblem(ProblemCode.SCALE_NOT_READY, "scale " + a.scale() + " is " + r.state() + ": "
                    + ScaleRegistry.explain(r));
        }
        return ScaleRegistry.grams(r);
    }

    /** A reading of a configured scale; 404 NOT_FOUND for an unknown one. */
    static ScaleReading read(ScaleRegistry scales, String name, Duration wait) {
        try {
            ScaleReading r = scales.readStable(name, wait);
            if (r == null) {
                throw GatewayProblem.notFound("scale '" + cut(name) + "'");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayProblem(ProblemCode.BUSY, "the gateway is stopping; weigh again");
        }
    }

    /** The quote of the packer's choice, or 409 NO_SUCH_QUOTE. */
    static Quote chosen(Quotes quotes, String carrier, String service, int version) {
        Optional<Quote> q = quotes.quotes().stream().filter(x -> x.carrier().equals(carrier)
                && x.service().equals(service) && x.cardVersion() == version).findFirst();
        return q.orElseThrow(() -> new GatewayProblem(ProblemCode.NO_SUCH_QUOTE, carrier + " " + service + " v"
                + version + " does not quote this shipment; quote again (services that quote: "
                + quotes.quotes().stream().map(x -> x.serviceName() + " v" + x.cardVersion()).toList() + ")"));
    }

    static List<PackingQuote> view(Quotes quotes) {
        Quote cheapest = quotes.cheapest().orElse(null);
        Quote fastest = quotes.fastest().orElse(null);
        return quotes.quotes().stream().map(q -> new PackingQuote(q.carrier(), q.service(), q.cardVersion(),
                q.zone(), plain(q.total().amount()), plain(q.base().amount()), plain(q.fuel().amount()),
                plain(q.fees().amount()), q.total().currency().getCurrencyCode(),
                q.feeLines().stream().map(PackingQuoter::line).toList(), q.billableGrams(), q.transitDays(),
                q == cheapest, q == fastest)).toList();
    }

    static GatewayProblem conflict(ParcelConflictException e) {
        if (e.reason() == ParcelConflictException.Reason.OP_ID_REUSED) {
            return new GatewayProblem(ProblemCode.OP_ID_REUSED, e.getMessage());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("parcelId", e.parcelId());
        details.put("reason", e.reason().name());
        return new GatewayProblem(ProblemCode.PARCEL_CONFLICT, e.getMessage(), details);
    }

    private static String line(Charge c) {
        return c.name() + " x" + c.parcels() + ": " + plain(c.amount().amount());
    }

    private static String plain(java.math.BigDecimal d) {
        return d.toPlainString();
    }

    private static void require(String field, Integer v) {
        if (v == null) {
            throw GatewayProblem.invalid(field + ": required (mm)");
        }
        if (v < 1 || v > 10_000) {
            throw GatewayProblem.invalid(field + ": 1..10000 mm, got " + v);
        }
    }

    static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
