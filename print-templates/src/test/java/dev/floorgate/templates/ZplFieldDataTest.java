package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field data read back from received bytes, as a printer would print it (moved from the simulator's ZplFields). */
class ZplFieldDataTest {

    private static List<String> fields(String zpl) {
        return ZplFieldData.of(zpl.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fieldDataIsDecodedLikeAPrinterWould() {
        assertThat(fields("^XA^CI28^FO1,1^FH^FD_5EXZ caf_C3_A9^FS^FO2,2^FDplain^FS^XZ"))
                .containsExactly("^XZ café", "plain");
        assertThat(fields("^XA^FH#^FD#41#42_41^FS^XZ")).containsExactly("AB_41");
    }

    @Test
    void rawUtf8IsReadInTheCharsetInForce() {
        assertThat(fields("^XA^CI28^FDcafé^FS^XZ")).containsExactly("café");
        // No ^CI: code page 850 (^CI0), so the two UTF-8 bytes of é print as two characters of that code page.
        assertThat(fields("^XA^FDcafé^FS^XZ")).containsExactly("caf\u251c\u00ae");
    }

    @Test
    void whatTheEscaperWritesReadsBack() {
        String hostile = "^XZ^XA~JA\u0002 _ é";
        assertThat(fields("^XA^CI28^FO10,10^FH^FD" + ZplEscaper.fieldData(hostile) + "^FS^XZ")).containsExactly(hostile);
    }
}
