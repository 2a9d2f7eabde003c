package dev.floorgate.templates;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/** Reads a preview PNG back with zxing, the way a scanner would read the printed label. */
final class BarcodeDecoding {
    static final char GS = '\u001d';

    private BarcodeDecoding() {
    }

    static BufferedImage image(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not a PNG ImageIO can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every barcode of the given formats in the PNG, as text. GS1 symbols (FNC1 first) read as {@code ]C1},
     * {@code ]d2} or {@code ]Q3} followed by the element string with GS separators, as a GS1 scanner sends them.
     */
    static List<String> decodeAll(byte[] png, Set<BarcodeFormat> formats) {
        BufferedImage image = image(png);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, EnumSet.copyOf(formats));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        List<String> out = new ArrayList<>();
        try {
            for (Result r : new GenericMultipleBarcodeReader(new MultiFormatReader()).decodeMultiple(bitmap, hints)) {
                out.add(text(r));
            }
        } catch (NotFoundException e) {
            return out;
        }
        return out;
    }

    /**
     * Decodes every barcode the preview says it drew, each from the part of the picture around the box it
     * reports (zxing's Data Matrix detector searches outward from the image centre, so a small symbol in the
     * corner of a large label is only found in its own region). Returns the texts in drawing order; a symbol
     * that does not decode is reported as "UNREADABLE kind@x,y".
     */
    static List<String> decodeAll(PreviewResult preview) {
        BufferedImage image = image(preview.png());
        List<String> out = new ArrayList<>();
        for (DrawnField f : preview.drawnFields()) {
            Set<BarcodeFormat> formats = formatsOf(f.kind());
            if (formats.isEmpty()) {
                continue;
            }
            // The symbol's own box on white paper: neighbouring symbols cannot be read instead of it.
            BufferedImage region = pure(image, f);
            Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
            hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
            hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
            hints.put(DecodeHintType.POSSIBLE_FORMATS, EnumSet.copyOf(formats));
            if (f.kind() == DrawnField.Kind.MAXICODE) {
                // zxing reads MaxiCode only as a "pure" symbol.
                hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
            }
            try {
                out.add(text(new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new BufferedImageLuminanceSource(region))), hints)));
            } catch (NotFoundException e) {
                out.add("UNREADABLE " + f.kind() + "@" + f.x() + "," + f.y());
            }
        }
        return out;
    }

    /** One EAN/UPC symbol with its add-on, which zxing reads only together with the main symbol. */
    static Result decodeWithExtension(byte[] png) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.ALLOWED_EAN_EXTENSIONS, new int[] {2, 5});
        hints.put(DecodeHintType.POSSIBLE_FORMATS, EnumSet.of(BarcodeFormat.EAN_13, BarcodeFormat.UPC_A,
                BarcodeFormat.UPC_E, BarcodeFormat.EAN_8));
        try {
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image(png)))), hints);
        } catch (NotFoundException e) {
            throw new AssertionError("no EAN/UPC symbol found", e);
        }
    }

    /** The symbol's box alone on white paper with a quiet zone, as zxing's pure-barcode MaxiCode reader wants. */
    private static BufferedImage pure(BufferedImage image, DrawnField f) {
        int q = 40;
        BufferedImage out = new BufferedImage(f.width() + 2 * q, f.height() + 2 * q, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int left = Math.max(0, f.left());
        int top = Math.max(0, f.top());
        int w = Math.min(f.left() + f.width(), image.getWidth()) - left;
        int h = Math.min(f.top() + f.height(), image.getHeight()) - top;
        if (w > 0 && h > 0) {
            g.drawImage(image.getSubimage(left, top, w, h), q + left - f.left(), q + top - f.top(), null);
        }
        g.dispose();
        return out;
    }

    /**
     * The text a GS1 scanner would send: zxing puts {@code ]C1} into the text of GS1-128 itself, but reports
     * {@code ]d2} (GS1 Data Matrix) and {@code ]Q3} (GS1 QR) only in the metadata and returns the leading FNC1
     * as a GS character, so those are normalised here.
     */
    private static String text(Result r) {
        Object id = r.getResultMetadata() == null ? null
                : r.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
        String text = r.getText();
        if (("]d2".equals(id) || "]Q3".equals(id)) && !text.startsWith((String) id)) {
            return id + (text.startsWith(String.valueOf(GS)) ? text.substring(1) : text);
        }
        return text;
    }

    private static Set<BarcodeFormat> formatsOf(DrawnField.Kind kind) {
        switch (kind) {
            case CODE128:
                return EnumSet.of(BarcodeFormat.CODE_128);
            case CODE39:
                return EnumSet.of(BarcodeFormat.CODE_39);
            case CODE93:
                return EnumSet.of(BarcodeFormat.CODE_93);
            case EAN13:
                return EnumSet.of(BarcodeFormat.EAN_13);
            case EAN8:
                return EnumSet.of(BarcodeFormat.EAN_8);
            case UPCA:
                return EnumSet.of(BarcodeFormat.UPC_A);
            case INTERLEAVED_2OF5:
                return EnumSet.of(BarcodeFormat.ITF);
            case QR:
                return EnumSet.of(BarcodeFormat.QR_CODE);
            case DATA_MATRIX:
                return EnumSet.of(BarcodeFormat.DATA_MATRIX);
            case PDF417:
                return EnumSet.of(BarcodeFormat.PDF_417);
            case UPCE:
                return EnumSet.of(BarcodeFormat.UPC_E);
            case AZTEC:
                return EnumSet.of(BarcodeFormat.AZTEC);
            case MAXICODE:
                return EnumSet.of(BarcodeFormat.MAXICODE);
            case CODABAR:
                return EnumSet.of(BarcodeFormat.CODABAR);
            case LOGMARS:
                return EnumSet.of(BarcodeFormat.CODE_39);
            case DATABAR:
                return EnumSet.of(BarcodeFormat.RSS_14, BarcodeFormat.RSS_EXPANDED);
            default:
                return EnumSet.noneOf(BarcodeFormat.class);
        }
    }
}
