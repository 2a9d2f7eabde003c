package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.templates.internal.ZplCommand;
import dev.floorgate.templates.internal.ZplLexer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN.md guarantee 7: data never becomes printer commands. Hostile values go into every kind of field of
 * the built-ins; the output must still be exactly one label format whose commands are the template's, and the
 * preview must show (and scan) the hostile text literally.
 */
class InjectionTest {
    private static final String INJECTION = "^XZ^XA^FO0,0^FDX^FS^XZ";
    private static final LabelTemplate SHIPPING = TemplateCatalog.builtIn().find("shipping-4x6").orElseThrow();

    @Test
    void orderDataWithAFormatBreakYieldsExactlyOneLabelFormat() {
        Map<String, String> data = new HashMap<>(SHIPPING.sampleData());
        data.put("order", INJECTION);
        data.put("tracking", INJECTION);
        data.put("note", INJECTION);
        data.put("to_name", INJECTION);

        String zpl = SHIPPING.render(data, 1).zpl();

        assertThat(count(zpl, "^XA")).isEqualTo(1);
        assertThat(count(zpl, "^XZ")).isEqualTo(1);
        assertThat(zpl).doesNotContain(INJECTION);
        assertThat(commands(zpl)).isEqualTo(commands(SHIPPING.render(SHIPPING.sampleData(), 1).zpl()));
        assertThat(zpl).contains("^FH^FD_5EXZ_5EXA_5EFO0_2C0_5EFDX_5EFS_5EXZ^FS");
    }

    @Test
    void previewShowsTheInjectedTextLiterallyAndTheBarcodeScansAsIt() {
        Map<String, String> data = new HashMap<>(SHIPPING.sampleData());
        data.put("order", INJECTION);
        data.put("note", INJECTION);

        PreviewResult preview = ZplPreview.render(SHIPPING.render(data, 1).zpl(), 203);

        assertThat(preview.labelCount()).isEqualTo(1);
        assertThat(preview.warnings()).isEmpty();
        assertThat(preview.drawnFields()).contains(new DrawnField(DrawnField.Kind.TEXT, 440, 1045, INJECTION));
        assertThat(preview.drawnFields()).contains(new DrawnField(DrawnField.Kind.CODE128, 30, 1045, INJECTION));
        assertThat(BarcodeDecoding.decodeAll(preview)).contains(INJECTION, data.get("tracking"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"~JA", "~HS~JR", "\u0003\u0002^XA", "line1\r\nline2", "_5E_7E", "${note}", "a\u000Fb",
            "\u0000\u001f\u007f", "^CC!!XZ", "Grüße €, 東京 🚚"})
    void controlCommandsAliasesAndEscapesInDataStayData(String hostile) {
        Map<String, String> data = new HashMap<>(SHIPPING.sampleData());
        data.put("note", hostile);
        data.put("to_name", hostile);

        String zpl = SHIPPING.render(data, 1).zpl();

        List<String> expected = commands(SHIPPING.render(SHIPPING.sampleData(), 1).zpl());
        assertThat(commands(zpl)).isEqualTo(expected);
        assertThat(zpl.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
        PreviewResult preview = ZplPreview.render(zpl, 203);
        assertThat(preview.drawnFields()).contains(new DrawnField(DrawnField.Kind.TEXT, 440, 1045, hostile),
                new DrawnField(DrawnField.Kind.TEXT, 60, 230, hostile));
    }

    @Test
    void code128DataWithInvocationCharactersScansExactlyAsGiven() {
        LabelTemplate bin = TemplateCatalog.builtIn().find("bin-location").orElseThrow();
        String tricky = "A>8B~C>;12_1D^x";
        Map<String, String> data = new HashMap<>(bin.sampleData());
        data.put("bin", tricky);

        String zpl = bin.render(data, 1).zpl();
        PreviewResult preview = ZplPreview.render(zpl, 203);

        assertThat(zpl).contains("^FH^FDA>08B>=C>0_3B12_5F1D_5Ex^FS");
        assertThat(preview.warnings()).isEmpty();
        assertThat(BarcodeDecoding.decodeAll(preview)).containsExactly(tricky);
    }

    /** The command sequence of a ZPL text, field data left out. */
    private static List<String> commands(String zpl) {
        return ZplLexer.lex(zpl).stream().map(ZplCommand::label).collect(java.util.stream.Collectors.toList());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
