package dev.floorgate.templates;

import static dev.floorgate.templates.StackedRows.okapiRows;
import static dev.floorgate.templates.StackedRows.only;
import static dev.floorgate.templates.StackedRows.render;
import static dev.floorgate.templates.StackedRows.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.org.okapibarcode.backend.Pdf417;

/** MicroPDF417 ({@code ^BF}, Zebra's mode table) and TLC39 ({@code ^BT}: Code 39, link flag, MicroPDF417). */
class MicroPdf417PreviewTest {
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
