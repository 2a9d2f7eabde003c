package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The renderer on its own: commands it draws, warnings for the rest, and no crash on any input. */
class ZplPreviewTest {
    @Test
    void unknownAndUnsupportedCommandsBecomeWarnings() {
        PreviewResult r = ZplPreview.render("^XA^ZQ1,2^FO10,10^A0N,30,30^FDHi^FS^IL:X.GRF^FS~QQ^ZQ^MMT~HS^XZ", 203);

        assertThat(r.warnings()).containsExactly("unknown command ^ZQ ignored (2 times)", "^IL is not previewed",
                "control command ~QQ ignored by the preview");
        assertThat(r.drawnFields()).containsExactly(new DrawnField(DrawnField.Kind.TEXT, 10, 10, "Hi"));
        assertThat(r.labelCount()).isEqualTo(1);
    }

    @Test
    void defaultCanvasIsFourBySixInchesAtTheGivenResolution() {
        assertThat(size(ZplPreview.render("^XA^XZ", 203))).containsExactly(812, 1219);
        assertThat(size(ZplPreview.render("^XA^XZ", 300))).containsExactly(1219, 1828);
        assertThat(size(ZplPreview.render("^XA^PW400^LL200^XZ", 203))).containsExactly(400, 200);
        assertThat(size(ZplPreview.render("^XA^PW400^LL200^XZ", 203, 600, 300))).containsExactly(600, 300);
    }

    @Test
    void canvasIsBoundedWithAWarning() {
        PreviewResult r = ZplPreview.render("^XA^PW32000^LL32000^FO0,0^GB32000,32000,32000^FS^XZ", 203);
        assertThat(size(r)).containsExactly(2438, 4876);
        assertThat(r.warnings()).containsExactly("label of 32000 x 32000 dots clipped to 2438 x 4876");
    }

    @Test
    void misuseIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> ZplPreview.render(null, 203)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ZPL to preview is null");
        assertThatThrownBy(() -> ZplPreview.render("^XA^XZ", 250)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dpi 250 is not a Zebra head resolution (152, 203, 300 or 600)");
        assertThatThrownBy(() -> ZplPreview.render("^XA^XZ", 203, 5000, 100))
                .hasMessage("label size 5000 x 100 dots is outside 1..2438 x 1..4876 (12.0 x 24.0 in at 203 dpi)");
        assertThatThrownBy(() -> ZplPreview.render("x".repeat(101), 203, 0, 0,
                PreviewOptions.defaults().withMaxInputChars(100)))
                .hasMessage("ZPL of 101 characters exceeds maxInputChars 100");
    }

    @Test
    void labelCountCountsFormatsAndOnlyTheFirstIsDrawn() {
        PreviewResult r = ZplPreview.render("^XA^FO1,1^FDone^FS^XZ\n^XA^FO1,1^FDtwo^FS^XZ\u0002^FO1,1^FDthree^FS\u0003", 203);
        assertThat(r.labelCount()).isEqualTo(3);
        assertThat(r.drawnFields()).extracting(DrawnField::data).containsExactly("one");

        PreviewResult none = ZplPreview.render("^FO10,10^FDno format^FS", 203);
        assertThat(none.labelCount()).isZero();
        assertThat(none.drawnFields()).isEmpty();
        assertThat(none.warnings()).containsExactly("no ^XA label format found; nothing to draw");
    }

