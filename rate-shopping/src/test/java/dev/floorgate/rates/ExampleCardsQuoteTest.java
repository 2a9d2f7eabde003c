package dev.floorgate.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quotes on the documented example cards (docs/examples/rate-cards/acme), every figure worked out by hand in the
 * comments, so the docs and the code cannot disagree.
 */
class ExampleCardsQuoteTest {
    static final Path ACME = Path.of("..", "docs", "examples", "rate-cards", "acme");
    static final LocalDate FEB = LocalDate.of(2026, 2, 15);
    static final Destination BERLIN = new Destination("DE", "10115", false);
    static final Destination MUNICH = new Destination("DE", "80331", false);
    static RateShopper shopper;

    @BeforeAll
    static void load() throws Exception {
        shopper = new RateShopper(RateCards.load(ACME));
    }

    static Quotes quote(Destination d, LocalDate date, Parcel... parcels) {
        return shopper.quote(new Shipment(d, List.of(parcels), date));
    }

    static Quote of(Quotes q, String carrier) {
        return q.quotes().stream().filter(x -> x.carrier().equals(carrier)).findFirst().orElseThrow(
                () -> new AssertionError(carrier + " did not quote: " + q.unquoted()));
    }

    static String money(Money m) {
        return m.toString();
    }

    @Test
    void baseComesFromTheFirstBreakCoveringTheBillableWeightAndFuelIsAPercentOfBase() {
        // 1.8 kg, 30x20x10 cm = 6000 cm3. dhl: dim 6000/5000 = 1.2 kg, billable 1.8 -> 2.0 (0.5 increment),
        // break "up to 2" = 12.40, fuel 12.5 % = 1.55, handling 1.50, total 15.45.
        // dpd: dim 1.0 kg, billable 1.8 -> 2 (1 kg increment), break "up to 3" = 5.90, fuel 8.75 % of 590 = 51.625
        // -> 52 cents (half up), handling 0.95, total 7.37.
        Quotes q = quote(BERLIN, FEB, Parcel.ofKgCm("1.8", "30", "20", "10"));
        Quote dhl = of(q, "dhl");
        assertThat(dhl.billableGrams()).isEqualTo(2000);
        assertThat(money(dhl.base())).isEqualTo("12.40 EUR");
        assertThat(money(dhl.fuel())).isEqualTo("1.55 EUR");
        assertThat(money(dhl.fees())).isEqualTo("1.50 EUR");
        assertThat(money(dhl.total())).isEqualTo("15.45 EUR");
        assertThat(dhl.zone()).isEqualTo("DE");
        assertThat(dhl.transitDays()).isEqualTo(2);
        assertThat(dhl.cardVersion()).isEqualTo(3);
        assertThat(dhl.cardFile()).endsWith("express-v3.yml");
        Quote dpd = of(q, "dpd");
        assertThat(dpd.billableGrams()).isEqualTo(2000);
        assertThat(money(dpd.base())).isEqualTo("5.90 EUR");
        assertThat(money(dpd.fuel())).isEqualTo("0.52 EUR");
        assertThat(money(dpd.total())).isEqualTo("7.37 EUR");
        assertThat(q.quotes()).extracting(Quote::carrier).containsExactly("dpd", "dhl");
        assertThat(q.unquoted()).isEmpty();
    }

    @Test
    void cheapestAndFastestDifferWhenTheExpressZoneIsOneDay() {
        // Munich is zone DE-S on dhl (1 day): break 2 = 11.40, fuel 12.5 % = 142.5 cents -> 1.43 (half up),
        // handling 1.50, total 14.33. dpd stays 7.37 in 2 days.
        Quotes q = quote(MUNICH, FEB, Parcel.ofKgCm("1.8", "30", "20", "10"));
        Quote dhl = of(q, "dhl");
        assertThat(dhl.zone()).isEqualTo("DE-S");
        assertThat(money(dhl.fuel())).isEqualTo("1.43 EUR");
        assertThat(money(dhl.total())).isEqualTo("14.33 EUR");
        assertThat(q.cheapest()).hasValueSatisfying(c -> assertThat(c.carrier()).isEqualTo("dpd"));
        assertThat(q.fastest()).hasValueSatisfying(f -> {
            assertThat(f.carrier()).isEqualTo("dhl");
            assertThat(f.transitDays()).isEqualTo(1);
        });
    }

