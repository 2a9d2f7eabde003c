package dev.floorgate.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sorting and picking: price first, then days, then name; fastest is fewest days, then price. */
class QuotesOrderTest {
    static Quote quote(String carrier, String total, int days) {
        Money m = Money.of(total, "EUR");
        Money zero = Money.of("0", "EUR");
        return new Quote(carrier, "std", 1, carrier + ".yml", "Z", m, m, zero, zero, List.of(), 1000, days);
    }

    @Test
    void equalPricesAreOrderedByTransitDaysThenName() {
        Quote b3 = quote("b", "10.00", 3);
        Quote a3 = quote("a", "10.00", 3);
        Quote c2 = quote("c", "10.00", 2);
        Quote d1 = quote("d", "12.00", 1);
        Quote e1 = quote("e", "11.99", 1);
        Quotes q = new Quotes(List.of(d1, b3, a3, e1, c2), List.of());
        assertThat(q.quotes()).containsExactly(c2, a3, b3, e1, d1);
        assertThat(q.cheapest()).contains(c2);
        assertThat(q.fastest()).contains(e1);
    }

    @Test
    void noQuotesMeansNoCheapestAndNoFastest() {
        Quotes q = new Quotes(List.of(), List.of(new Unquoted("x", "y", "why")));
        assertThat(q.cheapest()).isEmpty();
        assertThat(q.fastest()).isEmpty();
        assertThat(q.unquoted()).extracting(Unquoted::reason).containsExactly("why");
    }
}
