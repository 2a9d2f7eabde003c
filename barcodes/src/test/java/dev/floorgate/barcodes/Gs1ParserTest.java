package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Scans in, meaning out. {@code {GS}} in a table stands for the GS character 0x1D. */
class Gs1ParserTest {

    static final Clock YEAR_2025 = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);

    static String scan(String table) {
        return table.replace("{GS}", "\u001D").replace("{CR}", "\r").replace("{LF}", "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // element strings with each AIM prefix; GS only after variable-length values
        "]C1010950110153000317251231101{GS}|(01)09501101530003(17)251231(10)1",
        "]C1010950110153000317251231" + "10ABC123{GS}21S123|(01)09501101530003(17)251231(10)ABC123(21)S123",
        "]d2010950110153000317251231" + "10ABC123{GS}21S123|(01)09501101530003(17)251231(10)ABC123(21)S123",
        "]Q3010950110153000317251231" + "10ABC123{GS}21S123|(01)09501101530003(17)251231(10)ABC123(21)S123",
        "]e001095011015300033103001250|(01)09501101530003(3103)001250",
        "]J10109501101530003|(01)09501101530003",
        "]z110ABC|(10)ABC",
        // no AIM id
        "00376104250021234569|(00)376104250021234569",
        "0037610425002123456902095011015300033748{GS}400PO-7781|(00)376104250021234569(02)09501101530003(37)48(400)PO-7781",
        // what real readers add around the data: a leading FNC1 as GS, an unneeded GS after a fixed field,
        // a trailing GS, a CR LF suffix
        "{GS}0109501101530003|(01)09501101530003",
        "0109501101530003{GS}10ABC|(01)09501101530003(10)ABC",
        "]C110ABC{GS}|(10)ABC",
        "]C10109501101530003{CR}{LF}|(01)09501101530003",
        // variable-length AIs of 3 and 4 digits; CSET 82 punctuation inside values
        "]C14149501101530010254A-12|(414)9501101530010(254)A-12",
        "]d2010950110153000370032512311230{GS}8008251231143015{GS}91X/Y:Z?%|"
                + "(01)09501101530003(7003)2512311230(8008)251231143015(91)X/Y:Z?%",
        "]C1400PO(1)/2{GS}10B|(400)PO(1)/2(10)B",
        // the human-readable form
        "(01)09501101530003(17)251231(10)ABC123(21)S123|(01)09501101530003(17)251231(10)ABC123(21)S123",
        "(00)376104250021234569(02)09501101530003(37)48(400)PO-7781|(00)376104250021234569(02)09501101530003(37)48(400)PO-7781",
        "(10)ABC(1)X(21)S1|(10)ABC(1)X(21)S1",
        // GS1 Digital Link, numeric AIs and short names, alone or behind a plain QR AIM id
        "https://id.gs1.org/01/09501101530003/10/ABC123/21/S123?17=251231|(01)09501101530003(10)ABC123(21)S123(17)251231",
        "]Q1https://id.gs1.org/01/09501101530003|(01)09501101530003",
        "HTTP://example.com/shop/gtin/9501101530003/lot/AB%2F1?exp=251231&linkType=gs1:pip#top|(01)09501101530003(10)AB/1(17)251231",
        "https://example.com/00/376104250021234569?400=PO%2B7781&37=48|(00)376104250021234569(400)PO+7781(37)48",
        "https://example.com/414/9501101530010/254/A-12|(414)9501101530010(254)A-12",
        // EAN/UPC scans give their GTIN as AI (01)
        "]E05901234123457|(01)05901234123457",
        "]E0012345678905|(01)00012345678905",
        "]E496385074|(01)00000096385074",
    })
    void parsesScansIntoElements(String input, String expected) {
        Gs1Data data = Gs1Parser.parse(scan(input), YEAR_2025);
        assertThat(data.toString()).isEqualTo(expected);
    }

    @Test
    void typedAccessorsReadTheWarehouseAis() {
        // (30), not (37): a count of trade items (37) belongs with a content GTIN (02), never with (01) (ex=37).
        Gs1Data data = Gs1Parser.parse(scan("]C10109501101530003" + "17251231" + "15260200" + "11250101"
                + "3103001250" + "10LOT-7{GS}21S123{GS}30" + "48{GS}400PO-1{GS}4149501101530010"), YEAR_2025);

        assertThat(data.gtin()).isEqualTo("09501101530003");
        assertThat(data.expiry()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(data.bestBefore()).as("DD = 00 is the last day of the month").isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(data.productionDate()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(data.netWeightKg()).isEqualByComparingTo(new BigDecimal("1.250"));
        assertThat(data.netWeightKg().scale()).isEqualTo(3);
        assertThat(data.batch()).isEqualTo("LOT-7");
        assertThat(data.serial()).isEqualTo("S123");
        assertThat(data.count()).isEqualTo(48);
        assertThat(data.orderNumber()).isEqualTo("PO-1");
        assertThat(data.locationGln()).isEqualTo("9501101530010");
        assertThat(data.get("3103")).isEqualTo("001250");
        assertThat(data.aim()).isEqualTo(AimSymbology.of("]C1"));
        assertThat(data.elements()).hasSize(10);
    }

    @Test
    void absentAisReadAsNull() {
        Gs1Data data = Gs1Parser.parse("]C100376104250021234569", YEAR_2025);

        assertThat(data.sscc()).isEqualTo("376104250021234569");
        assertThat(data.gtin()).isNull();
        assertThat(data.content()).isNull();
        assertThat(data.batch()).isNull();
        assertThat(data.serial()).isNull();
        assertThat(data.expiry()).isNull();
        assertThat(data.bestBefore()).isNull();
        assertThat(data.productionDate()).isNull();
        assertThat(data.orderNumber()).isNull();
        assertThat(data.locationGln()).isNull();
        assertThat(data.netWeightKg()).isNull();
        assertThat(data.count()).isNull();
        assertThat(data.get("10")).isNull();
    }

    @Test
    void variableCountStandsInForCountWhenThereIsNoAi37() {
        assertThat(Gs1Parser.parse("(01)09501101530003(30)12", YEAR_2025).count()).isEqualTo(12);
    }

    @Test
    void theCenturyFollowsTheSlidingWindowOfTheReferenceYear() {
        assertThat(Gs1Parser.parse("(17)750101", YEAR_2025).expiry()).isEqualTo(LocalDate.of(2075, 1, 1));
        assertThat(Gs1Parser.parse("(17)760101", YEAR_2025).expiry()).isEqualTo(LocalDate.of(1976, 1, 1));
        Clock year2090 = Clock.fixed(Instant.parse("2090-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(Gs1Parser.parse("(17)100101", year2090).expiry()).isEqualTo(LocalDate.of(2110, 1, 1));
    }

    @Test
    void elementsAreImmutable() {
        Gs1Data data = Gs1Parser.parse("(10)A", YEAR_2025);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> data.elements().add(new Gs1Element("21", "B")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "]C10109501101530003|true",
        "]d2010950110153000317251231|true",
        "]Q310ABC|true",
        "]e00109501101530003|true",
        "(01)09501101530003|true",
        "https://id.gs1.org/01/09501101530003|true",
        "https://example.com/x/gtin/09501101530003/ser/1|true",
        "10ABC{GS}21X|true",
        "]C0ABC123|false",
        "]E05901234123457|false",
        "]Q1hello|false",
        "ABC123|false",
        "0109501101530003|false",
        "https://example.com/page|false",
        "(AB)x|false",
    })
    void guessesWhetherAScanIsMeantAsGs1(String input, boolean expected) {
        assertThat(Gs1Parser.looksLikeGs1(scan(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"\r\n"})
    void nothingLooksLikeGs1(String input) {
        assertThat(Gs1Parser.looksLikeGs1(input)).isFalse();
    }
}
