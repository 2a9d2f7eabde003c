package dev.floorgate.templates.internal;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.oned.Code93Writer;
import com.google.zxing.oned.EAN13Writer;
import com.google.zxing.oned.EAN8Writer;
import com.google.zxing.oned.OneDimensionalCodeWriter;
import com.google.zxing.pdf417.encoder.PDF417;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import dev.floorgate.templates.DrawnField;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds the {@link Symbol} for a barcode field with zxing, from the barcode command, the decoded field data
 * and the {@code ^BY} defaults, so that what the preview shows decodes back to what the printer would encode.
 * Data a symbology cannot carry yields a warning and no symbol, never an exception.
 */
final class BarcodePainter {
    /** ^BY state and the printer resolution, as the interpreter holds them. */
    static final class Defaults {
        final int moduleWidth;
        final double ratio;
        final int height;
        final int dpi;

        Defaults(int moduleWidth, double ratio, int height, int dpi) {
            this.moduleWidth = moduleWidth;
            this.ratio = ratio;
            this.height = height;
            this.dpi = dpi;
        }
    }

    private final PreviewWarnings warnings;
    private final LinearSymbols linear;
    private final MatrixSymbols matrix;
    private final StackedSymbols stacked;

    BarcodePainter(PreviewWarnings warnings) {
        this.warnings = warnings;
        this.linear = new LinearSymbols(warnings);
        this.matrix = new MatrixSymbols(warnings);
        this.stacked = new StackedSymbols(warnings);
    }

    /** True for the barcode commands this painter draws. */
    static boolean supports(String code) {
        switch (code) {
            case "BC": case "B3": case "BA": case "BE": case "B8": case "BU": case "B2": case "BQ": case "BX":
            case "B7": case "BO": case "B0": case "BD": case "B9": case "BS": case "BK": case "B1": case "BI":
            case "BJ": case "BL": case "BM": case "BP": case "BR": case "BZ": case "B5": case "B4": case "BB":
            case "BF": case "BT":
                return true;
            default:
                return false;
        }
    }

    /** Orientation parameter index 0 of every barcode command; ^BB and ^BT default to N, not the ^FW value. */
    static char orientation(ZplCommand cmd, char fallback) {
        String p = cmd.cleanParams();
        char def = cmd.code().equals("BB") || cmd.code().equals("BT") ? 'N' : fallback;
        return Placement.orientation(p.isEmpty() ? "" : p.substring(0, 1), def);
    }

