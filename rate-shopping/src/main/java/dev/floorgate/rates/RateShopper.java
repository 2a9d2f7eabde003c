package dev.floorgate.rates;

import dev.floorgate.rates.internal.Pricer;
import dev.floorgate.rates.internal.RateCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Quotes a shipment on every service of a tenant's {@link RateCards}, offline. Thread-safe: the cards are
 * immutable once loaded, so one shopper can serve every packing station of a gateway.
 */
public final class RateShopper {
    private final RateCards cards;

    public RateShopper(RateCards cards) {
        this.cards = Objects.requireNonNull(cards, "cards");
    }

    public Quotes quote(Shipment shipment) {
        List<Quote> quotes = new ArrayList<>();
        List<Unquoted> unquoted = new ArrayList<>();
        for (Map.Entry<String, List<RateCard>> e : cards.byService().entrySet()) {
            List<RateCard> versions = e.getValue();
            RateCard card = RateCards.inEffect(versions, shipment.shipDate());
            RateCard first = versions.get(0);
            if (card == null) {
                unquoted.add(new Unquoted(first.carrier(), first.service(), "no version of " + e.getKey()
                        + " in effect on " + shipment.shipDate() + " (the earliest, v" + first.version() + ", starts "
                        + first.effectiveFrom() + ")"));
                continue;
            }
            Pricer.Outcome o = Pricer.price(card, shipment);
            if (o.quote() != null) {
                quotes.add(o.quote());
            } else {
                unquoted.add(new Unquoted(card.carrier(), card.service(), o.reason()));
            }
        }
        return new Quotes(quotes, unquoted);
    }
}
