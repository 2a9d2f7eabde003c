package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of POST /api/v1/packing/quote: the quotes cheapest first, and the services that could not quote with why. Written and read by {@link LanJson}.
 */
public final class PackingQuotes {
    private final String customer;
    private final long weightGrams;
    private final List<PackingQuote> quotes;
    private final List<String> unquoted;

    public PackingQuotes(String customer, long weightGrams, List<PackingQuote> quotes, List<String> unquoted) {
        this.customer = customer;
        this.weightGrams = weightGrams;
        this.quotes = Copies.listOrNull(quotes);
        this.unquoted = Copies.listOrNull(unquoted);
    }

    public String customer() {
        return customer;
    }

    /** The weight priced (entered or read from the scale). */
    public long weightGrams() {
        return weightGrams;
    }

    public List<PackingQuote> quotes() {
        return quotes;
    }

    /** "carrier service: reason" per service that could not quote. */
    public List<String> unquoted() {
        return unquoted;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingQuotes)) {
            return false;
        }
        PackingQuotes that = (PackingQuotes) o;
        return Objects.equals(customer, that.customer)
                && weightGrams == that.weightGrams
                && Objects.equals(quotes, that.quotes)
                && Objects.equals(unquoted, that.unquoted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customer, weightGrams, quotes, unquoted);
    }

    @Override
    public String toString() {
        return "PackingQuotes{"
                + "customer=" + customer
                + ", weightGrams=" + weightGrams
                + ", quotes=" + quotes
                + ", unquoted=" + unquoted + "}";
    }
}