    Symbol symbol(ZplCommand cmd, String data, Defaults by) {
        if (data.isEmpty()) {
            return null;
        }
        Params p = Params.of(cmd, warnings);
        try {
            switch (cmd.code()) {
                case "BC":
                    return code128(p, data, by);
                case "B3":
                    return linear.code39(data, p.yes(1, false), p.integer(2, by.height, 1, 32000), p.yes(3, true),
                            p.yes(4, false), by, DrawnField.Kind.CODE39);
                case "BL":
                    return linear.code39(data, true, p.integer(1, by.height, 1, 32000), true, p.yes(2, false), by,
                            DrawnField.Kind.LOGMARS);
                case "BA":
                    return linear(DrawnField.Kind.CODE93, new Code93Writer(), data, data, p, 1, by);
                case "BE":
                    return ean(DrawnField.Kind.EAN13, new EAN13Writer(), data, 12, p, by);
                case "B8":
                    return ean(DrawnField.Kind.EAN8, new EAN8Writer(), data, 7, p, by);
                case "BU":
                    return ean(DrawnField.Kind.UPCA, new EAN13Writer(), data, 11, p, by);
                case "B2":
                    return linear.interleaved2of5(data, p.integer(1, by.height, 1, 32000), p.yes(2, true),
                            p.yes(3, false), p.yes(4, false), by);
                case "B9":
                    return linear.upcE(data, p.integer(1, by.height, 1, 32000), p.yes(2, true), p.yes(3, false), by);
                case "BS":
                    return linear.addOn(data, p.integer(1, by.height, 1, 32000), p.yes(2, true), by);
                case "BK":
                    return linear.codabar(data, p.letter(5, 'A'), p.letter(6, 'A'), p.integer(2, by.height, 1, 32000),
                            p.yes(3, true), p.yes(4, false), by);
                case "B1":
                    return linear.code11(data, p.yes(1, false), p.integer(2, by.height, 1, 32000), p.yes(3, true),
                            p.yes(4, false), by);
                case "BI":
                case "BJ":
                    return linear.twoOf5(cmd.code().equals("BI"), data, p.integer(1, by.height, 1, 32000),
                            p.yes(2, true), p.yes(3, false), by);
                case "BM":
                    return linear.msi(data, p.letter(1, 'B'), p.integer(2, by.height, 1, 32000), p.yes(3, true),
                            p.yes(4, false), by);
                case "BP":
                    return linear.plessey(data, p.integer(2, by.height, 1, 32000), p.yes(3, true), p.yes(4, false),
                            by);
                case "BZ":
                    // t = 0 POSTNET, 1 PLANET, 3 USPS Intelligent Mail.
                    return matrix.postal(data, p.integer(1, by.height, 1, 32000), p.yes(2, false), p.yes(3, false),
                            p.integer(4, 0, 0, 3), by.moduleWidth);
                case "B5":
                    // ^B5o,h,f,g: PLANET Code.
                    return matrix.postal(data, p.integer(1, by.height, 1, 32000), p.yes(2, false), p.yes(3, false),
                            1, by.moduleWidth);
                case "BO":
                case "B0":
                    return matrix.aztec(data, p.integer(1, defaultMagnification(by.dpi), 1, 10),
                            p.integer(3, 0, 0, 300));
                case "BD":
                    return matrix.maxiCode(data, p.integer(0, 2, 2, 6), p.integer(1, 1, 1, 8), p.integer(2, 1, 1, 8),
                            by.dpi);
                case "BR":
                    return matrix.dataBar(data, p.integer(1, 1, 1, 12), p.integer(2, by.dpi < 300 ? 2 : 3, 1, 10),
                            p.integer(4, 25, 1, 32000));
                case "BQ":
                    return qr(p, data, by);
                case "BX":
                    return dataMatrix(p, data, by);
                case "B7":
                    return pdf417(p, data, by);
                case "B4":
                    return stacked.code49(data, p.integer(1, by.height, 1, 32000), p.letter(2, 'N'),
                            p.letter(3, 'A'), by.moduleWidth);
                case "BB":
                    return stacked.codablock(data, p.has(1) ? p.integer(1, 8, 2, 32000) : 0, p.yes(2, true),
                            p.integer(3, 0, 0, 62), p.integer(4, 0, 0, 44), p.letter(5, 'F'), by.moduleWidth,
                            by.height);
                case "BF":
                    return stacked.microPdf417(data, p.integer(1, by.height, 1, 9999), p.integer(2, 0, 0, 33),
                            by.moduleWidth);
                case "BT":
                    return tlc39(p, data, by);
                default:
                    warnings.add("barcode " + cmd.label() + " is not previewed");
                    return null;
            }
        } catch (IllegalArgumentException | WriterException | ArrayIndexOutOfBoundsException
                | uk.org.okapibarcode.backend.OkapiException e) {
            warnings.add(cmd.label() + ": data '" + Params.shorten(data) + "' cannot be encoded (" + e.getMessage()
                    + ")");
            return null;
        }
    }

