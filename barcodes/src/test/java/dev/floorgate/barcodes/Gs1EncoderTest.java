package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Gs1EncoderTest {

    static final List<Gs1Element> PROTOCOLS_EXAMPLE = elements("01", "09501101530003", "17", "251231", "10", "ABC123", "21", "S123");

    static List<Gs1Element> elements(String... aiValuePairs) {
        List<Gs1Element> list = new ArrayList<>();
        for (int i = 0; i < aiValuePairs.length; i += 2) {
            list.add(new Gs1Element(aiValuePairs[i], aiValuePairs[i + 1]));
        }
        return list;
    }

    @Test
    void zplFieldDataOfThePROTOCOLSExampleIsByteForByte() {
        assertThat(Gs1Encoder.zplGs1128FieldData(PROTOCOLS_EXAMPLE))
                .isEqualTo(">;>8010950110153000317251231" + "10ABC123>821S123");
    }

    @Test
    void humanReadableAndElementStringOfThePROTOCOLSExample() {
        assertThat(Gs1Encoder.humanReadable(PROTOCOLS_EXAMPLE)).isEqualTo("(01)09501101530003(17)251231(10)ABC123(21)S123");
        assertThat(Gs1Encoder.elementString(PROTOCOLS_EXAMPLE))
                .isEqualTo("010950110153000317251231" + "10ABC123\u001D21S123");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a separator only after variable-length values that are followed by another AI
        "(00)376104250021234569|>;>800376104250021234569",
        "(10)ABC|>;>810ABC",
        "(10)ABC(21)S1|>;>810ABC>821S1",
        "(10)ABC(01)09501101530003|>;>810ABC>80109501101530003",
        "(01)09501101530003(3103)001250(15)260200|>;>80109501101530003310300125015260200",
        "(414)9501101530010(254)A-1|>;>84149501101530010254A-1",
        "(7003)2512311230(10)B|>;>870032512311230>810B",
        // '>' starts a Code 128 invocation code in ^FD, so a literal one is written >0
        "(10)A>B(21)>|>;>810A>0B>821>0",
    })
    void zplFieldDataPutsFnc1OnlyWhereNeeded(String human, String zpl) {
        assertThat(Gs1Encoder.zplGs1128FieldData(Gs1Parser.parse(human).elements())).isEqualTo(zpl);
    }

    static Stream<Arguments> elementLists() {
        return Stream.of(
                Arguments.of(PROTOCOLS_EXAMPLE),
                Arguments.of(elements("00", "376104250021234569")),
                Arguments.of(elements("00", "376104250021234569", "02", "09501101530003", "37", "48")),
                Arguments.of(elements("01", "09501101530003", "3103", "001250", "15", "260200", "10", "B/7")),
                Arguments.of(elements("414", "9501101530010", "254", "DOCK-3")),
                Arguments.of(elements("01", "09501101530003", "21", "S/1%&+'()*,-:;<=>?_")),
                Arguments.of(elements("10", "X1", "01", "09501101530003", "7003", "2512311230")),
                Arguments.of(elements("8004", "9501101SITE-42", "90", "internal", "99", "x")),
                Arguments.of(elements("01", "09501101530003", "8008", "251231143015", "21", "S1")),
                Arguments.of(elements("400", "PO-7781", "00", "376104250021234569")));
    }

    @ParameterizedTest
    @MethodSource("elementLists")
    void elementStringRoundTripsThroughTheParserWithEachGs1AimId(List<Gs1Element> list) {
        String elementString = Gs1Encoder.elementString(list);
        for (String aim : Arrays.asList("", "]C1", "]d2", "]Q3", "]e0")) {
            assertThat(Gs1Parser.parse(aim + elementString).elements()).as(aim).isEqualTo(list);
        }
    }

    @ParameterizedTest
    @MethodSource("elementLists")
    void humanReadableRoundTripsThroughTheParser(List<Gs1Element> list) {
        assertThat(Gs1Parser.parse(Gs1Encoder.humanReadable(list)).elements()).isEqualTo(list);
    }

    @ParameterizedTest
    @MethodSource("elementLists")
    void digitalLinkRoundTripsThroughTheParser(List<Gs1Element> list) {
        String uri = Gs1Encoder.digitalLink(list);
        // The path puts the key and its qualifiers first, so only the set of elements survives, not their order.
        assertThat(Gs1Parser.parse(uri).elements()).as(uri).containsExactlyInAnyOrderElementsOf(list);
        assertThat(Gs1Parser.parse(uri).elements().get(0).ai()).isIn("00", "01", "414", "8004");
    }

    @ParameterizedTest
    @MethodSource("elementLists")
    void zplFieldDataIsTheElementStringWithFnc1Codes(List<Gs1Element> list) {
        String zpl = Gs1Encoder.zplGs1128FieldData(list);
        String asScanned = zpl.substring(4).replace(">8", "\u001D").replace(">0", ">");
        assertThat(zpl).startsWith(">;>8");
        assertThat(Gs1Parser.parse("]C1" + asScanned).elements()).isEqualTo(list);
    }

    @Test
    void digitalLinkPutsKeyAndQualifiersInThePathInTheirOrder() {
        List<Gs1Element> list = elements("17", "251231", "21", "S/1", "01", "09501101530003", "10", "ABC123");
        assertThat(Gs1Encoder.digitalLink(list)).isEqualTo("https://id.gs1.org/01/09501101530003/10/ABC123/21/S%2F1?17=251231");
    }

    @Test
    void digitalLinkTakesTheStemGiven() {
        assertThat(Gs1Encoder.digitalLink("https://example.com/dl/", elements("00", "376104250021234569", "400", "PO+1")))
                .isEqualTo("https://example.com/dl/00/376104250021234569?400=PO%2B1");
        assertThat(Gs1Encoder.digitalLink("https://example.com", elements("01", "09501101530003", "17", "251231", "235", "TPX1")))
                .as("the 235 alternative of 01 when 235 is present")
                .isEqualTo("https://example.com/01/09501101530003/235/TPX1?17=251231");
    }

    @Test
    void digitalLinkNeedsAPrimaryKeyAndAnHttpStem() {
        assertThatThrownBy(() -> Gs1Encoder.digitalLink(elements("10", "ABC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a Digital Link needs a primary key AI");
        assertThatThrownBy(() -> Gs1Encoder.digitalLink("ftp://x", PROTOCOLS_EXAMPLE))
                .hasMessage("Digital Link stem must be an http(s) URI, got 'ftp://x'");
    }

    @Test
    void ssccGetsItsCheckDigit() {
        assertThat(Gs1Encoder.sscc("37610425002123456")).isEqualTo("376104250021234569");
        assertThat(Gs1Encoder.sscc("03765432100000001")).isEqualTo("037654321000000014");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0950110153000, 09501101530003",
        "590123412345, 5901234123457",
        "01234567890, 012345678905",
        "9638507, 96385074",
    })
    void gtinGetsItsCheckDigit(String digits, String gtin) {
        assertThat(Gs1Encoder.gtinWithCheckDigit(digits)).isEqualTo(gtin);
        assertThat(CheckDigits.isValidGs1(gtin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "09501101530003", "095011015300A", "12345678"})
    void gtinRefusesOtherLengthsAndNonDigits(String digits) {
        assertThatThrownBy(() -> Gs1Encoder.gtinWithCheckDigit(digits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("GTIN without check digit must be 7, 11, 12 or 13 digits, got '" + digits + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3761042500212345", "376104250021234569", "3761042500212345X"})
    void ssccRefusesAnythingButSeventeenDigits(String digits) {
        assertThatThrownBy(() -> Gs1Encoder.sscc(digits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SSCC without check digit must be 17 digits, got '" + digits + "'");
    }

    @Test
    void encodersValidateEveryElement() {
        List<Gs1Element> badCheckDigit = elements("01", "09501101530004", "10", "A");
        assertThatThrownBy(() -> Gs1Encoder.zplGs1128FieldData(badCheckDigit))
                .isInstanceOf(Gs1ParseException.class)
                .hasMessage("AI (01): check digit 4 does not match computed 3 in 09501101530004");
        assertThatThrownBy(() -> Gs1Encoder.elementString(elements("17", "251331")))
                .hasMessage("AI (17): month 13 out of range in 251331");
        assertThatThrownBy(() -> Gs1Encoder.humanReadable(elements("10", "ABCDEFGHIJKLMNOPQRSTU")))
                .hasMessageStartingWith("AI (10): value of 21 characters exceeds maximum 20");
        assertThatThrownBy(() -> Gs1Encoder.zplGs1128FieldData(elements("21", "S^XZ")))
                .as("no ZPL can ride in on a value")
                .hasMessageStartingWith("AI (21): character '^' (0x5E)");
        assertThatThrownBy(() -> Gs1Encoder.zplGs1128FieldData(elements("19", "X")))
                .hasMessage("AI (19): unknown Application Identifier");
        assertThatThrownBy(() -> Gs1Encoder.zplGs1128FieldData(Collections.<Gs1Element>emptyList()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GS1 encoding needs at least one element, got []");
    }

    @Test
    void gs1128RefusesMoreThan48DataCharacters() {
        List<Gs1Element> fits = elements("00", "376104250021234569", "02", "09501101530003", "37", "12345678");
        assertThat(Gs1Encoder.zplGs1128FieldData(fits)).hasSize(4 + 20 + 16 + 10);
        List<Gs1Element> tooLong = new ArrayList<>(fits);
        tooLong.add(new Gs1Element("400", "PO"));
        assertThatThrownBy(() -> Gs1Encoder.zplGs1128FieldData(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("GS1-128 data of 52 characters exceeds the maximum of 48");
    }

    @Test
    void elementsAreValuesWithReadableToString() {
        assertThat(new Gs1Element("01", "09501101530003")).isEqualTo(new Gs1Element("01", "09501101530003"))
                .hasSameHashCodeAs(new Gs1Element("01", "09501101530003"))
                .isNotEqualTo(new Gs1Element("02", "09501101530003"))
                .hasToString("(01)09501101530003");
        assertThat(new Gs1Element("01", "09501101530003").ai()).isEqualTo("01");
        assertThat(new Gs1Element("01", "09501101530003").value()).isEqualTo("09501101530003");
        assertThatThrownBy(() -> new Gs1Element("1", "x")).hasMessage("GS1 AI must be 2 to 4 digits, got '1'");
        assertThatThrownBy(() -> new Gs1Element("0A", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Gs1Element("01", null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * Fuzzing finding (Gs1FuzzTest, crash-b27f6fa3...): a value may hold parentheses (CSET 82), so the
     * human-readable line of {@code (10) "A(10)AC(1)X("} reads back as two batches. The element string carries it
     * exactly; the human-readable form is for eyes, and reading it back refuses rather than guesses.
     */
    @Test
    void humanReadableOfAValueHoldingAnAiInParenthesesIsAmbiguousAndReadsBackAsARefusal() {
        List<Gs1Element> batch = elements("10", "A(10)AC(1)X(");
        assertThat(Gs1Parser.parse("]C1" + Gs1Encoder.elementString(batch)).elements()).isEqualTo(batch);
        assertThatThrownBy(() -> Gs1Parser.parse(Gs1Encoder.humanReadable(batch)))
                .isInstanceOf(Gs1ParseException.class)
                .hasMessage("AI (10): appears twice with different values 'A' and 'AC(1)X('");
    }
}
