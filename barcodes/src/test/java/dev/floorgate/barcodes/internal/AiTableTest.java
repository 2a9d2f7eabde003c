package dev.floorgate.barcodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.barcodes.CheckDigits;
import dev.floorgate.barcodes.Gs1ApplicationIdentifiers;
import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1Encoder;
import dev.floorgate.barcodes.Gs1ParseException;
import dev.floorgate.barcodes.Gs1Parser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AiTableTest {

    /** The AIs of PROTOCOLS.md section 7 and the brief's list of common ones. */
    static final List<String> REQUIRED = Arrays.asList(
            "00", "01", "02", "10", "11", "12", "13", "15", "16", "17", "20", "21", "22", "30", "37",
            "3100", "3101", "3102", "3103", "3104", "3105", "3110", "3125", "3130", "3145", "3150", "3165",
            "240", "241", "250", "251", "253", "254", "400", "401", "402", "403",
            "410", "411", "412", "413", "414", "415", "416", "417", "420", "421", "422",
            "7003", "8003", "8004", "8008", "8020", "90", "91", "92", "93", "94", "95", "96", "97", "98", "99");

    @Test
    void knowsEveryRequiredAi() {
        for (String ai : REQUIRED) {
            assertThat(AiTable.find(ai)).as("AI (%s)", ai).isNotNull();
            assertThat(Gs1ApplicationIdentifiers.isKnown(ai)).isTrue();
        }
        assertThat(Gs1ApplicationIdentifiers.isKnown("3106")).isFalse();
        assertThat(Gs1ApplicationIdentifiers.isKnown("19")).isFalse();
        assertThat(Gs1ApplicationIdentifiers.title("10")).isEqualTo("BATCH/LOT");
        assertThat(Gs1ApplicationIdentifiers.title("3103")).isEqualTo("NET WEIGHT (kg)");
        assertThat(Gs1ApplicationIdentifiers.title("05")).isNull();
    }

    @ParameterizedTest(name = "({0}) pre-defined length: {1}")
    @CsvSource({
        "00, true", "01, true", "02, true", "11, true", "13, true", "15, true", "16, true", "17, true", "20, true",
        "3103, true", "3302, true", "3650, true", "410, true", "414, true", "417, true",
        "10, false", "21, false", "22, false", "30, false", "37, false", "240, false", "400, false", "422, false",
        "3922, false", "7003, false", "8003, false", "8006, false", "90, false", "99, false",
    })
    void separatorRuleFollowsThePredefinedLengthTable(String ai, boolean predefined) {
        assertThat(Gs1ApplicationIdentifiers.hasPredefinedLength(ai)).isEqualTo(predefined);
        assertThat(ElementStringCodec.needsSeparator(ai)).isEqualTo(!predefined);
    }

    @Test
    void unknownAiHasNoSeparatorRule() {
        assertThatThrownBy(() -> Gs1ApplicationIdentifiers.hasPredefinedLength("3106"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown GS1 Application Identifier (3106)");
    }

    @ParameterizedTest(name = "AIs starting {0} have {1} digits")
    @CsvSource({"00, 2", "17, 2", "23, 3", "25, 3", "31, 4", "39, 4", "40, 3", "41, 3", "43, 4", "70, 4", "71, 3",
        "72, 4", "80, 4", "82, 4", "91, 2", "05, -1", "19, -1"})
    void aiLengthComesFromTheFirstTwoDigits(String prefix, int length) {
        assertThat(AiTable.aiLength(prefix)).isEqualTo(length);
    }

    @Test
    void digitalLinkShortNamesMapToTheirAis() {
        assertThat(AiTable.findByShortName("gtin").ai()).isEqualTo("01");
        assertThat(AiTable.findByShortName("lot").ai()).isEqualTo("10");
        assertThat(AiTable.findByShortName("ser").ai()).isEqualTo("21");
        assertThat(AiTable.findByShortName("exp").ai()).isEqualTo("17");
        assertThat(AiTable.findByShortName("sscc").ai()).isEqualTo("00");
        assertThat(AiTable.findByShortName("gln").ai()).isEqualTo("414");
        assertThat(AiTable.findByShortName("payTo").ai()).as("case-insensitive").isEqualTo("415");
        assertThat(AiTable.findByShortName("colour")).isNull();
        assertThat(AiTable.find("01").qualifierSequences())
                .containsExactly(Arrays.asList("22", "10", "21"), Collections.singletonList("235"));
    }

    /**
     * Every AI in the table accepts a value built from its own format, and that value survives an element
     * string round trip next to a variable-length neighbour: the table, validator and parser agree.
     */
    @Test
    void everyAiAcceptsAValueBuiltFromItsFormatAndRoundTrips() {
        List<AiDefinition> all = AiTable.all();
        assertThat(all).hasSizeGreaterThan(450);
        for (AiDefinition definition : all) {
            for (boolean longest : new boolean[] {false, true}) {
                String value = sampleValue(definition, longest);
                AiValueValidator.validate(definition.ai(), value, 2025);
                List<Gs1Element> list = new ArrayList<>();
                list.add(new Gs1Element(definition.ai(), value));
                list.add(new Gs1Element(definition.ai().equals("10") ? "21" : "10", "LOT"));
                list.add(new Gs1Element(definition.ai(), value));
                String elementString = Gs1Encoder.elementString(list);
                assertThat(Gs1Parser.parse("]C1" + elementString).elements()).as("%s", definition).isEqualTo(list);
            }
        }
    }

    @ParameterizedTest(name = "({0}) {1}")
    @CsvSource(delimiter = '|', value = {
        "253|9501101530010ABC-17",
        "253|9501101530010",
        "255|950110153001012",
        "8003|09501101530010X1",
        "8006|095011015300030102",
        "8008|25123114",
        "8008|2512311430",
        "8008|251231143015",
        "4309|0123456789 0123456789",
        "4330|001250-",
        "4330|001250",
        "4321|1",
        "8030|AbC-_9==",
        "8010|95011015AB-1#/",
        "7007|250101251231",
        "7011|250101",
        "7011|2501011230",
        "421|528AB-1234",
        "7040|1A2B",
    })
    void acceptsValidValuesOfComposedFormats(String ai, String value) {
        Gs1ApplicationIdentifiers.validate(ai, value.replace(" ", ""));
    }

    @ParameterizedTest(name = "({0}) {1}")
    @CsvSource(delimiter = '|', value = {
        "8006|095011015300030302|AI (8006): piece 03 of total 02 is not valid in 0302 (pieceoftotal)",
        "8006|095011015300030002|AI (8006): piece 00 of total 02 is not valid in 0002 (pieceoftotal)",
        "8003|19501101530010|AI (8003): '1' must be one of 0 (zero)",
        "8003|09501101530011|AI (8003): check digit 1 does not match computed 0 in 9501101530011",
        "4321|2|AI (4321): '2' must be one of 0, 1 (yesno)",
        "4330|001250+|AI (4330): '+' must be one of - (hyphen)",
        "8008|2512311461|AI (8008): minute 61 out of range in 61",
        "8008|251231141|AI (8008): part [N2],mi needs 2 characters but only 1 are left in '251231141'",
        "7007|2501012513|AI (7007): part [N6],yymmdd needs 6 characters but only 4 are left in '2501012513'",
        "402|1234567890123456|AI (402): value of 16 characters, expected exactly 17, in '1234567890123456'",
        "8030|AbC+|AI (8030): character '+' (0x2B) at position 4 is not in GS1 CSET 64 in 'AbC+'",
        "10|é|AI (10): character 0xE9 at position 1 is not in GS1 CSET 82 in 'é'",
    })
    void refusesInvalidValuesOfComposedFormats(String ai, String value, String message) {
        assertThatThrownBy(() -> Gs1ApplicationIdentifiers.validate(ai, value))
                .isInstanceOf(Gs1ParseException.class)
                .hasMessage(message);
    }

    private static String sampleValue(AiDefinition definition, boolean longest) {
        StringBuilder value = new StringBuilder();
        for (AiComponent component : definition.components()) {
            if (component.isOptional() && !longest) {
                break;
            }
            int length = longest ? component.maxLength() : component.minLength();
            value.append(sample(component, length));
        }
        return value.toString();
    }

    /** A valid value of {@code length} characters for a component, built from its linters. */
    static String sample(AiComponent component, int length) {
        List<AiComponent.Linter> linters = component.linters();
        if (linters.contains(AiComponent.Linter.CSUMALPHA)) {
            String body = "1987654Ad4X4bL5ttr2310c".substring(0, Math.max(4, Math.min(23, length - 2)));
            for (String pair : pairs()) {
                try {
                    AiLinters.lint("8013", AiComponent.Linter.CSUMALPHA, body + pair, 2025);
                    return body + pair;
                } catch (Gs1ParseException e) {
                    // try the next pair
                }
            }
        }
        if ((linters.contains(AiComponent.Linter.GCPPOS1) || linters.contains(AiComponent.Linter.GCPPOS2))
                && !linters.contains(AiComponent.Linter.CSUM)) {
            String prefix = linters.contains(AiComponent.Linter.GCPPOS2) ? "09501" : "9501";
            // A company prefix needs 4 digits even where the format allows fewer characters.
            String rest = repeat(component.charset() == AiComponent.Charset.N ? '5' : 'A',
                    Math.max(0, length - prefix.length()));
            return prefix + rest;
        }
        if (linters.contains(AiComponent.Linter.CSUM)) {
            String digits = repeat('7', length - 1);
            return digits + CheckDigits.gs1(digits);
        }
        for (AiComponent.Linter linter : linters) {
            switch (linter) {
                case YYMMD0:
                case YYMMDD:
                    return "250228";
                case YYYYMMD0:
                case YYYYMMDD:
                    return "20250228";
                case HH:
                    return "23";
                case MI:
                case SS:
                    return "59";
                case HHMI:
                    return "2359";
                case YESNO:
                case WINDING:
                case ISO5218:
                    return "1";
                case HYPHEN:
                    return "-";
                case ZERO:
                    return "0";
                case PIECEOFTOTAL:
                    return length == 2 ? "11" : "0202";
                case POSINSEQSLASH:
                    return "1/2";
                case ISO3166:
                case ISO3166999:
                    return "276";
                case ISO3166ALPHA2:
                    return "DE";
                case ISO4217:
                    return "978";
                case MEDIATYPE:
                    return "01";
                case PACKAGETYPE:
                    return "BX";
                case IMPORTERIDX:
                    return "A";
                case LATITUDE:
                case LONGITUDE:
                    return "0123456789";
                case IBAN:
                    return "GB82WEST12345698765432";
                case COUPONCODE:
                    return "0012345123456151101233251231";
                case COUPONPOSOFFER:
                    return "001234561234560123456";
                case NOZEROPREFIX:
                case NONZERO:
                    return repeat('5', length);
                default:
                    break;
            }
        }
        return repeat(component.charset() == AiComponent.Charset.N ? '5' : 'A', length);
    }

    private static List<String> pairs() {
        String cset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        List<String> out = new ArrayList<>();
        for (char a : cset32.toCharArray()) {
            for (char b : cset32.toCharArray()) {
                out.add("" + a + b);
            }
        }
        return out;
    }

    private static String repeat(char c, int times) {
        char[] chars = new char[times];
        Arrays.fill(chars, c);
        return new String(chars);
    }
}