    private Symbol code128(Params p, String data, Defaults by) {
        int height = p.integer(1, by.height, 1, 32000);
        boolean hri = p.yes(2, true);
        boolean above = p.yes(3, false);
        char mode = p.letter(5, 'N');
        Code128Content c = Code128Content.of(data, mode, warnings);
        if (c.content.isEmpty()) {
            return null;
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        if (c.codeSet != 0) {
            hints.put(EncodeHintType.FORCE_CODE_SET, String.valueOf(c.codeSet));
        }
        boolean[] bars;
        try {
            bars = new Code128Writer().encode(c.content, hints);
        } catch (IllegalArgumentException e) {
            // The printer would mark the bad pair; the preview falls back to zxing's own code sets.
            bars = new Code128Writer().encode(c.content);
        }
        String shown = c.content.charAt(0) == Code128Content.FNC1 ? c.content.substring(1) : c.content;
        return Symbol.linear(DrawnField.Kind.CODE128, shown.replace(Code128Content.FNC1, '\u001d'), bars,
                by.moduleWidth, height, hri ? c.humanReadable : null, above);
    }

    private Symbol linear(DrawnField.Kind kind, OneDimensionalCodeWriter writer, String content, String human,
            Params p, int heightIndex, Defaults by) {
        int height = p.integer(heightIndex, by.height, 1, 32000);
        boolean hri = p.yes(heightIndex + 1, true);
        boolean above = p.yes(heightIndex + 2, false);
        boolean[] bars = writer.encode(content);
        return Symbol.linear(kind, content, bars, by.moduleWidth, height, hri ? human : null, above);
    }

    /** EAN/UPC: the printer takes the data digits (extra cut, short left-padded with zeros) and adds the check. */
    private Symbol ean(DrawnField.Kind kind, OneDimensionalCodeWriter writer, String data, int digits, Params p,
            Defaults by) {
        StringBuilder d = new StringBuilder(digits + 1);
        for (int i = 0; i < data.length() && d.length() < digits; i++) {
            char c = data.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            } else {
                warnings.add(kind + ": non-digit '" + Code128Content.printable(c) + "' left out");
            }
        }
        while (d.length() < digits) {
            d.insert(0, '0');
        }
        d.append(Code128Content.gs1CheckDigit(d));
        // UPC-A is an EAN-13 whose first digit is 0: same bars, so the EAN-13 writer draws it.
        String encoded = kind == DrawnField.Kind.UPCA ? "0" + d : d.toString();
        Symbol s = linear(kind, writer, encoded, d.toString(), p, 1, by);
        return new Symbol(kind, d.toString(), s.rows, s.moduleWidth, s.rowHeight, s.humanReadable,
                s.humanReadableAbove);
    }

    /** QR and Aztec magnification when none is given: 1 at 150 dpi, 2 at 200, 3 at 300, 6 at 600. */
    private static int defaultMagnification(int dpi) {
        return dpi < 200 ? 1 : dpi < 300 ? 2 : dpi < 600 ? 3 : 6;
    }

