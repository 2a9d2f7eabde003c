package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.org.okapibarcode.backend.CodablockF;
import uk.org.okapibarcode.backend.Code49;
import uk.org.okapibarcode.backend.Pdf417;
import uk.org.okapibarcode.graphics.Rectangle;

/**
 * Code 49 ({@code ^B4}), CODABLOCK F ({@code ^BB}), MicroPDF417 ({@code ^BF}) and TLC39 ({@code ^BT}). zxing
 * reads none of the stacked parts, so each row of the picture is compared with the symbol okapibarcode plots
 * for the same data (its rectangles, scaled by the {@code ^BY} module width), and the row count, row height,
 * rotation, quiet zone and interpretation line with what the ZPL parameters ask for.
 */
class StackedSymbologyPreviewTest {
    private static final String DATA = "FLOORGATE-49";

    private static PreviewResult render(String zpl) {
        return ZplPreview.render(zpl, 203);
    }

    private static DrawnField only(PreviewResult r) {
        assertThat(r.drawnFields()).hasSize(1);
        return r.drawnFields().get(0);
    }

    /** Bar and space widths of one pixel row across the field's box, starting at its first bar. */
    private static List<Integer> runs(BufferedImage img, DrawnField f, int y) {
        List<Integer> out = new ArrayList<>();
        int x = f.left();
        int end = f.left() + f.width();
        while (x < end && !black(img, x, y)) {
            x++;
        }
        while (x < end) {
            boolean colour = black(img, x, y);
            int start = x;
            while (x < end && black(img, x, y) == colour) {
                x++;
            }
            out.add(x - start);
        }
        if (!out.isEmpty() && out.size() % 2 == 0) {
            out.remove(out.size() - 1); // trailing space up to the box edge
        }
        return out;
    }