    @Test
    void hexEscapesAreDecodedAsUtf8UnderCi28() {
        String text = "Grüße €5 ^XZ_~ 東京";
        PreviewResult r = ZplPreview.render("^XA^CI28^FO10,10^A0N,30,30^FH^FD" + ZplEscaper.fieldData(text)
                + "^FS^FO10,60^FH\\^FD\\41\\42^FS^XZ", 203);
        assertThat(r.drawnFields()).extracting(DrawnField::data).containsExactly(text, "AB");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void boxesAndLinesArePaintedWhereTheySay() {
        BufferedImage img = BarcodeDecoding.image(ZplPreview.render(
                "^XA^PW200^LL200^FO10,10^GB100,50,5^FS^FO0,150^GB200,4,4^FS^LH20,0^FO100,100^GB10,10,10^FS^XZ", 203)
                .png());
        assertThat(black(img, 10, 10)).isTrue();
        assertThat(black(img, 109, 59)).isTrue();
        assertThat(black(img, 14, 14)).isTrue();
        assertThat(black(img, 15, 15)).isFalse();
        assertThat(black(img, 50, 30)).isFalse();
        assertThat(black(img, 110, 60)).isFalse();
        assertThat(black(img, 199, 153)).isTrue();
        assertThat(black(img, 199, 154)).isFalse();
        assertThat(black(img, 120, 100)).isTrue();
        assertThat(black(img, 119, 100)).isFalse();
    }

    @Test
    void reverseFieldInvertsWhatIsUnderIt() {
        BufferedImage img = BarcodeDecoding.image(ZplPreview.render(
                "^XA^PW100^LL100^FO0,0^GB100,50,50^FS^FO0,25^FR^GB100,50,50^FS^XZ", 203).png());
        assertThat(black(img, 50, 10)).isTrue();
        assertThat(black(img, 50, 40)).isFalse();
        assertThat(black(img, 50, 60)).isTrue();
        assertThat(black(img, 50, 90)).isFalse();
    }

    @Test
    void graphicFieldWithZplCompressionIsDecoded() {
        // 16 x 4 dots: row 0 all black ("!"), row 1 left half ("FF,"), row 2 repeats row 1 (":"),
        // row 3 is 00FF written with the count letter H (= 2 of the next digit): "H0HF".
        BufferedImage img = BarcodeDecoding.image(ZplPreview.render(
                "^XA^PW64^LL64^FO8,8^GFA,8,8,2,!FF,:H0HF^FS^XZ", 203).png());
        for (int x = 8; x < 24; x++) {
            assertThat(black(img, x, 8)).as("row 0 x %d", x).isTrue();
            assertThat(black(img, x, 9)).as("row 1 x %d", x).isEqualTo(x < 16);
            assertThat(black(img, x, 10)).as("row 2 x %d", x).isEqualTo(x < 16);
            assertThat(black(img, x, 11)).as("row 3 x %d", x).isEqualTo(x >= 16);
        }
        assertThat(black(img, 8, 12)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Code 128 rotated|^FO100,100^BY2^BCR,100,Y,N,N^FD12345ABC^FS|12345ABC|CODE128",
        "Code 128 inverted, typeset origin|^FT400,400^BY2^BCI,100,N,N,N^FDinverted^FS|inverted|CODE128",
        "Code 128 GS1 mode D|^FO50,50^BY2^BCN,100,Y,N,N,D^FD(01)09501101530003(10)AB1^FS|]C10109501101530003" + "10AB1|CODE128",
        "Code 128 UCC case mode|^FO50,50^BY2^BCN,100,Y,N,N,U^FD0010614141123456789^FS|]C100106141411234567897|CODE128",
        "Code 39 with check digit|^FO50,50^BY2^B3N,Y,100,Y,N^FDABC-123^FS|ABC-123W|CODE39",
        "EAN-13 from 12 digits|^FO50,50^BY2^BEN,100,Y,N^FD590123412345^FS|5901234123457|EAN13",
        "UPC-A|^FO50,50^BY2^BUN,100,Y,N^FD03600029145^FS|036000291452|UPCA",
        "Interleaved 2 of 5|^FO50,50^BY3^B2N,100,Y,N^FD1234567890^FS|1234567890|INTERLEAVED_2OF5",
        "QR manual byte mode|^FO50,50^BQN,2,6^FDHM,B0011hello world^FS|hello world|QR",
        "QR UTF-8|^FO50,50^BQN,2,6^FH^FDQA,_C3_A9t_C3_A9 _E2_82_AC^FS|été €|QR",
        "Data Matrix GS1|^FO50,50^BXN,8,200^FD_1010950110153000310ABC_121S1^FS|]d20109501101530003" + "10ABC\u001d21S1|DATA_MATRIX",
        "Data Matrix escaped escape|^FO50,50^BXN,8,200^FDa__b^FS|a_b|DATA_MATRIX",
        "PDF417|^FO50,50^BY2^B7N,6,3^FDcarrier 1Z999^FS|carrier 1Z999|PDF417"})
    void barcodesDecodeBack(String name, String fields, String expected, String kind) {
        PreviewResult r = ZplPreview.render("^XA^CI28" + fields + "^XZ", 203, 812, 812);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.drawnFields()).hasSize(1);
        assertThat(r.drawnFields()).extracting(DrawnField::kind).containsExactly(DrawnField.Kind.valueOf(kind));
        assertThat(BarcodeDecoding.decodeAll(r)).containsExactly(expected);
    }

