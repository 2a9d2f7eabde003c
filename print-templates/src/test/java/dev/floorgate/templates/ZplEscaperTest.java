package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ^FH escaping policy: letters, digits and space stay; every other UTF-8 byte becomes _XX. */
class ZplEscaperTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Hello World 42|Hello World 42",
        "^XZ|_5EXZ",
        "~JA|_7EJA",
        "a_b|a_5Fb",
        "\"A>8,B\"|A_3E8_2CB",
        "é|_C3_A9",
        "€|_E2_82_AC",
        "🚚|_F0_9F_9A_9A"})
    void escapesEverythingButLettersDigitsAndSpace(String data, String escaped) {
        assertThat(ZplEscaper.fieldData(data)).isEqualTo(escaped);
        assertThat(ZplEscaper.unescape(escaped, '_')).isEqualTo(data);
    }

    @Test
    void everyAsciiCharacterFollowsThePolicy() {
        for (char c = 0; c < 0x80; c++) {
            String escaped = ZplEscaper.fieldData(String.valueOf(c));
            boolean literal = Character.isLetterOrDigit(c) || c == ' ';
            assertThat(escaped).as("char 0x%02X", (int) c)
                    .isEqualTo(literal ? String.valueOf(c) : String.format("_%02X", (int) c));
        }
    }

    @Test
    void randomUnicodeRoundTripsAndNeverContainsAPrefix() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10FFFF);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    continue;
                }
                sb.appendCodePoint(cp);
            }
            String data = sb.toString();
            String escaped = ZplEscaper.fieldData(data, '\\');
            assertThat(escaped).matches("[A-Za-z0-9 \\\\]*");
            assertThat(ZplEscaper.unescape(escaped, '\\')).isEqualTo(data);
        }
    }

    @Test
    void loneSurrogateBecomesReplacementCharacter() {
        assertThat(ZplEscaper.fieldData("a\uD800b")).isEqualTo("a_EF_BF_BDb");
    }

    @Test
    void indicatorMustNotBeALiteralOrAPrefix() {
        for (char bad : new char[] {'A', '5', ' ', '^', '~', '\n', 'é'}) {
            assertThatThrownBy(() -> ZplEscaper.fieldData("x", bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("^FH indicator");
        }
        assertThatThrownBy(() -> ZplEscaper.fieldData(null)).hasMessage("field data is null");
    }
}
