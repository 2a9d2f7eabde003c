package dev.floorgate.templates;

import static dev.floorgate.templates.StackedRows.black;
import static dev.floorgate.templates.StackedRows.inkIn;
import static dev.floorgate.templates.StackedRows.okapiRows;
import static dev.floorgate.templates.StackedRows.only;
import static dev.floorgate.templates.StackedRows.render;
import static dev.floorgate.templates.StackedRows.runs;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.org.okapibarcode.backend.Code49;

/**
 * The stacked symbols zxing cannot read: Code 49 ({@code ^B4}) here, and what all four of {@code ^B4},
 * {@code ^BB}, {@code ^BF} and {@code ^BT} share (rotation, quiet zone, module width, data). Each row of the
 * picture is compared with the symbol okapibarcode plots for the same data (its rectangles, scaled by the
 * {@code ^BY} module width), and the row count, row height and interpretation line with the ZPL parameters.
 * CODABLOCK: {@link CodablockPreviewTest}; MicroPDF417 and TLC39: {@link MicroPdf417PreviewTest}.
 */
class StackedSymbologyPreviewTest {
    private static final String DATA = "FLOORGATE-49";

    private static List<List<Integer>> code49(String data, int module) {
        Code49 s = new Code49();
        s.setContent(data);
        return okapiRows(s, 1, 10, 2, module);
    }

    @ParameterizedTest(name = "^BY{0} ^B4N,{1} {2}")
    @CsvSource({"2,5,FLOORGATE-49", "3,4,FLOORGATE-49", "2,6,CODE 49 LONGER 0123456789"})
    void code49RowsAreOkapisSymbolScaledByTheModuleWidth(int module, int h, String data) {
        PreviewResult r = render("^XA^FO60,60^BY" + module + "^B4N," + h + ",N,A^FD" + data + "^FS^XZ");

        assertThat(r.warnings()).isEmpty();
        DrawnField f = only(r);
        assertThat(f.kind()).isEqualTo(DrawnField.Kind.CODE49);
        List<List<Integer>> expected = code49(data, module);
        int rowHeight = h * module;
        // Binding bar, then each row followed by a separator (the last one is the bottom binding bar).
        assertThat(f.height()).isEqualTo(expected.size() * (rowHeight + module) + module);
        assertThat(f.width()).isEqualTo(70 * module);
        BufferedImage img = BarcodeDecoding.image(r.png());
        for (int row = 0; row < expected.size(); row++) {
            int y = f.top() + module + row * (rowHeight + module) + rowHeight / 2;
            assertThat(runs(img, f, y)).as("row " + row).isEqualTo(expected.get(row));
            int separator = f.top() + (row + 1) * (rowHeight + module);
            assertThat(runs(img, f, separator)).as("separator after row " + row).containsExactly(70 * module);
        }
        assertThat(runs(img, f, f.top())).as("top binding bar").containsExactly(70 * module);
    }

    @ParameterizedTest(name = "^{0}")
    @CsvSource(delimiter = '|', value = {"B4N,5|ABCDEF|ABCDEG", "BBN,4|CODABLOCK ABCDEF|CODABLOCK ABCDEG",
        "BFN,4,0|ABCDEF|ABCDEG", "BTN|123456,ABCDEF|123456,ABCDEG"})
    void differentDataDrawsADifferentSymbol(String command, String data, String other) {
        PreviewResult a = render("^XA^FO60,60^BY2^" + command + "^FD" + data + "^FS^XZ");
        PreviewResult b = render("^XA^FO60,60^BY2^" + command + "^FD" + other + "^FS^XZ");
        DrawnField f = only(a);
        assertThat(only(b).width()).isEqualTo(f.width());
        BufferedImage ai = BarcodeDecoding.image(a.png());
        BufferedImage bi = BarcodeDecoding.image(b.png());
        int differing = 0;
        for (int y = f.top(); y < f.top() + f.height(); y++) {
            for (int x = f.left(); x < f.left() + f.width(); x++) {
                differing += black(ai, x, y) != black(bi, x, y) ? 1 : 0;
            }
        }
        assertThat(differing).isPositive();
    }

