package dev.floorgate.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ZPL text in, commands out: a table, one line per rule of the lexer. */
class ZplLexerTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "^XA^FO10,20^FDHi^FS^XZ|^XA ^FO[10,20] ^FD[Hi] ^FS ^XZ",
        "^A0N,30,40^AAN^A@N,5,5,E:X.FNT|^A[0N,30,40] ^A[AN] ^A@[N,5,5,E:X.FNT]",
        "^xa^fo1,2^xz|^XA ^FO[1,2] ^XZ",
        "junk before^XA|^XA",
        "~HS~JA^XA|~HS ~JA ^XA",
        "\"\u0002^FDx\u000F\u0003\"|^XA ^FD[x] ^FS ^XZ",
        "^CC+ +XA +FO1,1 ^FDcaret is data now+XZ|^CC[+] ^XA[ ] ^FO[1,1 ^FDcaret is data now] ^XZ",
        "~CT! !HS ^XA|~CT[!] ~HS[ ] ^XA",
        "^F|^F",
        "^|^"})
    void lexes(String zpl, String expected) {
        List<ZplCommand> commands = ZplLexer.lex(zpl);
        assertThat(commands.stream().map(c -> c.label() + (c.params().isEmpty() ? "" : "[" + c.params() + "]"))
                .collect(Collectors.joining(" "))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void lineBreaksStayInTheParametersAndAreDroppedByCleanParams() {
        ZplCommand fd = ZplLexer.lex("^FD line\r\nbreak ^FS").get(0);
        assertThat(fd.params()).isEqualTo(" line\r\nbreak ");
        assertThat(fd.cleanParams()).isEqualTo(" linebreak ");
    }

    @ParameterizedTest
    @CsvSource({"^FO10,20,0", "^FD^"})
    void offsetsPointIntoTheInput(String zpl) {
        for (ZplCommand c : ZplLexer.lex(zpl)) {
            assertThat(zpl.substring(c.paramsStart(), c.end())).isEqualTo(c.params());
            assertThat(zpl.charAt(c.start())).isIn('^', '~');
        }
    }
}