    private static boolean black(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xffffff) == 0;
    }

    /**
     * okapi's own plot (its rectangles, merged where they touch) filled into a grid of units; rows of
     * {@code rowUnits} units start {@code top} units down. Each row, sampled in its middle, as bar/space widths
     * times {@code module}.
     */
    private static List<List<Integer>> okapiRows(uk.org.okapibarcode.backend.Symbol s, int top, int rowUnits,
            int extraUnits, int module) {
        int w = s.getWidth();
        int h = s.getHeight();
        boolean[][] grid = new boolean[h][w];
        for (Rectangle r : s.getRectangles()) {
            for (int y = (int) Math.round(r.y); y < Math.round(r.y + r.height); y++) {
                for (int x = (int) Math.round(r.x); x < Math.round(r.x + r.width); x++) {
                    grid[y][x] = true;
                }
            }
        }
        List<List<Integer>> rows = new ArrayList<>();
        for (int row = 0; row < (h - extraUnits) / rowUnits; row++) {
            boolean[] line = grid[top + row * rowUnits + rowUnits / 2];
            List<Integer> runs = new ArrayList<>();
            int x = 0;
            while (x < w && !line[x]) {
                x++;
            }
            while (x < w) {
                boolean colour = line[x];
                int start = x;
                while (x < w && line[x] == colour) {
                    x++;
                }
                runs.add((x - start) * module);
            }
            if (runs.size() % 2 == 0) {
                runs.remove(runs.size() - 1);
            }
            rows.add(runs);
        }
        return rows;
    }

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

    private static int inkIn(BufferedImage img, int left, int top, int w, int h) {
        int n = 0;
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                n += black(img, x, y) ? 1 : 0;
            }
        }
        return n;
    }

    @ParameterizedTest(name = "^BY{0} ^BBN,{1}")
    @CsvSource({"2,4", "3,6"})
    void codablockRowsAreOkapisSymbolScaledByTheModuleWidth(int module, int h) {
        String data = "CODABLOCK F in the FloorGate preview 0123456789";
        PreviewResult r = render("^XA^FO40,40^BY" + module + "^BBN," + h + "^FD" + data + "^FS^XZ");

        DrawnField f = only(r);
        assertThat(f.kind()).isEqualTo(DrawnField.Kind.CODABLOCK);
        CodablockF s = new CodablockF();
        s.setContent(data);
        List<List<Integer>> expected = okapiRows(s, 1, 15, 2, module);
        assertThat(expected.size()).isGreaterThan(1);
        assertThat(r.warnings()).containsExactly("^BB: drawn in " + expected.size() + " rows as okapibarcode lays "
                + "the data out; the printer prints one row when c and r are not given");
        int rowHeight = h * module;
        assertThat(f.height()).isEqualTo(expected.size() * (rowHeight + module) + module);
        BufferedImage img = BarcodeDecoding.image(r.png());
        for (int row = 0; row < expected.size(); row++) {
            int y = f.top() + module + row * (rowHeight + module) + rowHeight / 2;
            assertThat(runs(img, f, y)).as("row " + row).isEqualTo(expected.get(row));
        }
        assertThat(f.width()).isEqualTo(expected.get(0).stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void codablockWithoutRowHeightSharesTheByHeightAmongItsRows() {
        DrawnField f = only(render("^XA^FO40,40^BY2,3,120^BBN^FDCODABLOCK F in the FloorGate preview^FS^XZ"));
        CodablockF s = new CodablockF();
        s.setContent("CODABLOCK F in the FloorGate preview");
        int rows = okapiRows(s, 1, 15, 2, 1).size();
        assertThat(f.height()).isEqualTo(rows * (120 / rows + 2) + 2);
    }

    /**
     * Independent of okapi: every CODABLOCK F row is a Code 128 row (start A, code set, row indicator, data,
     * mod-103 check, stop), so zxing's Code 128 reader must accept each row cut out of the picture.
     */
    @Test
    void everyCodablockRowReadsAsACode128RowWithAValidCheckCharacter() throws Exception {
        PreviewResult r = render("^XA^FO40,40^BY2^BBN,8^FDCODABLOCK rows are Code 128: 0123456789 abc^FS^XZ");
        DrawnField f = only(r);
        BufferedImage img = BarcodeDecoding.image(r.png());
        int module = 2;
        int rowHeight = 8 * module;
        int rows = (f.height() - module) / (rowHeight + module);
        assertThat(rows).isGreaterThan(1);
        List<String> texts = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            int top = f.top() + module + row * (rowHeight + module);
            BufferedImage line = new BufferedImage(f.width() + 40, rowHeight + 20, BufferedImage.TYPE_BYTE_GRAY);
            java.awt.Graphics2D g = line.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, line.getWidth(), line.getHeight());
            g.drawImage(img.getSubimage(f.left(), top, f.width(), rowHeight), 20, 10, null);
            g.dispose();
            com.google.zxing.BinaryBitmap bitmap = new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(
                            new com.google.zxing.client.j2se.BufferedImageLuminanceSource(line)));
            texts.add(new com.google.zxing.oned.Code128Reader().decode(bitmap).getText());
        }
        assertThat(texts).hasSize(rows).doesNotHaveDuplicates();
    }

    @Test
    void codablockColumnsAndRowsThatCannotBeAppliedAreReported() {
        PreviewResult r = render("^XA^FO40,40^BY2^BBN,4,Y,10,3^FDCODABLOCK F in the FloorGate preview^FS^XZ");
        assertThat(only(r).kind()).isEqualTo(DrawnField.Kind.CODABLOCK);
        assertThat(r.warnings()).singleElement().asString().endsWith("; c = 10, r = 3 not applied");
    }

    @Test
    void codablockAIsReportedAndNotDrawnAsText() {
        PreviewResult r = render("^XA^FO50,50^BBN,8,Y,,,A^FDCODABLOCK A DATA^FS^XZ");
        assertThat(r.drawnFields()).isEmpty();
        assertThat(r.warnings()).containsExactly("^BB: CODABLOCK A (mode A) is not previewed; not drawn");
    }

    /** Zebra's mode table: mode -> data columns x rows; a data column is 17 modules, plus row address patterns. */
    @ParameterizedTest(name = "^BFN,{1},{0}: {2} x {3}")
    @CsvSource({"0,4,1,11", "3,5,1,20", "6,4,2,8", "13,3,3,6", "22,2,3,44", "23,4,4,6", "32,2,4,44", "33,6,4,4"})
    void microPdf417ModeSetsColumnsAndRowsAndHTheRowHeight(int mode, int h, int columns, int rows) {
        String data = "1234";
        PreviewResult r = render("^XA^FO40,40^BY2^BFN," + h + "," + mode + "^FD" + data + "^FS^XZ");

        assertThat(r.warnings()).isEmpty();
        DrawnField f = only(r);
        assertThat(f.kind()).isEqualTo(DrawnField.Kind.MICRO_PDF417);
        assertThat(f.height()).isEqualTo(rows * h);
        Pdf417 s = new Pdf417(Pdf417.Mode.MICRO);
        s.setDataColumns(columns);
        s.setRows(rows);
        s.setContent(data);
        List<List<Integer>> expected = okapiRows(s, 0, 3, 0, 2);
        assertThat(expected).hasSize(rows);
        BufferedImage img = BarcodeDecoding.image(r.png());
        for (int row = 0; row < rows; row++) {
            assertThat(runs(img, f, f.top() + row * h + h / 2)).as("row " + row).isEqualTo(expected.get(row));
        }
        // Left and right row address patterns (10 modules each), 17 per column, the stop bar; 3+ columns add
        // centre address patterns.
        int modules = 10 + 17 * columns + (columns >= 3 ? 10 : 0) + 10 + 1 + 2 * columns;
        assertThat(f.width()).isEqualTo(2 * s.getWidth()).isBetween(2 * (modules - 2 * columns), 2 * modules);
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
    void microPdf417DataTooLongForItsModeIsAWarning() {
        PreviewResult r = render("^XA^FO40,40^BFN,4,33^FDMuch more text than a four by four MicroPDF417 holds^FS^XZ");
        assertThat(r.drawnFields()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().startsWith("^BF: data 'Much more").contains("cannot be encoded");
    }

    @Test
    void tlc39CodeThirtyNineReadsTheEciNumberAndTheMicroPdfFollows() {
        PreviewResult r = render("^XA^FO40,40^BTN,2,2.5,60,2,4^FD123456,ABCD12345678901234^FS^XZ");

        assertThat(r.warnings()).isEmpty();
        DrawnField f = only(r);
        assertThat(f.kind()).isEqualTo(DrawnField.Kind.TLC39);
        assertThat(BarcodeDecoding.decodeAll(r.png(), EnumSet.of(BarcodeFormat.CODE_39))).containsExactly("123456");
        // Code 39 of "*123456*": 8 characters of 6 narrow + 3 wide (5 dots) and 7 gaps, at ^BT w1 = 2, r1 = 2.5.
        int code39 = 8 * (6 * 2 + 3 * 5) + 7 * 2;
        int flag = 6 * 2 + 3 * 5;
        BufferedImage img = BarcodeDecoding.image(r.png());
        int pdfLeft = f.left() + code39 + 20 + flag + 4;
        assertThat(f.width()).isGreaterThan(pdfLeft - f.left());
        // The MicroPDF417 part: 4 columns, its rows 4 dots high; the first row starts with a bar and differs
        // from data of another serial number.
        Pdf417 s = new Pdf417(Pdf417.Mode.MICRO);
        s.setDataColumns(4);
        s.setContent("ABCD12345678901234");
        List<List<Integer>> expected = okapiRows(s, 0, 3, 0, 2);
        DrawnField pdf = new DrawnField(f.kind(), 0, 0, "", pdfLeft, f.top(), f.left() + f.width() - pdfLeft,
                f.height());
        for (int row = 0; row < expected.size(); row++) {
            assertThat(runs(img, pdf, f.top() + row * 4 + 2)).as("row " + row).isEqualTo(expected.get(row));
        }
        assertThat(f.height()).isEqualTo(Math.max(60, 4 * expected.size()));
    }

    @Test
    void tlc39WithoutACommaDrawsOnlyTheCodeThirtyNine() {
        PreviewResult r = render("^XA^FO40,40^BTN^FD1234567890^FS^XZ");
        DrawnField f = only(r);
        assertThat(r.warnings()).containsExactly(
                "^BT: no comma after the 6-character ECI number; only the Code 39 part is drawn");
        assertThat(BarcodeDecoding.decodeAll(r.png(), EnumSet.of(BarcodeFormat.CODE_39))).containsExactly("123456");
        // Defaults at 203 dpi: w1 = 2, r1 = 2.0, h1 = 40.
        assertThat(f.width()).isEqualTo(8 * (6 * 2 + 3 * 4) + 7 * 2);
        assertThat(f.height()).isEqualTo(40);
    }
}
