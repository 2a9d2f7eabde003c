package dev.floorgate.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every validation error names the file, the line and the field, and says what was wrong. */
class RateCardValidationTest {
    /** Line numbers below refer to this text (line 1 is "format: 1"). */
    static final String CARD = """
            format: 1
            carrier: ups
            service: standard
            version: 2
            effectiveFrom: 2026-03-01
            currency: EUR
            dimensionalDivisor: 5000
            billableIncrement: 0.5
            fuelSurchargePercent: 10
            fees:
              handling: 1.00
            limits:
              maxWeight: 30
            zones:
              - name: Z1
                transitDays: 1
                destinations:
                  - country: DE
                    postcodes: ["80..89"]
              - name: Z2
                transitDays: 2
                destinations:
                  - country: DE
                  - country: NO
            rates:
              Z1:
                breaks:
                  - { upTo: 1, price: 5.00 }
                  - { upTo: 2, price: 6.00 }
              Z2:
                breaks:
                  - { upTo: 1, price: 7.00 }
                  - { upTo: 2, price: 8.00 }
                above: { every: 1, price: 1.00 }
            """;

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    String error(String text) throws IOException {
        Path f = write("ups-standard.yml", text);
        return assertThatThrownBy(() -> RateCards.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString()).actual().getMessage();
    }

    static String replace(String from, String to) {
        assertThat(CARD).contains(from);
        return CARD.replace(from, to);
    }

    @Test
    void theBaseCardLoadsAndNorwayIsACountryNotABoolean() throws Exception {
        write("ups-standard.yml", CARD);
        RateShopper shopper = new RateShopper(RateCards.load(dir));
        Quotes q = shopper.quote(new Shipment(new Destination("NO", "0150", false),
                java.util.List.of(Parcel.ofKgCm("0.7", "10", "10", "10")), java.time.LocalDate.of(2026, 3, 1)));
        assertThat(q.quotes()).singleElement().satisfies(x -> {
            assertThat(x.zone()).isEqualTo("Z2");
            assertThat(x.total()).hasToString("8.70 EUR"); // 7.00 + 10 % fuel + 1.00 handling
        });
    }

    @Test
    void aZoneWithoutRatesIsAMissingZone() throws IOException {
        String text = replace("""
                  Z1:
                    breaks:
                      - { upTo: 1, price: 5.00 }
                      - { upTo: 2, price: 6.00 }
                """, "");
        assertThat(error(text)).contains("line 25, rates: missing zone 'Z1'", "zones lists it (line 15)");
    }

    @Test
    void ratesForAZoneNotInZonesAreRejected() throws IOException {
        assertThat(error(CARD + "  Z3:\n    breaks:\n      - { upTo: 1, price: 1.00 }\n"))
                .contains("line 35, rates.Z3: rates for zone 'Z3', which is not in zones [Z1, Z2]");
    }

    @Test
    void theSameBreakTwiceOverlaps() throws IOException {
        assertThat(error(replace("{ upTo: 2, price: 6.00 }", "{ upTo: 1.0, price: 6.00 }")))
                .contains("line 29, rates.Z1.breaks[1].upTo: break 1 kg overlaps the break on line 28");
    }

    @Test
    void breaksMustAscend() throws IOException {
        assertThat(error(replace("{ upTo: 2, price: 6.00 }", "{ upTo: 0.5, price: 6.00 }")))
                .contains("line 29, rates.Z1.breaks[1].upTo: breaks must ascend: 0.5 kg follows 1 kg");
    }

    @Test
    void aNegativePriceIsRejected() throws IOException {
        assertThat(error(replace("{ upTo: 1, price: 7.00 }", "{ upTo: 1, price: -7.00 }")))
                .contains("line 32, rates.Z2.breaks[0].price: negative price -7.00 EUR");
        assertThat(error(replace("handling: 1.00", "handling: -1")))
                .contains("line 11, fees.handling: negative price -1 EUR");
    }

