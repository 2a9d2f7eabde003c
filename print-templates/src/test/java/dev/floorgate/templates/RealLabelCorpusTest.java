package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The label corpus in {@code src/test/resources/corpus} (carrier, postal, marketplace and GS1 logistics layouts;
 * sources in its README.md): every label previews without an unknown command, every barcode the preview draws
 * decodes with zxing back to the data the preview says it encoded, and text fields show decoded characters.
 */
class RealLabelCorpusTest {
    /** Kinds zxing has no reader for; drawn and sized by the preview but not decoded here. */
    private static final Set<DrawnField.Kind> NO_DECODER = EnumSet.of(DrawnField.Kind.UPC_EAN_ADDON,
            DrawnField.Kind.MSI, DrawnField.Kind.PLESSEY, DrawnField.Kind.CODE11, DrawnField.Kind.POSTNET,
            DrawnField.Kind.PLANET, DrawnField.Kind.STANDARD_2OF5, DrawnField.Kind.INDUSTRIAL_2OF5);
    private static final Set<DrawnField.Kind> NOT_BARCODES = EnumSet.of(DrawnField.Kind.TEXT, DrawnField.Kind.BOX,
            DrawnField.Kind.CIRCLE, DrawnField.Kind.ELLIPSE, DrawnField.Kind.DIAGONAL, DrawnField.Kind.GRAPHIC);

    static Stream<String> labels() {
        String index = read("README.md");
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            int start = line.indexOf("| `");
            if (start == 0 && line.contains(".zpl`")) {
                names.add(line.substring(3, line.indexOf(".zpl`") + 4));
            }
        }
        return names.stream();
    }

    private static String read(String name) {
        try (InputStream in = RealLabelCorpusTest.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new AssertionError("corpus file " + name + " is missing");
            }
            // Raw label bytes, one character per byte, as the preview reads printer input.
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCorpusHasAtLeastFortyLabels() {
        assertThat(labels().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void everyDrawnBarcodeDecodesToItsData(String file) {
        PreviewResult r = ZplPreview.render(read(file), 203);

        assertThat(r.warnings()).as(file).noneMatch(w -> w.startsWith("unknown command") || w.contains("cannot be encoded")
                || w.contains("not previewed"));
        List<String> decoded = BarcodeDecoding.decodeAll(r);
        int k = 0;
        int barcodes = 0;
        for (DrawnField f : r.drawnFields()) {
            if (NOT_BARCODES.contains(f.kind())) {
                if (f.kind() == DrawnField.Kind.TEXT) {
                    assertThat(f.data()).as(file + " text").doesNotContain("\ufffd").doesNotContainPattern("_[0-9A-F]{2}");
                }
                continue;
            }
            barcodes++;
            if (NO_DECODER.contains(f.kind())) {
                continue;
            }
            String read = decoded.get(k++);
            assertThat(visible(normalise(f.kind(), read))).as(file + " " + f.kind() + "@" + f.x() + "," + f.y())
                    .isEqualTo(visible(expected(f)));
        }
        assertThat(barcodes).as(file + " draws at least one barcode").isPositive();
    }

    @Test
    void textInCodePage850AndUtf8ShowsItsAccentedLetters() {
        assertThat(texts("dhl-paket.zpl")).contains("An: J\u00fcrgen Gr\u00f6\u00dfe", "Stra\u00dfe 5, 50667 K\u00f6ln");
        assertThat(texts("dhl-express.zpl")).contains("To: M\u00dcLLER GMBH, K\u00d6LN");
        assertThat(texts("correos-es.zpl")).contains("Se\u00f1or Jos\u00e9 Mu\u00f1oz, Calle Mayor 1, 28013 Madrid, Espa\u00f1a");
    }

    private static List<String> texts(String file) {
        List<String> out = new ArrayList<>();
        for (DrawnField f : ZplPreview.render(read(file), 203).drawnFields()) {
            if (f.kind() == DrawnField.Kind.TEXT) {
                out.add(f.data());
            }
        }
        return out;
    }

    /** What zxing reports, in the preview's terms: GS1 symbology ids dropped (the data carries GS separators). */
    private static String normalise(DrawnField.Kind kind, String read) {
        String text = read;
        if (kind == DrawnField.Kind.CODE128 && text.endsWith("\u001d")) {
            // zxing's Code 128 reader turns a check symbol of value 102 (the FNC1 value) into a trailing GS.
            text = text.substring(0, text.length() - 1);
        }
        if (text.startsWith("]C1") || text.startsWith("]d2") || text.startsWith("]Q3")) {
            return text.substring(3);
        }
        return text;
    }

    /** Control characters (GS, RS, EOT) shown as <1D> so a difference in them can be read. */
    private static String visible(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 ? String.format("<%02X>", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static String expected(DrawnField f) {
        if (f.kind() == DrawnField.Kind.CODABAR) {
            return f.data().substring(1, f.data().length() - 1); // zxing leaves out start and stop
        }
        return f.data();
    }
}
