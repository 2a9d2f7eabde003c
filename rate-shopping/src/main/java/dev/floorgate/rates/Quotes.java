package dev.floorgate.rates;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every applicable service's quote, cheapest first (then fewer transit days, then name), and the services that
 * could not quote with their reasons.
 */
public record Quotes(List<Quote> quotes, List<Unquoted> unquoted) {
    static final Comparator<Quote> BY_PRICE = Comparator.comparing(Quote::total)
            .thenComparingInt(Quote::transitDays).thenComparing(Quote::serviceName);
    static final Comparator<Quote> BY_SPEED = Comparator.comparingInt(Quote::transitDays)
            .thenComparing(Quote::total).thenComparing(Quote::serviceName);

    public Quotes {
        quotes = quotes.stream().sorted(BY_PRICE).toList();
        unquoted = List.copyOf(unquoted);
    }

    public Optional<Quote> cheapest() {
        return quotes.stream().min(BY_PRICE);
    }

    /** Fewest transit days; among those, the cheapest. */
    public Optional<Quote> fastest() {
        return quotes.stream().min(BY_SPEED);
    }
}
