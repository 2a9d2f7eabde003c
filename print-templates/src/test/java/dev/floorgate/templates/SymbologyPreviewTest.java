package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every barcode command the preview draws is decoded back from the PNG, and the widths follow {@code ^BY}
 * (module width and wide-to-narrow ratio) the way the printer sizes them.
 */
class SymbologyPreviewTest {
    private static PreviewResult render(String zpl) {
        return ZplPreview.render(zpl, 203);
    }

    private static DrawnField only(PreviewResult r) {
        assertThat(r.drawnFields()).hasSize(1);
        return r.drawnFields().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Aztec ^BO|^BON,4,N,0,N,1,0|AZTEC|FloorGate Aztec 0123456789|FloorGate Aztec 0123456789",
        "Aztec ^B0 compact 3 layers|^B0N,3,N,103|AZTEC|SHORT|SHORT",
        "Aztec with 50% error correction|^BON,3,N,50|AZTEC|ECC FIFTY|ECC FIFTY",
        "UPC-E ^B9 from 10 digits|^B9N,100,Y,N,Y|UPCE|1230000045|01234531",
        "UPC-E ^B9 manufacturer ending 000|^B9N,100,Y,N,Y|UPCE|4210000526|04252614",
        // zxing leaves out Codabar's start and stop characters.
        "Codabar ^BK|^BKN,N,100,Y,N,A,B|CODABAR|12345-678|12345-678",
        "LOGMARS ^BL|^BLN,100,N|LOGMARS|LOG123|LOG123O",
        "PDF417 rows without columns|^B7N,6,3,,20|PDF417|PDF417 with twenty rows and no column count given|PDF417 with twenty rows and no column count given",
        "MaxiCode mode 4|^BD4,1,1|MAXICODE|MaxiCode mode four 123|MaxiCode mode four 123",
        "GS1 DataBar omnidirectional|^BRN,1,3,1,40|DATABAR|0950110153000|0950110153000",
    })
    void symbolDecodesToItsData(String name, String command, DrawnField.Kind kind, String data, String decoded) {
        PreviewResult r = render("^XA^FO100,100^BY3" + command + "^FD" + data + "^FS^XZ");

        assertThat(r.warnings()).isEmpty();
        assertThat(only(r).kind()).isEqualTo(kind);
        String read = BarcodeDecoding.decodeAll(r).get(0);
        if (kind == DrawnField.Kind.DATABAR) {
            assertThat(read).isEqualTo(decoded + "3");
        } else if (kind == DrawnField.Kind.LOGMARS) {
            // zxing returns Code 39 without verifying the check character, so it is part of the text.
            assertThat(read).isEqualTo(decoded);
        } else {
            assertThat(read).isEqualTo(decoded);
        }
    }

    @Test
    void maxiCodeMode2CarriesPostalCodeCountryAndClassOfService() {
        // A UPS-style label: class 001, country 840, 9-digit ZIP, then the [)>RS01GS96 message.
        String data = "001840152382802[)>_1E01_1D961Z00004951_1DUPSN_1D06X610_1D159_1D1234567_1D1/1_1D_1DY_1D"
                + "634 ALPHA DR_1DPITTSBURGH_1DPA_1E_04";
        PreviewResult r = render("^XA^FO100,100^BD2,1,1^FH^FD" + data + "^FS^XZ");

        assertThat(r.warnings()).isEmpty();
        DrawnField f = only(r);
        assertThat(f.kind()).isEqualTo(DrawnField.Kind.MAXICODE);
        // 1.11 x 1.054 in at 203 dpi, whatever the data.
        assertThat(f.width()).isBetween(224, 227);
        assertThat(f.height()).isBetween(212, 216);
        String read = BarcodeDecoding.decodeAll(r).get(0);
        assertThat(read).isEqualTo(f.data()).startsWith("[)>\u001e01\u001d96152382802\u001d840\u001d001\u001d1Z00004951");
    }

    @Test
    void eanAddOnIsDrawnAboveItsDigitsAndReadWithTheMainSymbol() {
        PreviewResult r = render("^XA^FO100,100^BY3^BEN,150,Y,N^FD978020137962^FS"
                + "^FO440,130^BY3^BSN,120,Y^FD51299^FS^XZ");

        assertThat(r.warnings()).isEmpty();
        assertThat(r.drawnFields()).extracting(DrawnField::kind)
                .containsExactly(DrawnField.Kind.EAN13, DrawnField.Kind.UPC_EAN_ADDON);
        com.google.zxing.Result read = BarcodeDecoding.decodeWithExtension(r.png());
        assertThat(read.getText()).isEqualTo("9780201379624");
        assertThat(read.getResultMetadata().get(com.google.zxing.ResultMetadataType.UPC_EAN_EXTENSION))
                .isEqualTo("51299");
    }

    /** Code 39: each character is 6 narrow and 3 wide elements plus a narrow gap; start and stop included. */
    @ParameterizedTest(name = "^BY{0},{1}")
    @CsvSource({"2,2.0", "2,3.0", "3,2.5", "1,2.2"})
    void code39WidthFollowsModuleAndRatio(int module, double ratio) {
        PreviewResult r = render("^XA^FO50,50^BY" + module + "," + ratio + "^B3N,N,80,N,N^FDABC123^FS^XZ");
        int chars = 6 + 2;
        int wide = (int) Math.round(ratio * module);
        assertThat(only(r).width()).isEqualTo(chars * (6 * module + 3 * wide) + (chars - 1) * module);
        assertThat(BarcodeDecoding.decodeAll(r)).containsExactly("ABC123");
    }

    /** Interleaved 2 of 5: start (4 narrow), per digit pair 6 narrow + 4 wide, stop (wide bar, 2 narrow). */
    @ParameterizedTest(name = "^BY{0},{1}")
    @CsvSource({"2,2.0", "2,3.0", "3,2.5"})
    void interleaved2of5WidthFollowsModuleAndRatio(int module, double ratio) {
        PreviewResult r = render("^XA^FO50,50^BY" + module + "," + ratio + "^B2N,80,N,N,N^FD12345678^FS^XZ");
        int wide = (int) Math.round(ratio * module);
        assertThat(only(r).width()).isEqualTo(4 * module + 4 * (6 * module + 4 * wide) + wide + 2 * module);
        assertThat(BarcodeDecoding.decodeAll(r)).containsExactly("12345678");
    }

    @Test
    void interleaved2of5CheckDigitIsAddedWhenAsked() {
        PreviewResult r = render("^XA^FO50,50^BY3^B2N,80,Y,N,Y^FD1234567^FS^XZ");
        assertThat(BarcodeDecoding.decodeAll(r)).containsExactly("12345670");
    }

    @Test
    void upcEThatCannotBeZeroSuppressedIsAWarningNotAPicture() {
        PreviewResult r = render("^XA^FO50,50^B9N,80^FD1234567890^FS^XZ");
        assertThat(r.drawnFields()).isEmpty();
        assertThat(r.warnings()).containsExactly("^B9: 1234567890 has no zero-suppressed UPC-E form; not drawn");
    }

    @Test
    void barcodeThePreviewCannotDrawIsNotPrintedAsText() {
        // CODABLOCK A (Code 39 rows) is the one barcode form left that the preview reports instead of drawing.
        PreviewResult r = render("^XA^FO50,50^BBN,8,Y,,,A^FDCODABLOCK A DATA THAT WOULD BE A LONG LINE^FS^XZ");
        assertThat(r.drawnFields()).isEmpty();
        assertThat(r.warnings()).containsExactly("^BB: CODABLOCK A (mode A) is not previewed; not drawn");
    }

    @Test
    void drawnSymbolsStayOnTheLabel() {
        for (String cmd : List.of("^BON,4", "^BD4", "^BKN,N,80", "^B1N,N,80", "^BIN,80", "^BJN,80",
                "^BMN,B,80", "^BPN,N,80", "^BZN,40,Y,N,0", "^BZN,40,N,N,1", "^B5N,40")) {
            PreviewResult r = render("^XA^PW812^FO10,10^BY2" + cmd + "^FD0123456789^FS^XZ");
            assertThat(r.drawnFields()).as(cmd).hasSize(1);
            DrawnField f = r.drawnFields().get(0);
            assertThat(f.left() + f.width()).as(cmd).isLessThanOrEqualTo(812);
        }
    }

    @Test
    void uspsIntelligentMailIsDrawnAsFourStateBars() {
        PreviewResult r = render("^XA^FO20,20^BY2^BZN,40,N,N,3^FD0123456709498765432101234567891^FS^XZ");
        assertThat(r.warnings()).isEmpty();
        assertThat(only(r).kind()).isEqualTo(DrawnField.Kind.USPS_IMB);
        // 65 bars, all of which cross the tracker line in the middle.
        DrawnField f = only(r);
        java.awt.image.BufferedImage img = BarcodeDecoding.image(r.png());
        int y = f.top() + f.height() / 2;
        int bars = 0;
        boolean inBar = false;
        for (int x = f.left(); x < f.left() + f.width(); x++) {
            boolean black = (img.getRGB(x, y) & 0xffffff) == 0;
            bars += black && !inBar ? 1 : 0;
            inBar = black;
        }
        assertThat(bars).isEqualTo(65);
    }
}