    @Test
    void aboveTheLastBreakEveryStartedStepIsCharged() {
        // 33.2 kg, 40x30x20 cm (dim 4.8 kg). dhl DE: billable 33.5, 3.5 kg over 30 = 7 steps of 0.5 x 0.80 = 5.60,
        // base 41.60; fuel 5.20; handling 1.50; oversize (33.2 kg actual over 30) 25.00; total 73.30.
        Quotes q = quote(BERLIN, FEB, Parcel.ofKgCm("33.2", "40", "30", "20"));
        Quote dhl = of(q, "dhl");
        assertThat(dhl.billableGrams()).isEqualTo(33_500);
        assertThat(money(dhl.base())).isEqualTo("41.60 EUR");
        assertThat(money(dhl.fuel())).isEqualTo("5.20 EUR");
        assertThat(dhl.feeLines()).extracting(c -> c.name() + " x" + c.parcels() + " " + c.amount())
                .containsExactly("handling x1 1.50 EUR", "oversize x1 25.00 EUR");
        assertThat(money(dhl.total())).isEqualTo("73.30 EUR");
        // dpd's limit is 31.5 kg
        assertThat(q.unquoted()).containsExactly(new Unquoted("dpd", "classic", "weight 33.2 kg over the limit 31.5 kg"));
    }

    @Test
    void aPartStepAboveTheLastBreakCountsAsAWholeStep() {
        // AT: 31.2 kg -> billable 31.5; 1.5 kg over 30 in steps of 1 kg = 2 steps x 1.60 = 3.20; base 51.20;
        // fuel 6.40; handling 1.50; oversize 25.00; total 84.10.
        // dpd AT: billable 31.2 -> 32 kg (1 kg increment), over its last break 31.5 and the card has no "above".
        Quotes q = quote(new Destination("AT", "1010", false), FEB, Parcel.ofKgCm("31.2", "40", "30", "20"));
        Quote dhl = of(q, "dhl");
        assertThat(money(dhl.base())).isEqualTo("51.20 EUR");
        assertThat(money(dhl.total())).isEqualTo("84.10 EUR");
        assertThat(q.unquoted()).singleElement().satisfies(u -> assertThat(u.reason()).isEqualTo(
                "billable weight 32 kg over the last break 31.5 kg of zone AT in dpd classic v1, which has no price above it"));
    }

    @Test
    void dimensionalWeightWinsForALightBulkyParcel() {
        // 2 kg in 60x40x40 cm = 96000 cm3. dhl: 96000/5000 = 19.2 kg -> 19.5 billable, break 20 = 29.00,
        // fuel 362.5 -> 3.63, handling 1.50, total 34.13.
        // dpd: 96000/6000 = 16 kg, break 20 = 10.90, fuel 95.375 -> 0.95, handling 0.95, oversize (girth
        // 2 x (40+40) = 160 cm over 150) 18.00, total 30.80.
        Quotes q = quote(BERLIN, FEB, Parcel.ofKgCm("2", "60", "40", "40"));
        Quote dhl = of(q, "dhl");
        assertThat(dhl.billableGrams()).isEqualTo(19_500);
        assertThat(money(dhl.base())).isEqualTo("29.00 EUR");
        assertThat(money(dhl.fuel())).isEqualTo("3.63 EUR");
        assertThat(money(dhl.total())).isEqualTo("34.13 EUR");
        Quote dpd = of(q, "dpd");
        assertThat(dpd.billableGrams()).isEqualTo(16_000);
        assertThat(money(dpd.fuel())).isEqualTo("0.95 EUR");
        assertThat(dpd.feeLines()).extracting(Charge::name).containsExactly("handling", "oversize");
        assertThat(money(dpd.total())).isEqualTo("30.80 EUR");
    }

    @Test
    void feesArePerParcelAndBillableWeightIsSummedOverParcels() {
        // two 1 kg parcels 20x20x10 (dim 0.8 kg each) to a home: billable 1.0 + 1.0 = 2.0, base 12.40, fuel 1.55,
        // handling 2 x 1.50, residential 2 x 2.90, total 22.75.
        Parcel p = Parcel.ofKgCm("1", "20", "20", "10");
        Quotes q = quote(new Destination("DE", "10115", true), FEB, p, p);
        Quote dhl = of(q, "dhl");
        assertThat(dhl.billableGrams()).isEqualTo(2000);
        assertThat(dhl.feeLines()).extracting(c -> c.name() + " x" + c.parcels() + " " + c.amount())
                .containsExactly("handling x2 3.00 EUR", "residential x2 5.80 EUR");
        assertThat(money(dhl.total())).isEqualTo("22.75 EUR");
    }