    @ParameterizedTest(name = "^{0}")
    @CsvSource(delimiter = '|', value = {"B4R,5", "BBR,4", "BFR,6,4", "BTR"})
    void rotationSwapsWidthAndHeight(String rotated) {
        String normal = rotated.replaceFirst("R", "N");
        String data = rotated.startsWith("BT") ? "123456,SERIAL0001" : DATA + " ROTATED";
        DrawnField n = only(render("^XA^FO100,100^BY2^" + normal + "^FD" + data + "^FS^XZ"));
        DrawnField r = only(render("^XA^FO100,100^BY2^" + rotated + "^FD" + data + "^FS^XZ"));
        assertThat(r.width()).isEqualTo(n.height());
        assertThat(r.height()).isEqualTo(n.width());
        assertThat(n.width()).isNotEqualTo(n.height());
    }

    @ParameterizedTest(name = "^{0}")
    @CsvSource(delimiter = '|', value = {"B4N,5", "BBN,4", "BFN,6,4", "BTN"})
    void theQuietZoneAroundTheSymbolIsBlank(String command) {
        String data = command.startsWith("BT") ? "123456,SERIAL0001" : DATA;
        PreviewResult r = render("^XA^FO100,100^BY2^" + command + "^FD" + data + "^FS^XZ");
        DrawnField f = only(r);
        BufferedImage img = BarcodeDecoding.image(r.png());
        int quiet = 20; // 10 modules at ^BY2
        int dark = 0;
        int inside = 0;
        for (int y = f.top() - quiet; y < f.top() + f.height() + quiet; y++) {
            for (int x = f.left() - quiet; x < f.left() + f.width() + quiet; x++) {
                boolean in = x >= f.left() && x < f.left() + f.width() && y >= f.top() && y < f.top() + f.height();
                if (black(img, x, y)) {
                    dark += in ? 0 : 1;
                    inside += in ? 1 : 0;
                }
            }
        }
        assertThat(dark).isZero();
        assertThat(inside).isPositive();
    }

    @Test
    void moduleWidthFromByScalesTheSymbol() {
        for (String cmd : List.of("^B4N,5", "^BBN,4", "^BFN,8,10")) {
            DrawnField two = only(render("^XA^FO40,40^BY2" + cmd + "^FD" + DATA + "^FS^XZ"));
            DrawnField three = only(render("^XA^FO40,40^BY3" + cmd + "^FD" + DATA + "^FS^XZ"));
            assertThat(three.width() * 2).as(cmd).isEqualTo(two.width() * 3);
        }
    }

    @Test
    void code49InterpretationLineIsDrawnBelowOrAboveOnlyWhenAsked() {
        DrawnField none = only(render("^XA^FO60,60^BY2^B4N,5,N^FD" + DATA + "^FS^XZ"));
        PreviewResult below = render("^XA^FO60,60^BY2^B4N,5,B^FD" + DATA + "^FS^XZ");
        PreviewResult above = render("^XA^FO60,60^BY2^B4N,5,A^FD" + DATA + "^FS^XZ");
        DrawnField b = only(below);
        DrawnField a = only(above);
        assertThat(b.height()).isGreaterThan(none.height()).isEqualTo(a.height());
        // The text band is white in the plain symbol's box and has ink below (B) or above (A) the bars.
        BufferedImage bi = BarcodeDecoding.image(below.png());
        BufferedImage ai = BarcodeDecoding.image(above.png());
        int text = b.height() - none.height();
        assertThat(inkIn(bi, b.left(), b.top() + none.height(), b.width(), text)).isPositive();
        assertThat(inkIn(ai, a.left(), a.top(), a.width(), text - 2)).isPositive();
        assertThat(inkIn(ai, a.left(), a.top() + a.height() - 1, a.width(), 1)).isEqualTo(a.width());
    }

    @Test
    void code49InterpretationLineStartsAtTheLeftEdgeAndMayRunPastTheRight() {
        String data = "CODE 49 WITH A LONG LINE 0123";
        PreviewResult r = render("^XA^FO60,60^BY2^B4N,5,B^FD" + data + "^FS^XZ");
        DrawnField f = only(r);
        BufferedImage img = BarcodeDecoding.image(r.png());
        int textTop = f.top() + f.height() - 20;
        int left = Integer.MAX_VALUE;
        int right = 0;
        for (int y = textTop; y < f.top() + f.height(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (black(img, x, y)) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        assertThat(left).isBetween(f.left(), f.left() + 4);
        assertThat(right).isGreaterThan(f.left() + f.width());
    }
}
