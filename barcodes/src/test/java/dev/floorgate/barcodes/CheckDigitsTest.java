package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDigitsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0950110153000, 3",        // PROTOCOLS.md section 7 worked example (GTIN 09501101530003)
        "37610425002123456, 9",    // SSCC 376104250021234569
        "590123412345, 7",         // EAN-13 5901234123457
        "01234567890, 5",          // UPC-A 012345678905
        "9638507, 4",              // EAN-8 96385074
        "950110153001, 0",         // GLN 9501101530010
        "0, 0",
        "1, 7",
    })
    void computesTheGs1Mod10CheckDigit(String digits, int check) {
        assertThat(CheckDigits.gs1(digits)).isEqualTo(check);
        assertThat(CheckDigits.isValidGs1(digits + check)).isTrue();
        assertThat(CheckDigits.isValidGs1(digits + ((check + 1) % 10))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12a4", "12 4", "١٢٣"})
    void refusesInputThatIsNotDigits(String input) {
        assertThatThrownBy(() -> CheckDigits.gs1(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "0950110153000X", "09501101530003 "})
    void validationSaysFalseRatherThanThrowing(String input) {
        assertThat(CheckDigits.isValidGs1(input)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void nullIsInvalidNotACrash() {
        assertThat(CheckDigits.isValidGs1(null)).isFalse();
        assertThatThrownBy(() -> CheckDigits.gs1(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void errorNamesTheOffendingCharacter() {
        assertThatThrownBy(() -> CheckDigits.gs1("12a4"))
                .hasMessage("GS1 check digit input has non-digit 'a' at position 2 in '12a4'");
    }
}
