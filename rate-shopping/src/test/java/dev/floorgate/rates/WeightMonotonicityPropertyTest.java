package dev.floorgate.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A heavier parcel to the same destination, in the same carton, never costs less on any service: breaks ascend,
 * prices never fall (the loader enforces both), steps above the last break only add, fuel is a percent of base
 * and weight-triggered fees only switch on.
 */
class WeightMonotonicityPropertyTest {
    static final RateShopper SHOPPER;

    static {
        try {
            SHOPPER = new RateShopper(RateCards.load(ExampleCardsQuoteTest.ACME));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Destination> destinations() {
        return Arbitraries.of(new Destination("DE", "10115", false), new Destination("DE", "80331", true),
                new Destination("DE", "94032", false), new Destination("AT", "1010", true),
                new Destination("CH", "8001", false), new Destination("LI", "9490", false));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.of(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 12, 31));
    }

    @Property(tries = 2000)
    void theQuoteNeverDecreasesWhenTheWeightIncreases(@ForAll("destinations") Destination dest,
                                                      @ForAll("dates") LocalDate date,
                                                      @ForAll @LongRange(min = 1, max = 80_000) long grams,
                                                      @ForAll @LongRange(min = 1, max = 20_000) long more,
                                                      @ForAll @IntRange(min = 10, max = 1_300) int l,
                                                      @ForAll @IntRange(min = 10, max = 700) int w,
                                                      @ForAll @IntRange(min = 10, max = 700) int h) {
        Quotes light = SHOPPER.quote(new Shipment(dest, List.of(new Parcel(grams, l, w, h)), date));
        Quotes heavy = SHOPPER.quote(new Shipment(dest, List.of(new Parcel(grams + more, l, w, h)), date));
        Map<String, Quote> heavyByService = heavy.quotes().stream()
                .collect(Collectors.toMap(Quote::serviceName, Function.identity()));
        for (Quote q : light.quotes()) {
            Quote h2 = heavyByService.get(q.serviceName());
            if (h2 != null) {
                assertThat(h2.zone()).isEqualTo(q.zone());
                assertThat(h2.billableGrams()).isGreaterThanOrEqualTo(q.billableGrams());
                assertThat(h2.base()).isGreaterThanOrEqualTo(q.base());
                assertThat(h2.total()).as("%s at %d g vs %d g", q.serviceName(), grams + more, grams)
                        .isGreaterThanOrEqualTo(q.total());
            }
        }
        // and weight never makes a service appear: what the heavy parcel can use, the light one could too
        Map<String, Quote> lightByService = light.quotes().stream()
                .collect(Collectors.toMap(Quote::serviceName, Function.identity()));
        assertThat(lightByService.keySet()).containsAll(heavyByService.keySet());
    }
}
