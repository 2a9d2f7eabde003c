package dev.floorgate.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The most specific destination pattern of a card picks the zone: longer prefix beats shorter beats country. */
class ZoneMatchTest {
    static final String CARD = """
            format: 1
            carrier: post
            service: parcel
            version: 1
            effectiveFrom: 2026-01-01
            currency: EUR
            dimensionalDivisor: 5000
            billableIncrement: 1
            fuelSurchargePercent: 0
            zones:
              - { name: COUNTRY, transitDays: 4, destinations: [ { country: DE } ] }
              - { name: PREFIX1, transitDays: 3, destinations: [ { country: DE, postcodes: ["8"] } ] }
              - { name: RANGE2,  transitDays: 2, destinations: [ { country: DE, postcodes: ["80..81"] } ] }
              - { name: EXACT5,  transitDays: 1, destinations: [ { country: DE, postcodes: ["80331"] } ] }
              - { name: LONDON,  transitDays: 2, destinations: [ { country: GB, postcodes: ["SW1A", "EC..EN"] } ] }
              - { name: GB,      transitDays: 3, destinations: [ { country: GB } ] }
              - { name: WARSAW,  transitDays: 2, destinations: [ { country: PL, postcodes: ["00-001..04-999"] } ] }
            rates:
              COUNTRY: { breaks: [ { upTo: 10, price: 4.00 } ] }
              PREFIX1: { breaks: [ { upTo: 10, price: 3.00 } ] }
              RANGE2:  { breaks: [ { upTo: 10, price: 2.00 } ] }
              EXACT5:  { breaks: [ { upTo: 10, price: 1.00 } ] }
              LONDON:  { breaks: [ { upTo: 10, price: 5.00 } ] }
              GB:      { breaks: [ { upTo: 10, price: 6.00 } ] }
              WARSAW:  { breaks: [ { upTo: 10, price: 7.00 } ] }
            """;

    @TempDir
    Path dir;
    RateShopper shopper;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("post.yml"), CARD);
        shopper = new RateShopper(RateCards.load(dir));
    }

    String zone(String country, String postcode) {
        Quotes q = shopper.quote(new Shipment(new Destination(country, postcode, false),
                List.of(Parcel.ofKgCm("1", "10", "10", "10")), LocalDate.of(2026, 6, 1)));
        return q.quotes().isEmpty() ? q.unquoted().get(0).reason() : q.quotes().get(0).zone();
    }

    @Test
    void theLongestMatchingPatternWins() {
        assertThat(zone("DE", "10115")).isEqualTo("COUNTRY");
        assertThat(zone("DE", "85221")).isEqualTo("PREFIX1");
        assertThat(zone("DE", "81234")).isEqualTo("RANGE2");
        assertThat(zone("DE", "80000")).isEqualTo("RANGE2");
        assertThat(zone("DE", "80331")).isEqualTo("EXACT5");
        assertThat(zone("DE", "80332")).isEqualTo("RANGE2");
        assertThat(zone("DE", "82000")).isEqualTo("PREFIX1");
    }

    @Test
    void aPostcodeShorterThanAPatternFallsBackToTheCountry() {
        assertThat(zone("DE", "8")).isEqualTo("PREFIX1");
        assertThat(zone("DE", "")).isEqualTo("COUNTRY");
    }

    @Test
    void spacesDashesAndCaseAreFormattingOnly() {
        assertThat(zone("GB", "SW1A 1AA")).isEqualTo("LONDON");
        assertThat(zone("GB", "sw1a1aa")).isEqualTo("LONDON");
        assertThat(zone("GB", "EC1A 1BB")).isEqualTo("LONDON");
        assertThat(zone("GB", "EN5 1AA")).isEqualTo("LONDON");
        assertThat(zone("GB", "EO1 1AA")).isEqualTo("GB");
        assertThat(zone("GB", "M1 1AE")).isEqualTo("GB");
        assertThat(zone("PL", "00-950")).isEqualTo("WARSAW");
        assertThat(zone("PL", "04-999")).isEqualTo("WARSAW");
    }

    @Test
    void aCountryWithoutAnyPatternHasNoZone() {
        assertThat(zone("PL", "05-077")).isEqualTo("no zone for PL 05-077 in post parcel v1 (" + dir.resolve("post.yml") + ")");
        assertThat(zone("FR", "75001")).startsWith("no zone for FR 75001 in post parcel v1");
    }
}