    /** {@code ^BQa,b,c,d,e}; the data starts with the switches {@code <ECC><input>,} (PROTOCOLS.md 1.3). */
    private Symbol qr(Params p, String data, Defaults by) throws WriterException {
        int magnification = p.integer(2, defaultMagnification(by.dpi), 1, 100);
        int mask = p.integer(4, 7, 0, 7);
        String text = data;
        if (text.startsWith("D") && text.indexOf(',') > 0) {
            warnings.add("^BQ: mixed mode (D) previewed as one symbol");
            text = text.substring(text.indexOf(',') + 1);
        }
        ErrorCorrectionLevel level = ErrorCorrectionLevel.M;
        if (text.length() >= 3 && "HQML".indexOf(text.charAt(0)) >= 0 && "AM".indexOf(text.charAt(1)) >= 0
                && text.charAt(2) == ',') {
            level = ErrorCorrectionLevel.valueOf(String.valueOf(text.charAt(0)));
            boolean manual = text.charAt(1) == 'M';
            text = text.substring(3);
            if (manual && !text.isEmpty()) {
                char mode = text.charAt(0);
                if (mode == 'B' && text.length() >= 5) {
                    text = text.substring(5);
                } else if (mode == 'N' || mode == 'A' || mode == 'K') {
                    text = text.substring(1);
                }
            }
        } else {
            warnings.add("^BQ: field data should begin with switches such as 'QA,'; whole data previewed");
        }
        if (text.isEmpty()) {
            return null;
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        ByteMatrix m = Encoder.encode(text, level, hints).getMatrix();
        boolean[][] rows = new boolean[m.getHeight()][m.getWidth()];
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                rows[y][x] = m.get(x, y) == 1;
            }
        }
        return new Symbol(DrawnField.Kind.QR, text, rows, magnification, magnification, null, false);
    }

    /** {@code ^BXo,h,s,c,r,f,g,a}: ECC 200 with the escape sequences of PROTOCOLS.md 1.3. */
    private Symbol dataMatrix(Params p, String data, Defaults by) {
        int module = p.integer(1, Math.max(1, by.dpi / 50), 1, 100);
        int quality = p.integer(2, 0, 0, 200);
        if (quality != 200) {
            warnings.add("^BX: quality " + quality + " is not ECC 200; previewed as ECC 200");
        }
        String escape = p.text(6);
        char esc = escape.isEmpty() ? '_' : escape.charAt(0);
        boolean rectangular = p.integer(7, 1, 1, 2) == 2;
        boolean gs1 = false;
        // GS (0x1D) stands for FNC1 inside the content; a GS1 symbol starts with FNC1.
        StringBuilder content = new StringBuilder(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c != esc || i + 1 >= data.length()) {
                content.append(c);
                continue;
            }
            char next = data.charAt(++i);
            if (next == esc) {
                content.append(esc);
            } else if (next == '1') {
                gs1 |= content.length() == 0;
                content.append('\u001d');
            } else if (next == 'd' && i + 3 < data.length() && data.substring(i + 1, i + 4).matches("[0-9]{3}")) {
                content.append((char) Integer.parseInt(data.substring(i + 1, i + 4)));
                i += 3;
            } else {
                warnings.add("^BX: escape '" + esc + next + "' not previewed");
            }
        }
        if (content.length() == 0) {
            return null;
        }
        boolean[][] rows;
        if (gs1) {
            rows = DataMatrixAsciiEncoder.encode(content.toString(), '\u001d', rectangular);
        } else {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.DATA_MATRIX_SHAPE, rectangular ? SymbolShapeHint.FORCE_RECTANGLE
                    : SymbolShapeHint.FORCE_SQUARE);
            BitMatrix m = new DataMatrixWriter().encode(content.toString(),
                    com.google.zxing.BarcodeFormat.DATA_MATRIX, 0, 0, hints);
            rows = new boolean[m.getHeight()][m.getWidth()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    rows[y][x] = m.get(x, y);
                }
            }
        }
        String shown = gs1 ? content.substring(1) : content.toString();
        return new Symbol(DrawnField.Kind.DATA_MATRIX, shown, rows, module, module, null, false);
    }

    /** {@code ^B7o,h,s,c,r,t}: h is the height of one row in dots. */
    private Symbol pdf417(Params p, String data, Defaults by) throws WriterException {
        int rowHeight = p.integer(1, Math.max(2, 3 * by.moduleWidth), 1, 32000);
        int security = p.integer(2, 2, 0, 8);
        int columns = p.integer(3, 0, 0, 30);
        int rowCount = p.integer(4, 0, 0, 90);
        PDF417 pdf = new PDF417();
        if (columns == 0 && rowCount > 0) {
            // Rows without columns: the printer uses exactly that many rows and as few columns as fit the data.
            columns = columnsForRows(data, security, rowCount);
        }
        pdf.setDimensions(columns > 0 ? columns : 30, columns > 0 ? columns : 1, rowCount > 0 ? rowCount : 90,
                rowCount > 0 ? rowCount : 3);
        pdf.generateBarcodeLogic(data, security);
        byte[][] matrix = pdf.getBarcodeMatrix().getMatrix();
        // zxing keeps the rows bottom-up (its own writer flips them when it draws), so the first row drawn is
        // the last one stored.
        boolean[][] rows = new boolean[matrix.length][];
        for (int y = 0; y < matrix.length; y++) {
            byte[] source = matrix[matrix.length - 1 - y];
            rows[y] = new boolean[source.length];
            for (int x = 0; x < source.length; x++) {
                rows[y][x] = source[x] == 1;
            }
        }
        return new Symbol(DrawnField.Kind.PDF417, data, rows, by.moduleWidth, rowHeight, null, false);
    }

    /** {@code ^BTo,w1,r1,h1,w2,h2}: defaults by resolution as the ZPL guide gives them (600 dpi doubles). */
    private Symbol tlc39(Params p, String data, Defaults by) {
        boolean dpi600 = by.dpi >= 600;
        int h1Default = by.dpi >= 600 ? 120 : by.dpi >= 300 ? 60 : 40;
        return stacked.tlc39(data, p.integer(1, dpi600 ? 4 : 2, 1, 10), p.decimal(2, 2.0, 2.0, 3.0),
                p.integer(3, h1Default, 1, 9999), p.integer(4, dpi600 ? 4 : 2, 1, 10),
                p.integer(5, dpi600 ? 8 : 4, 1, 255));
    }

    /** The fewest data columns (1-30) whose symbol needs at most {@code rows} rows; 30 if none does. */
    private static int columnsForRows(String data, int security, int rows) throws WriterException {
        for (int c = 1; c <= 30; c++) {
            PDF417 trial = new PDF417();
            trial.setDimensions(c, c, 90, 3);
            try {
                trial.generateBarcodeLogic(data, security);
            } catch (WriterException e) {
                continue;
            }
            if (trial.getBarcodeMatrix().getMatrix().length <= rows) {
                return c;
            }
        }
        return 30;
    }
}
