package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ^CI}: bytes in, printed characters out, a table per code page (ZPL II guide, ^CI). Field bytes are
 * written as {@code ^FH} escapes and, in the second test, as raw bytes (the preview reads its input as
 * ISO-8859-1 bytes), so both paths a carrier label can take are covered.
 */
class CodePageTest {
    private static String printed(String ci, String escapedBytes) {
        PreviewResult r = ZplPreview.render("^XA^CI" + ci + "^FO10,10^A0N,30,30^FH^FD" + escapedBytes + "^FS^XZ", 203);
        assertThat(r.drawnFields()).hasSize(1);
        return r.drawnFields().get(0).data();
    }

    @ParameterizedTest(name = "^CI{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // 0-12: national sets over code page 850 (0x82 = e acute, 0x81 = u umlaut, 0x9A = U umlaut, 0xA4 = n tilde)
        "0|_82_81_9A_A4_E1|\u00e9\u00fc\u00dc\u00f1\u00df",
        "0|_23_24_40_5B_5C_5D_7B_7D_7E|#$@[\\]{}~",
        "2|_23_24|\u00a3$",
        "4|_5B_5C_5D_7B_7C_7D|\u00c6\u00d8\u00c5\u00e6\u00f8\u00e5",
        "5|_24_40_5B_5C_5D_5E_60_7B_7C_7D_7E|\u00a4\u00c9\u00c4\u00d6\u00c5\u00dc\u00e9\u00e4\u00f6\u00e5\u00fc",
        "6|_40_5B_5C_5D_7B_7C_7D_7E|\u00a7\u00c4\u00d6\u00dc\u00e4\u00f6\u00fc\u00df",
        "7|_23_40_5B_5C_5D_7B_7C_7D_7E|\u00a3\u00e0\u00b0\u00e7\u00a7\u00e9\u00f9\u00e8\u00a8",
        "8|_40_5B_5C_5D_5E_60_7B_7C_7D_7E|\u00e0\u00e2\u00e7\u00ea\u00ee\u00f4\u00e9\u00f9\u00e8\u00fb",
        "9|_23_40_5B_5C_5D_60_7B_7C_7D_7E|\u00a3\u00a7\u00b0\u00e7\u00e9\u00f9\u00e0\u00f2\u00e8\u00ec",
        "10|_23_40_5B_5C_5D_7B_7C_7D|\u20a7\u00a7\u00a1\u00d1\u00bf\u00b0\u00f1\u00e7",
        "12|_5C|\u00a5",
        "13|_5C_82_D5|\\\u00e9\u0131",
        // 27: 1252 (0x80 euro, 0x9C oe); 28: UTF-8; 29/30: UTF-16; 31: 1255 Hebrew alef; 33-36
        "27|_80_9C_E9|\u20ac\u0153\u00e9",
        "28|_C3_A9_E2_82_AC_F0_9F_93_A6|\u00e9\u20ac\ud83d\udce6",
        "29|_00_41_20_AC|A\u20ac",
        "30|_41_00_AC_20|A\u20ac",
        "31|_E0|\u05d0",
        "33|_8A_9E|\u0160\u017e",
        "34|_C0_FF|\u0410\u044f",
        "35|_C1_F9|\u0391\u03c9",
        "36|_D0_FD|\u011e\u0131",
        "28|_C3|\ufffd",
    })
    void bytesPrintAsTheCodePageSays(String ci, String bytes, String expected) {
        assertThat(printed(ci, bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "^CI{0}")
    @CsvSource({"0,\u00e9\u00e8", "13,\u00e9\u00e8", "27,\u201a\u0160", "28,\u00e9"})
    void rawBytesAreReadLikeEscapedOnes(int ci, String expected) {
        byte[] bytes = ci == 28 ? new byte[] {(byte) 0xC3, (byte) 0xA9} : new byte[] {(byte) 0x82, (byte) 0x8A};
        String zpl = "^XA^CI" + ci + "^FO10,10^A0N,30,30^FD" + new String(bytes, StandardCharsets.ISO_8859_1)
                + "^FS^XZ";
        assertThat(ZplPreview.render(zpl, 203).drawnFields().get(0).data()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "remap pairs: byte 0x41 prints as 0x42|^CI0,65,66|ABA|BBB",
        "text given as characters under UTF-8 stays as it is|^CI28|Gr\u00fc\u00dfe \u6771\u4eac|Gr\u00fc\u00dfe \u6771\u4eac",
    })
    void remapAndCharacterInput(String name, String ci, String data, String expected) {
        String zpl = "^XA" + ci + "^FO10,10^A0N,30,30^FD" + data + "^FS^XZ";
        assertThat(ZplPreview.render(zpl, 203).drawnFields().get(0).data()).isEqualTo(expected);
    }
}