    @Test
    void fieldBlockWrapsAndJustifies() {
        PreviewResult r = ZplPreview.render("^XA^FO10,10^FB200,3,0,C^A0N,30,30^FDone two three four five six seven eight"
                + " nine ten eleven^FS^XZ", 203);
        assertThat(r.drawnFields()).hasSize(1);
        BufferedImage img = BarcodeDecoding.image(r.png());
        assertThat(inkRows(img, 0, 10)).isZero();
        assertThat(inkRows(img, 10, 100)).isGreaterThan(60);
        assertThat(inkRows(img, 101, 400)).isZero();
        assertThat(inkColumns(img, 211, 812)).isZero();
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(20250630L);
        String shipping = TemplateCatalog.builtIn().find("shipping-4x6").orElseThrow()
                .render(TemplateCatalog.builtIn().find("shipping-4x6").orElseThrow().sampleData(), 1).zpl();
        String[] pieces = {"^XA", "^XZ", "^FO", "^FT", "^A0", "^BC", "^BQ", "^BX", "^B7", "^GB", "^GF", "^FH", "^FD",
            "^FS", "^FB", "^CI", "^BY", "^LH", "^PW", "^LL", "^CC", "~CT", ",", "-1", "99999999", "32000", "A", ":",
            "_", ">", ">;", "QA,", "\u0002", "\u0003", "\n", "Z64:", "^FR", "^LR", "^GC", "^A@", "R", "I", "B"};
        for (int round = 0; round < 150; round++) {
            String input;
            if (round % 3 == 0) {
                byte[] bytes = new byte[random.nextInt(4000)];
                random.nextBytes(bytes);
                input = new String(bytes, StandardCharsets.ISO_8859_1);
            } else if (round % 3 == 1) {
                StringBuilder sb = new StringBuilder();
                for (int i = random.nextInt(200); i > 0; i--) {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                    if (random.nextBoolean()) {
                        sb.append(random.nextInt(2000)).append(',').append(random.nextInt(2000));
                    }
                }
                input = sb.toString();
            } else {
                StringBuilder sb = new StringBuilder(shipping);
                for (int i = random.nextInt(20); i > 0; i--) {
                    int at = random.nextInt(sb.length());
                    if (random.nextBoolean()) {
                        sb.deleteCharAt(at);
                    } else {
                        sb.insert(at, pieces[random.nextInt(pieces.length)]);
                    }
                }
                input = sb.toString();
            }
            PreviewResult r = ZplPreview.render(input, random.nextBoolean() ? 203 : 300);
            if (round % 10 == 0) {
                assertThat(BarcodeDecoding.image(r.png()).getWidth()).isEqualTo(r.widthPx());
            }
            assertThat(r.warnings().size()).isLessThanOrEqualTo(PreviewOptions.DEFAULT_MAX_WARNINGS + 1);
        }
    }

    @Test
    void warningsAndFieldsAreBounded() {
        String many = "^XA" + "^ZQ".repeat(10) + "^Z1^Z2^Z3^Z4^Z5" + "^FO1,1^GB2,2,1^FS".repeat(50) + "^XZ";
        PreviewResult r = ZplPreview.render(many, 203, 0, 0,
                PreviewOptions.defaults().withMaxWarnings(3).withMaxFields(20));
        assertThat(r.drawnFields()).hasSize(20);
        assertThat(r.warnings()).containsExactly("unknown command ^ZQ ignored (10 times)", "unknown command ^Z1 ignored",
                "unknown command ^Z2 ignored", "33 more warnings not shown (limit 3 distinct warnings)");
    }

    private static int[] size(PreviewResult r) {
        BufferedImage img = BarcodeDecoding.image(r.png());
        assertThat(img.getWidth()).isEqualTo(r.widthPx());
        assertThat(img.getHeight()).isEqualTo(r.heightPx());
        return new int[] {r.widthPx(), r.heightPx()};
    }

    private static boolean black(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xFFFFFF) == 0;
    }

    private static int inkRows(BufferedImage img, int from, int to) {
        int rows = 0;
        for (int y = from; y < Math.min(to, img.getHeight()); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (black(img, x, y)) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    private static int inkColumns(BufferedImage img, int from, int to) {
        int cols = 0;
        for (int x = from; x < Math.min(to, img.getWidth()); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (black(img, x, y)) {
                    cols++;
                    break;
                }
            }
        }
        return cols;
    }

}
