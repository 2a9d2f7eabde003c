package dev.floorgate.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ^BC field data (after ^FH) to zxing content, human-readable line and the printer's code set. */
class Code128ContentTest {
    @ParameterizedTest(name = "mode {1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ABC123|N|ABC123|ABC123|B",
        ">;123456|N|123456|123456|C",
        ">;>80195011015300031726123110ABC|A|\u00f10195011015300031726123110ABC|0195011015300031726123110ABC|",
        ">:A>0B>=C|N|A>B~C|A>B~C|B",
        ">9AB>6cd|N|ABcd|ABcd|",
        "00106141411234567890|U|\u00f100106141411234567897|00106141411234567897|C",
        "001061414112345678|U|\u00f100106141411234567804|00106141411234567804|C",
        "(01)09501101530003(10)AB1|D|\u00f1010950110153000310AB1|(01)09501101530003(10)AB1|"})
    void translates(String data, char mode, String content, String human, String codeSet) {
        PreviewWarnings warnings = new PreviewWarnings(10);
        Code128Content c = Code128Content.of(data, mode, warnings);
        assertThat(c.content).isEqualTo(content);
        assertThat(c.humanReadable).isEqualTo(human);
        assertThat(c.codeSet).isEqualTo(codeSet == null ? (char) 0 : codeSet.charAt(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ">;12A4|^BC: subset C expects digit pairs; 'A' previewed as subset B",
        "a>Zb|^BC: unknown invocation code '>Z'; previewed literally",
        "é|^BC: character U+00E9 is not in Code 128; left out of the preview"})
    void oddDataWarns(String data, String warning) {
        PreviewWarnings warnings = new PreviewWarnings(10);
        Code128Content.of(data, 'N', warnings);
        assertThat(warnings.list()).contains(warning);
    }
}
