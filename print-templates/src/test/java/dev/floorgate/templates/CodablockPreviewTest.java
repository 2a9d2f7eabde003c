package dev.floorgate.templates;

import static dev.floorgate.templates.StackedRows.okapiRows;
import static dev.floorgate.templates.StackedRows.only;
import static dev.floorgate.templates.StackedRows.render;
import static dev.floorgate.templates.StackedRows.runs;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.org.okapibarcode.backend.CodablockF;

/** CODABLOCK F ({@code ^BB}): rows as okapibarcode encodes them, laid out by the ZPL parameters. */
class CodablockPreviewTest {
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

    @Test
    void modeEAddsFnc1InFrontSoItsRowsDifferFromModeF() {
        String data = "CODABLOCK E ADDS FNC1 0123";
        CodablockF f = new CodablockF();
        f.setContent(data);
        List<List<Integer>> modeF = okapiRows(f, 1, 15, 2, 2);
        PreviewResult e = render("^XA^FO40,40^BY2^BBN,4,Y,,,E^FD" + data + "^FS^XZ");
        PreviewResult plain = render("^XA^FO40,40^BY2^BBN,4,Y,,,F^FD" + data + "^FS^XZ");
        BufferedImage ei = BarcodeDecoding.image(e.png());
        BufferedImage pi = BarcodeDecoding.image(plain.png());
        DrawnField fe = only(e);
        DrawnField fp = only(plain);
        // Row 0 in the middle of its 8 dots: mode F is okapi's symbol of the data, mode E is not.
        assertThat(runs(pi, fp, fp.top() + 2 + 4)).isEqualTo(modeF.get(0));
        assertThat(runs(ei, fe, fe.top() + 2 + 4)).isNotEqualTo(modeF.get(0));
    }
}