    @Test
    void theNewerVersionReplacesTheOlderFromItsEffectiveDate() {
        Parcel p = Parcel.ofKgCm("1.8", "30", "20", "10");
        Quote march31 = of(quote(BERLIN, LocalDate.of(2026, 3, 31), p), "dhl");
        assertThat(march31.cardVersion()).isEqualTo(3);
        assertThat(money(march31.total())).isEqualTo("15.45 EUR");
        // v4: fuel 14 % of 12.40 = 173.6 -> 1.74
        Quote april1 = of(quote(BERLIN, LocalDate.of(2026, 4, 1), p), "dhl");
        assertThat(april1.cardVersion()).isEqualTo(4);
        assertThat(money(april1.fuel())).isEqualTo("1.74 EUR");
        assertThat(money(april1.total())).isEqualTo("15.64 EUR");
        Quotes before = quote(BERLIN, LocalDate.of(2025, 12, 31), p);
        assertThat(before.quotes()).extracting(Quote::carrier).containsExactly("dpd");
        assertThat(before.unquoted()).containsExactly(new Unquoted("dhl", "express",
                "no version of dhl express in effect on 2025-12-31 (the earliest, v3, starts 2026-01-01)"));
    }

    @Test
    void limitsExcludeAServiceWithTheMeasureAndTheLimit() {
        Quotes tooLong = quote(BERLIN, FEB, Parcel.ofKgCm("5", "130", "20", "20"));
        assertThat(tooLong.unquoted()).containsExactly(
                new Unquoted("dhl", "express", "length 130 cm over the limit 120 cm"));
        // 110 + 2 x (50 + 50) = 310 cm: over both cards' 300
        Quotes girthy = quote(BERLIN, FEB, Parcel.ofKgCm("5", "50", "110", "50"));
        assertThat(girthy.quotes()).isEmpty();
        assertThat(girthy.unquoted()).extracting(Unquoted::reason)
                .containsOnly("length plus girth 310 cm over the limit 300 cm");
        assertThat(girthy.cheapest()).isEmpty();
        assertThat(girthy.fastest()).isEmpty();
        // the second parcel is named when a shipment has several
        Quotes second = quote(BERLIN, FEB, Parcel.ofKgCm("5", "20", "20", "20"), Parcel.ofKgCm("41.2", "40", "40", "40"));
        assertThat(second.unquoted()).containsExactly(
                new Unquoted("dpd", "classic", "parcel 2: weight 41.2 kg over the limit 31.5 kg"));
    }

    @Test
    void aDestinationWithNoZoneIsANamedReasonNotACrash() {
        Quotes q = quote(new Destination("CH", "8001", false), FEB, Parcel.ofKgCm("1", "20", "20", "10"));
        assertThat(q.quotes()).extracting(Quote::carrier, Quote::zone).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dhl", "CH"));
        assertThat(q.unquoted()).containsExactly(new Unquoted("dpd", "classic",
                "no zone for CH 8001 in dpd classic v1 (" + ACME.resolve("dpd").resolve("classic.yml") + ")"));
        Quotes nowhere = quote(new Destination("FR", "", false), FEB, Parcel.ofKgCm("1", "20", "20", "10"));
        assertThat(nowhere.quotes()).isEmpty();
        assertThat(nowhere.unquoted()).extracting(Unquoted::reason).allSatisfy(r -> assertThat(r).startsWith("no zone for FR in "));
    }

    @Test
    void theCardsListTheirServicesAndVersions() throws Exception {
        RateCards cards = RateCards.load(ACME);
        assertThat(cards.services()).containsExactly("dhl express", "dpd classic");
        assertThat(cards.versions("dhl", "express")).containsExactly(
                "v3 from 2026-01-01 (" + ACME.resolve("dhl").resolve("express-v3.yml") + ")",
                "v4 from 2026-04-01 (" + ACME.resolve("dhl").resolve("express-v4.yml") + ")");
    }
}