    @Test
    void aPriceFallingAsWeightRisesIsRejected() throws IOException {
        assertThat(error(replace("{ upTo: 2, price: 8.00 }", "{ upTo: 2, price: 6.99 }")))
                .contains("line 33, rates.Z2.breaks[1].price: price 6.99 EUR up to 2 kg is below 7.00 EUR up to 1 kg");
    }

    @Test
    void anUnknownCurrencyIsRejected() throws IOException {
        assertThat(error(replace("currency: EUR", "currency: EUX")))
                .contains("line 6, currency: unknown currency 'EUX'");
        assertThat(error(replace("currency: EUR", "currency: XAU"))).contains("line 6, currency: currency 'XAU' has no minor unit");
    }

    @Test
    void moreDecimalsThanTheCurrencyHasAreRejected() throws IOException {
        assertThat(error(replace("price: 5.00", "price: 5.005")))
                .contains("line 28, rates.Z1.breaks[0].price: 5.005 has more than 2 decimals for EUR");
        assertThat(error(replace("currency: EUR", "currency: JPY").replace("handling: 1.00", "handling: 1.50")))
                .contains("line 11, fees.handling: 1.50 has more than 0 decimals for JPY");
    }

    @Test
    void aTypoInAFieldNameIsRejected() throws IOException {
        assertThat(error(replace("    above: { every", "    abvoe: { every")))
                .contains("line 34, rates.Z2.abvoe: unknown field 'abvoe' (allowed here: [breaks, above])");
        // a typo of a required field is a missing field whose message shows the typo
        assertThat(error(replace("    transitDays: 2", "    trasitDays: 2")))
                .contains("line 20, zones[1]: missing field 'transitDays' (fields here: [name, trasitDays, destinations])");
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws IOException {
        assertThat(error(replace("    transitDays: 2\n", "")))
                .contains("line 20, zones[1]: missing field 'transitDays'");
        assertThat(error(replace("currency: EUR\n", ""))).contains("line 1, (top): missing field 'currency'");
    }

    @Test
    void aFieldTwiceIsRejected() throws IOException {
        assertThat(error(replace("fuelSurchargePercent: 10\n", "fuelSurchargePercent: 10\nfuelSurchargePercent: 12\n")))
                .contains("line 10, fuelSurchargePercent: field 'fuelSurchargePercent' appears twice (first on line 9)");
    }

    @Test
    void overlappingPostcodesOfTheSameSpecificityAreRejected() throws IOException {
        assertThat(error(replace("      - country: NO\n", "      - country: DE\n        postcodes: [\"85\"]\n")))
                .contains("line 25, zones: destination DE 85* of zone Z2 overlaps DE 80..89 of zone Z1 (line 19)");
    }

    @Test
    void badPostcodePatternsAreRejected() throws IOException {
        assertThat(error(replace("\"80..89\"", "\"80..899\"")))
                .contains("line 19, zones[0].destinations[0].postcodes[0]: range '80..899' has bounds of different lengths (2 and 3)");
        assertThat(error(replace("\"80..89\"", "\"89..80\""))).contains("range '89..80' runs backwards");
        assertThat(error(replace("\"80..89\"", "\"8*\""))).contains("postcode pattern '8*' must be a prefix");
    }

    @Test
    void badScalarsNameTheField() throws IOException {
        assertThat(error(replace("effectiveFrom: 2026-03-01", "effectiveFrom: 1.3.2026")))
                .contains("line 5, effectiveFrom: '1.3.2026' is not a date (YYYY-MM-DD)");
        assertThat(error(replace("  - country: NO", "  - country: Norway")))
                .contains("line 24, zones[1].destinations[1].country: country 'Norway' is not a two-letter ISO 3166 code");
        assertThat(error(replace("billableIncrement: 0.5", "billableIncrement: 0")))
                .contains("line 8, billableIncrement: must be positive, was 0");
        assertThat(error(replace("maxWeight: 30", "maxWeight: 30.0001")))
                .contains("line 13, limits.maxWeight: 30.0001 kg is finer than a gram");
        assertThat(error(replace("  maxWeight: 30", "  maxWeight: 30\n  maxLength: 120.05")))
                .contains("line 14, limits.maxLength: 120.05 cm is finer than a millimetre");
        assertThat(error(replace("fuelSurchargePercent: 10", "fuelSurchargePercent: 120")))
                .contains("line 9, fuelSurchargePercent: fuel surcharge 120 % is over 100 %");
        assertThat(error(replace("carrier: ups", "carrier: UPS Ltd"))).contains("line 2, carrier: 'UPS Ltd' must be lower-case");
        assertThat(error(replace("format: 1", "format: 2"))).contains("line 1, format: format 2 is not supported");
    }

    @Test
    void aZoneNameTwiceIsRejected() throws IOException {
        assertThat(error(replace("  - name: Z2", "  - name: Z1")))
                .contains("line 20, zones[1].name: zone 'Z1' is defined twice (first on line 15)");
    }

    @Test
    void anOversizeFeeNeedsItsRule() throws IOException {
        assertThat(error(replace("  handling: 1.00\n", "  handling: 1.00\n  oversize:\n    fee: 9.00\n")))
                .contains("line 12, fees.oversize: an oversize fee needs its rule");
    }

    @Test
    void brokenYamlNamesTheLine() throws IOException {
        assertThat(error(replace("  - name: Z2", "  - name: [Z2"))).contains("line ").contains("not valid YAML");
        assertThat(error("- just\n- a list\n")).contains("line 1: a rate card is a map of fields");
        assertThat(error("")).contains("the file is empty");
    }

    @Test
    void twoFilesWithTheSameVersionAreRejectedNamingBoth() throws IOException {
        Path a = write("a.yml", CARD);
        Path b = write("b.yml", replace("effectiveFrom: 2026-03-01", "effectiveFrom: 2026-05-01"));
        assertThatThrownBy(() -> RateCards.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(b + ", version: ups standard v2 is also in " + a);
    }

    @Test
    void aNewerVersionMustStartLater() throws IOException {
        Path a = write("a.yml", CARD);
        Path b = write("b.yml", replace("version: 2", "version: 3").replace("2026-03-01", "2026-02-01"));
        assertThatThrownBy(() -> RateCards.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(b + ", effectiveFrom: ups standard v3 from 2026-02-01 must start after v2 (" + a
                        + ", from 2026-03-01)");
    }

    @Test
    void aTenantsCardsShareOneCurrency() throws IOException {
        Path a = write("a.yml", CARD);
        Path b = write("b.yml", replace("carrier: ups", "carrier: post").replace("currency: EUR", "currency: CHF"));
        assertThatThrownBy(() -> RateCards.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(b + ", currency: CHF differs from EUR in " + a);
    }

    @Test
    void anEmptyOrMissingDirectoryIsRefused() throws IOException {
        assertThatThrownBy(() -> RateCards.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no rate cards (*.yml, *.yaml) in " + dir);
        assertThatThrownBy(() -> RateCards.load(dir.resolve("nope"))).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("nope") + " does not exist");
    }

    @Test
    void aFileOverOneMebibyteIsNotReadAsACard() throws IOException {
        Path f = write("huge.yml", CARD + "#" + "x".repeat(1 << 20) + "\n");
        assertThatThrownBy(() -> RateCards.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ": " + Files.size(f) + " bytes is over the 1048576-byte limit of a rate card");
    }

    @Test
    void anAbsurdPriceThatOverflowsIsAReasonNotACrash() throws IOException {
        write("ups-standard.yml", replace("above: { every: 1, price: 1.00 }", "above: { every: 0.001, price: 90000000000000000.00 }"));
        RateShopper shopper = new RateShopper(RateCards.load(dir));
        Quotes q = shopper.quote(new Shipment(new Destination("DE", "10115", false),
                java.util.List.of(Parcel.ofKgCm("25", "10", "10", "10")), java.time.LocalDate.of(2026, 3, 1)));
        assertThat(q.quotes()).isEmpty();
        assertThat(q.unquoted()).singleElement().satisfies(u -> assertThat(u.reason())
                .startsWith("the price overflows in ups standard v2 (" + dir.resolve("ups-standard.yml") + ")"));
    }
}
