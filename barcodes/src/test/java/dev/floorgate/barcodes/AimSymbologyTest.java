package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AimSymbologyTest {

    @ParameterizedTest(name = "{0} = {1}, GS1 {2}")
    @CsvSource({
        "]C0, Code 128, false",
        "]C1, Code 128, true",
        "]C2, Code 128, false",
        "]C4, Code 128, false",
        "]d1, Data Matrix, false",
        "]d2, Data Matrix, true",
        "]d5, Data Matrix, true",
        "]Q1, QR Code, false",
        "]Q3, QR Code, true",
        "]Q4, QR Code, true",
        "]e0, GS1 DataBar, true",
        "]E0, EAN/UPC, false",
        "]E3, EAN/UPC, false",
        "]E4, EAN/UPC, false",
        "]A0, Code 39, false",
        "]A7, Code 39, false",
        "]I1, Interleaved 2 of 5, false",
        "]F0, Codabar, false",
        "]G0, Code 93, false",
        "]S0, Industrial 2 of 5, false",
        "]L0, PDF417, false",
        "]z0, Aztec, false",
        "]z1, Aztec, true",
        "]zC, Aztec, false",
        "]J1, DotCode, true",
        "]U0, MaxiCode, false",
        "]K0, Unknown (]K), false",
    })
    void parsesTheIdAtTheStartOfTheData(String id, String symbology, boolean gs1) {
        AimSymbology aim = AimSymbology.parsePrefix(id + "0109501101530003");
        assertThat(aim).isNotNull();
        assertThat(aim.id()).isEqualTo(id);
        assertThat(aim.symbology()).isEqualTo(symbology);
        assertThat(aim.gs1()).isEqualTo(gs1);
        assertThat(aim.code()).isEqualTo(id.charAt(1));
        assertThat(aim.modifier()).isEqualTo(id.charAt(2));
        assertThat(AimSymbology.strip(id + "0109501101530003")).isEqualTo("0109501101530003");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"]C", "C1010950", "]11ABC", "]C-ABC", "]]1", "0109501101530003", "[C1x"})
    void dataWithoutAnAimIdHasNoPrefix(String data) {
        assertThat(AimSymbology.parsePrefix(data)).isNull();
        assertThat(AimSymbology.strip(data)).isEqualTo(data);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "]C1, GS1-128",
        "]d2, GS1 DataMatrix",
        "]Q3, GS1 QR Code",
        "]E4, EAN-8",
        "]A3, 'Code 39, modifier 3'",
    })
    void describesTheModifier(String id, String description) {
        assertThat(AimSymbology.of(id).description()).isEqualTo(description);
    }

    @Test
    void ofTakesExactlyOneId() {
        assertThat(AimSymbology.of("]C1")).isEqualTo(AimSymbology.parsePrefix("]C1data"));
        assertThatThrownBy(() -> AimSymbology.of("]C1x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AIM symbology id must be ']' + code letter + modifier (e.g. ']C1'), got ']C1x'");
        assertThatThrownBy(() -> AimSymbology.of("C1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AimSymbology.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringIsTheId() {
        assertThat(AimSymbology.of("]d2")).hasToString("]d2");
    }
}
