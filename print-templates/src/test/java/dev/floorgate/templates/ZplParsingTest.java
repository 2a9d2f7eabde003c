package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The preview reads ZPL the way the printer does: comments, prefixes, delimiters, stored formats and graphics. */
class ZplParsingTest {
    private static PreviewResult render(String zpl) {
        return ZplPreview.render(zpl, 203);
    }

    @Test
    void commentAfterTheParametersDoesNotMoveTheField() {
        PreviewResult r = render("^XA\n^FO50,80 ; the header, was at 1200,1200\n^A0N,30,30^FDHeader^FS\n"
                + "^FO60,90\n// address block\n^A0N,30,30^FDAddress^FS\n^FX a comment ^FS\n^XZ");
        assertThat(r.drawnFields()).containsExactly(new DrawnField(DrawnField.Kind.TEXT, 50, 80, "Header"),
                new DrawnField(DrawnField.Kind.TEXT, 60, 90, "Address"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void whitespaceInsideParametersIsIgnored() {
        PreviewResult r = render("^XA^FO 50 , 70 ^A0N, 30, 30^FDx^FS^XZ");
        assertThat(r.drawnFields()).containsExactly(new DrawnField(DrawnField.Kind.TEXT, 50, 70, "x"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void prefixAndDelimiterChangesApplyToLaterCommands() {
        PreviewResult r = render("^XA^CC+ +FO10,20+FDcaret+FS+CD; +FO30;40+A0N;30;30+FDsemi,colon+FS+XZ");
        assertThat(r.drawnFields()).containsExactly(new DrawnField(DrawnField.Kind.TEXT, 10, 20, "caret"),
                new DrawnField(DrawnField.Kind.TEXT, 30, 40, "semi,colon"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void tildeCcChangesTheCaretToo() {
        PreviewResult r = render("~CC!!XA!FO11,12!FDtilde cc!FS!XZ");
        assertThat(r.drawnFields()).containsExactly(new DrawnField(DrawnField.Kind.TEXT, 11, 12, "tilde cc"));
    }

    @Test
    void mapClearIsARealCommandWithoutAWarning() {
        PreviewResult r = render("^XA^MCY^FO1,1^FDx^FS^XZ");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void storedFormatIsRecalledWithItsFieldNumbersFilled() {
        String zpl = "^XA^DFR:SHIP.ZPL^FS^FO20,20^A0N,30,30^FN1\"Name\"^FS^FO20,80^BY2^BCN,60,N^FN2^FS"
                + "^FO20,200^A0N,30,30^FDfixed text^FS^XZ\n"
                + "^XA^CI28^XFR:SHIP.ZPL^FS^FN1^FH^FDJos_C3_A9^FS^FN2^FDABC-123^FS^XZ";
        PreviewResult r = render(zpl);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.labelCount()).isEqualTo(2);
        assertThat(r.drawnFields()).extracting(DrawnField::kind, DrawnField::x, DrawnField::y, DrawnField::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DrawnField.Kind.TEXT, 20, 20, "Jos\u00e9"),
                        org.assertj.core.groups.Tuple.tuple(DrawnField.Kind.CODE128, 20, 80, "ABC-123"),
                        org.assertj.core.groups.Tuple.tuple(DrawnField.Kind.TEXT, 20, 200, "fixed text"));
        assertThat(BarcodeDecoding.decodeAll(r)).containsExactly("ABC-123");
    }

    @Test
    void recallOfAFormatThisInputDidNotStoreIsReported() {
        PreviewResult r = render("^XA^XFE:OTHER^FS^FN1^FDx^FS^XZ");
        assertThat(r.warnings()).containsExactly("^XF: format OTHER.ZPL is not stored by this input (^DF); not previewed");
        assertThat(r.drawnFields()).isEmpty();
    }

    @Test
    void downloadedGraphicIsRecalledMagnified() {
        // 2 bytes per row, 2 rows: a 16 x 2 dot bar with the left 8 dots black.
        String zpl = "~DGR:BAR.GRF,4,2,FF00FF00\n^XA^FO10,10^XGR:BAR.GRF,2,3^FS^FO100,100^IMR:BAR.GRF^FS^XZ";
        PreviewResult r = render(zpl);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.drawnFields()).extracting(DrawnField::width, DrawnField::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(32, 6), org.assertj.core.groups.Tuple.tuple(16, 2));
        java.awt.image.BufferedImage img = BarcodeDecoding.image(r.png());
        assertThat(img.getRGB(10 + 15, 10 + 5) & 0xffffff).isZero();
        assertThat(img.getRGB(10 + 16, 10 + 5) & 0xffffff).isEqualTo(0xffffff);
        assertThat(img.getRGB(107, 101) & 0xffffff).isZero();
    }

    @Test
    void graphicSymbolsPrintAsTheirCharacters() {
        PreviewResult r = render("^XA^FO10,10^GSN,40,40^FDABC^FS^XZ");
        assertThat(r.warnings()).isEmpty();
        assertThat(r.drawnFields()).extracting(DrawnField::data).containsExactly("\u00ae\u00a9\u2122");
    }

    @Test
    void maxiCodeWithOnlyThePrimaryMessageIsDrawn() {
        PreviewResult r = render("^XA^FO30,30^BD2,1,1^FD001840627010000^FS^XZ");
        assertThat(r.warnings()).containsExactly(
                "^BD: no low-priority message; previewed with one space after the primary message");
        assertThat(BarcodeDecoding.decodeAll(r)).containsExactly("627010000\u001d840\u001d001\u001d ");
    }

    @Test
    void printOrientationInvertedTurnsTheWholeLabel() {
        PreviewResult r = render("^XA^POI^PW400^LL200^FO10,20^GB50,30,30^FS^XZ");
        java.awt.image.BufferedImage img = BarcodeDecoding.image(r.png());
        assertThat(img.getRGB(400 - 11, 200 - 21) & 0xffffff).isZero();
        assertThat(img.getRGB(11, 21) & 0xffffff).isEqualTo(0xffffff);
        assertThat(r.drawnFields().get(0).left()).isEqualTo(400 - 10 - 50);
    }

    @Test
    void measurementUnitsConvertToDots() {
        // 203 dpi is 203.2 dots per inch, 8 per millimetre.
        PreviewResult inches = render("^XA^MUI^FO0.5,1^GB1,0.25,0.25^FS^XZ");
        assertThat(inches.drawnFields()).extracting(DrawnField::x, DrawnField::y, DrawnField::width, DrawnField::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(102, 203, 203, 51));
        PreviewResult mm = render("^XA^MUM^FO10,20^A0N,5,5^FDx^FS^MUD^FO10,20^FDy^FS^XZ");
        assertThat(mm.drawnFields()).extracting(DrawnField::x, DrawnField::y)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(80, 160), org.assertj.core.groups.Tuple.tuple(10, 20));
        PreviewResult scaled = render("^XA^MUD,200,300^FO100,200^GB200,100,100^FS^XZ");
        assertThat(scaled.drawnFields()).extracting(DrawnField::x, DrawnField::y, DrawnField::width, DrawnField::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(150, 300, 300, 150));
        assertThat(inches.warnings()).isEmpty();
    }
}
