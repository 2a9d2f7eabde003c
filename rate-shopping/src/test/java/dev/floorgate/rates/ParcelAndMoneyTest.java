package dev.floorgate.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParcelAndMoneyTest {
    @Test
    void kgAndCmAreRoundedUpToTheGramAndMillimetre() {
        assertThat(Parcel.ofKgCm("1.2341", "10.01", "20", "30.5")).isEqualTo(new Parcel(1235, 101, 200, 305));
    }

    @Test
    void girthIsTwiceTheTwoShorterSidesWhateverTheOrder() {
        Parcel p = new Parcel(1000, 200, 1100, 300);
        assertThat(p.longestMm()).isEqualTo(1100);
        assertThat(p.girthMm()).isEqualTo(1000);
    }

    @Test
    void impossibleParcelsAndShipmentsAreRefused() {
        assertThatThrownBy(() -> new Parcel(0, 10, 10, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 g and 10 x 10 x 10 mm");
        assertThatThrownBy(() -> new Shipment(new Destination("DE", "1", false), List.of(), LocalDate.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a shipment needs at least one parcel");
        assertThatThrownBy(() -> new Destination("DEU", "1", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Parcel(Parcel.MAX_GRAMS + 1, 10, 10, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is over 10000000 g or 100000 mm a side");
        assertThatThrownBy(() -> Parcel.ofKgCm("1", "10000.1", "10", "10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a side of 10000.1 cm is over 10000 cm");
        Parcel p = new Parcel(1000, 100, 100, 100);
        assertThatThrownBy(() -> new Shipment(new Destination("DE", "1", false), java.util.Collections.nCopies(1001, p),
                LocalDate.now())).isInstanceOf(IllegalArgumentException.class).hasMessage("a shipment of 1001 parcels is over 1000");
    }

    @Test
    void moneyIsExactAndRefusesToMixCurrencies() {
        Money a = Money.of("0.10", "EUR");
        Money sum = a.plus(Money.of("0.20", "EUR"));
        assertThat(sum).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(sum.minor()).isEqualTo(30);
        assertThat(sum).hasToString("0.30 EUR");
        assertThat(Money.of("1500", "JPY")).hasToString("1500 JPY");
        assertThatThrownBy(() -> a.plus(Money.of("1", "CHF"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot combine 0.10 EUR with 1.00 CHF");
    }
}
