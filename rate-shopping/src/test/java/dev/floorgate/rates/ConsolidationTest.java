package dev.floorgate.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolidationTest {
    final Consolidation station = new Consolidation(350, Parcel.ofKgCm("0.35", "60", "40", "40"));
    final List<Parcel> waiting = List.of(Parcel.ofKgCm("1.2", "30", "20", "10"), Parcel.ofKgCm("0.8", "20", "20", "20"),
            Parcel.ofKgCm("2.5", "40", "30", "20"));

    @Test
    void mergedWeightIsTheSumPlusTheTareInTheDefaultCarton() {
        Parcel merged = station.merge(waiting);
        assertThat(merged).isEqualTo(new Parcel(1200 + 800 + 2500 + 350, 600, 400, 400));
    }

    @Test
    void enteredDimensionsReplaceTheDefaultCarton() {
        Parcel merged = station.merge(waiting, 500, 400, 300);
        assertThat(merged).isEqualTo(new Parcel(4850, 500, 400, 300));
    }

    @Test
    void partsThatCannotFitTheCartonAreRefused() {
        // 6000 + 8000 + 24000 = 38000 cm3 into 30 x 30 x 30 = 27000 cm3
        assertThatThrownBy(() -> station.merge(waiting, 300, 300, 300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 parcels of 38000 cm3 do not fit a carton of 300 x 300 x 300 mm (27000 cm3)");
        assertThatThrownBy(() -> station.merge(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to consolidate: no parcels");
        assertThatThrownBy(() -> new Consolidation(-1, waiting.get(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMergedShipmentQuotesAsOneParcel() throws Exception {
        RateShopper shopper = new RateShopper(RateCards.load(ExampleCardsQuoteTest.ACME));
        Parcel merged = station.merge(waiting);
        Quotes one = shopper.quote(new Shipment(ExampleCardsQuoteTest.BERLIN, List.of(merged), LocalDate.of(2026, 2, 15)));
        // 60x40x40 = 96000 cm3: dhl 19.2 kg dimensional beats 4.85 kg actual -> 19.5 billable, one handling fee
        Quote dhl = ExampleCardsQuoteTest.of(one, "dhl");
        assertThat(dhl.billableGrams()).isEqualTo(19_500);
        assertThat(dhl.feeLines()).extracting(Charge::parcels).containsExactly(1);
        // separately: 1.2 -> 1.5, 0.8 kg but 8000 cm3 = 1.6 kg dim -> 2.0, 2.5 kg but 4.8 kg dim -> 5.0; 8.5 kg, three fees
        Quotes three = shopper.quote(new Shipment(ExampleCardsQuoteTest.BERLIN, waiting, LocalDate.of(2026, 2, 15)));
        assertThat(ExampleCardsQuoteTest.of(three, "dhl").billableGrams()).isEqualTo(8_500);
        assertThat(ExampleCardsQuoteTest.of(three, "dhl").feeLines()).extracting(Charge::parcels).containsExactly(3);
    }
}
