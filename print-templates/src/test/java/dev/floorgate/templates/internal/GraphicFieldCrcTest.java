package dev.floorgate.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.templates.DrawnField;
import dev.floorgate.templates.PreviewResult;
import dev.floorgate.templates.ZplPreview;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@code :Z64:} and {@code :B64:} graphics carry a CRC-16 over their base64 characters (ZPL II Programming Guide,
 * "ZB64 Encoding and Compression"); the printer drops a graphic whose CRC does not match, so the preview must not
 * show it as if it would print.
 */
class GraphicFieldCrcTest {
    /** A 16 x 16 dot black square: 2 bytes per row, 16 rows. */
    private static final byte[] SQUARE = filled(32);

    @Test
    void crcIsCrc16XmodemWithItsCatalogueCheckValue() {
        // The CRC catalogue's check value for CRC-16/XMODEM: the CRC of the ASCII string "123456789".
        assertThat(GraphicFieldDecoder.crc16Xmodem("123456789")).isEqualTo(0x31C3);
        assertThat(GraphicFieldDecoder.crc16Xmodem("")).isZero();
    }

    @Test
    void z64WithItsCrcIsDrawnInUpperOrLowerCaseHex() throws IOException {
        String text = Base64.getEncoder().encodeToString(zlib(SQUARE));
        for (String crc : new String[] {crcOf(text), crcOf(text).toLowerCase(Locale.ROOT)}) {
            PreviewResult r = preview(":Z64:" + text + ":" + crc);
            assertThat(r.warnings()).isEmpty();
            assertThat(graphics(r)).isEqualTo(1);
            assertThat(blackDotsIn(r)).isEqualTo(256);
        }
    }

    @Test
    void b64WithLineBreaksIsCheckedOverTheCharactersWithoutThem() {
        String text = Base64.getEncoder().encodeToString(SQUARE);
        String broken = text.substring(0, 10) + "\r\n" + text.substring(10);
        PreviewResult r = preview(":B64:" + broken + ":" + crcOf(text));
        assertThat(r.warnings()).isEmpty();
        assertThat(blackDotsIn(r)).isEqualTo(256);
    }

    @Test
    void aWrongCrcIsNotDrawnAndSaysWhy() throws IOException {
        String text = Base64.getEncoder().encodeToString(zlib(SQUARE));
        String wrong = String.format("%04X", GraphicFieldDecoder.crc16Xmodem(text) ^ 0x0101);
        PreviewResult r = preview(":Z64:" + text + ":" + wrong);
        assertThat(graphics(r)).isZero();
        assertThat(blackDotsIn(r)).isZero();
        assertThat(r.warnings()).containsExactly("^GF: :Z64: CRC " + wrong + " does not match the data's "
                + crcOf(text) + "; the printer drops this graphic, so it is not drawn");
    }

    @Test
    void aCrcThatIsNotFourHexDigitsIsABrokenDownload() {
        String text = Base64.getEncoder().encodeToString(SQUARE);
        PreviewResult r = preview(":B64:" + text + ":XYZ");
        assertThat(graphics(r)).isZero();
        assertThat(r.warnings()).singleElement().asString().contains("CRC 'XYZ' (not four hex digits)");
    }

    @Test
    void dataWithoutACrcIsDrawnAsBefore() throws IOException {
        PreviewResult r = preview(":Z64:" + Base64.getEncoder().encodeToString(zlib(SQUARE)));
        assertThat(r.warnings()).isEmpty();
        assertThat(blackDotsIn(r)).isEqualTo(256);
    }

    @Test
    void aStoredGraphicWithAWrongCrcIsNotRecalled() {
        String text = Base64.getEncoder().encodeToString(SQUARE);
        String zpl = "~DGR:BOX.GRF,32,2,:B64:" + text + ":0000\n^XA^FO20,20^XGR:BOX.GRF,1,1^FS^XZ";
        PreviewResult bad = ZplPreview.render(zpl, 203);
        assertThat(blackDotsIn(bad)).isZero();
        assertThat(bad.warnings()).anySatisfy(w -> assertThat(w).contains("CRC 0000 does not match"));

        PreviewResult good = ZplPreview.render(zpl.replace(":0000", ":" + crcOf(text)), 203);
        assertThat(blackDotsIn(good)).isEqualTo(256);
    }

    private static PreviewResult preview(String data) {
        return ZplPreview.render("^XA^PW100^LL100^FO20,20^GFA,32,32,2," + data + "^FS^XZ", 203);
    }

    private static long graphics(PreviewResult r) {
        return r.drawnFields().stream().filter(f -> f.kind() == DrawnField.Kind.GRAPHIC).count();
    }

    private static String crcOf(String text) {
        return String.format("%04X", GraphicFieldDecoder.crc16Xmodem(text));
    }

    private static int blackDotsIn(PreviewResult r) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.png()));
            int black = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if ((img.getRGB(x, y) & 0xFFFFFF) == 0) {
                        black++;
                    }
                }
            }
            return black;
        } catch (IOException e) {
            throw new IllegalStateException("preview PNG unreadable", e);
        }
    }

    private static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }
}
