package dev.floorgate.templates.internal;

import com.google.zxing.oned.Code39Writer;
import com.google.zxing.oned.ITFWriter;
import com.google.zxing.oned.UPCEWriter;
import dev.floorgate.templates.DrawnField;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import uk.org.okapibarcode.backend.Codabar;
import uk.org.okapibarcode.backend.Code11;
import uk.org.okapibarcode.backend.Code2Of5;
import uk.org.okapibarcode.backend.EanUpcAddOn;
import uk.org.okapibarcode.backend.HumanReadableLocation;
import uk.org.okapibarcode.backend.MsiPlessey;
import uk.org.okapibarcode.backend.Plessey;
import uk.org.okapibarcode.graphics.Rectangle;

/**
 * The linear symbologies whose element widths depend on the {@code ^BY} wide-to-narrow ratio (Code 39,
 * LOGMARS, Interleaved/Standard/Industrial 2 of 5, Codabar, Code 11, MSI, Plessey), UPC-E and the UPC/EAN
 * add-ons. zxing encodes Code 39, Interleaved 2 of 5 and UPC-E; its two-width patterns (narrow 1, wide 2 or 3)
 * are redrawn at the printer's ratio. okapibarcode encodes the rest with the ratio set, in dots.
 */
final class LinearSymbols {
    static final String CODE39_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

    private final PreviewWarnings warnings;

    LinearSymbols(PreviewWarnings warnings) {
        this.warnings = warnings;
    }

    /**
     * Redraws a zxing two-width pattern in dots: every run of one module is a narrow element of
     * {@code module} dots, every longer run a wide one of {@code round(ratio * module)} dots.
     */
    static boolean[] atRatio(boolean[] pattern, int module, double ratio) {
        int wide = (int) Math.round(ratio * module);
        List<int[]> runs = new ArrayList<>();
        int total = 0;
        int i = 0;
        while (i < pattern.length) {
            int start = i;
            while (i < pattern.length && pattern[i] == pattern[start]) {
                i++;
            }
            int width = i - start == 1 ? module : wide;
            runs.add(new int[] {pattern[start] ? 1 : 0, width});
            total += width;
        }
        boolean[] dots = new boolean[total];
        int x = 0;
        for (int[] run : runs) {
            if (run[0] == 1) {
                java.util.Arrays.fill(dots, x, x + run[1], true);
            }
            x += run[1];
        }
        return dots;
    }

    /** {@code ^B3o,e,h,f,g} (and {@code ^BLo,h,g}: LOGMARS, always with the check character). */
    Symbol code39(String data, boolean check, int height, boolean hri, boolean above, BarcodePainter.Defaults by,
            DrawnField.Kind kind) {
        String content = data.toUpperCase(java.util.Locale.ROOT);
        if (check) {
            int sum = 0;
            for (int i = 0; i < content.length(); i++) {
                sum += Math.max(CODE39_CHARS.indexOf(content.charAt(i)), 0);
            }
            content = content + CODE39_CHARS.charAt(sum % 43);
        }
        boolean[] dots = atRatio(new Code39Writer().encode(content), by.moduleWidth, by.ratio);
        return Symbol.linearDots(kind, content, dots, by.moduleWidth, height, hri ? "*" + content + "*" : null,
                above);
    }

    /** {@code ^B2o,h,f,g,e}: e adds the mod-10 check digit. */
    Symbol interleaved2of5(String data, int height, boolean hri, boolean above, boolean check,
            BarcodePainter.Defaults by) {
        String digits = digitsOnly("^B2", data);
        if (digits.isEmpty()) {
            return null;
        }
        if (check) {
            // The check digit joins the data, then the count is made even, as the printer does.
            digits = digits + Code128Content.gs1CheckDigit(digits);
        }
        if (digits.length() % 2 == 1) {
            digits = "0" + digits;
        }
        boolean[] dots = atRatio(new ITFWriter().encode(digits), by.moduleWidth, by.ratio);
        return Symbol.linearDots(DrawnField.Kind.INTERLEAVED_2OF5, digits, dots, by.moduleWidth, height,
                hri ? digits : null, above);
    }

    /**
     * {@code ^B9o,h,f,g,e}: the printer takes the 10 digits of a UPC-A after its number system 0 (manufacturer
     * and product code) and prints them zero-suppressed; data that cannot be suppressed is refused.
     */
    Symbol upcE(String data, int height, boolean hri, boolean above, BarcodePainter.Defaults by) {
        String digits = digitsOnly("^B9", data);
        if (digits.length() == 6) {
            digits = upcEToUpcA("0" + digits).substring(1, 11);
        }
        if (digits.length() > 10) {
            digits = digits.substring(0, 10);
        }
        while (digits.length() < 10) {
            digits = "0" + digits;
        }
        String upcA = "0" + digits;
        String six = zeroSuppress(digits);
        if (six == null) {
            warnings.add("^B9: " + digits + " has no zero-suppressed UPC-E form; not drawn");
            return null;
        }
        char check = Code128Content.gs1CheckDigit(upcA);
        String upcE = "0" + six + check;
        boolean[] bars = new UPCEWriter().encode(upcE);
        return Symbol.linear(DrawnField.Kind.UPCE, upcE, bars, by.moduleWidth, height, hri ? upcE : null, above);
    }

    /** The six UPC-E digits of manufacturer (5) + product (5), or null (GS1 General Specifications 2.1.3). */
    static String zeroSuppress(String ten) {
        String m = ten.substring(0, 5);
        String p = ten.substring(5, 10);
        char m3 = m.charAt(2);
        if (m.endsWith("00") && m3 <= '2' && p.startsWith("00")) {
            return m.substring(0, 2) + p.substring(2) + m3;
        }
        if (m.endsWith("00") && p.startsWith("000")) {
            return m.substring(0, 3) + p.substring(3) + "3";
        }
        if (m.endsWith("0") && p.startsWith("0000")) {
            return m.substring(0, 4) + p.charAt(4) + "4";
        }
        if (!m.endsWith("0") && p.startsWith("0000") && p.charAt(4) >= '5') {
            return m + p.charAt(4);
        }
        return null;
    }

    /** The UPC-A digits (12 without check: 11) of a number system digit plus six UPC-E digits. */
    static String upcEToUpcA(String sevenDigits) {
        String d = sevenDigits.substring(1);
        char last = d.charAt(5);
        String body;
        switch (last) {
            case '0': case '1': case '2':
                body = d.substring(0, 2) + last + "0000" + d.substring(2, 5);
                break;
            case '3':
                body = d.substring(0, 3) + "00000" + d.substring(3, 5);
                break;
            case '4':
                body = d.substring(0, 4) + "00000" + d.charAt(4);
                break;
            default:
                body = d.substring(0, 5) + "0000" + last;
        }
        return sevenDigits.charAt(0) + body;
    }

    /** {@code ^BSo,h,f}: a 2 or 5 digit UPC/EAN extension, its digits printed above the bars. */
    Symbol addOn(String data, int height, boolean hri, BarcodePainter.Defaults by) {
        String digits = digitsOnly("^BS", data);
        if (digits.length() != 2 && digits.length() != 5) {
            warnings.add("^BS: an add-on has 2 or 5 digits, not " + digits.length() + "; not drawn");
            return null;
        }
        EanUpcAddOn s = new EanUpcAddOn();
        return okapi(DrawnField.Kind.UPC_EAN_ADDON, digits, s, height, by.moduleWidth, hri ? digits : null, true);
    }

    /** {@code ^BKo,e,h,f,g,k,l}: Codabar with start k and stop l (A-D). */
    Symbol codabar(String data, char start, char stop, int height, boolean hri, boolean above,
            BarcodePainter.Defaults by) {
        String content = start + data.toUpperCase(java.util.Locale.ROOT) + stop;
        Codabar s = new Codabar();
        s.setModuleWidthRatio(by.ratio);
        return okapi(DrawnField.Kind.CODABAR, content, s, height, by.moduleWidth, hri ? content : null, above);
    }

    /** {@code ^B1o,e,h,f,g}: Code 11; e = Y one check digit, N two. */
    Symbol code11(String data, boolean oneCheckDigit, int height, boolean hri, boolean above,
            BarcodePainter.Defaults by) {
        Code11 s = new Code11();
        s.setModuleWidthRatio(by.ratio);
        s.setCheckDigitCount(oneCheckDigit ? 1 : 2);
        return okapi(DrawnField.Kind.CODE11, data, s, height, by.moduleWidth, hri ? data : null, above);
    }

    /** {@code ^BJ} Standard 2 of 5 and {@code ^BI} Industrial 2 of 5. */
    Symbol twoOf5(boolean industrial, String data, int height, boolean hri, boolean above,
            BarcodePainter.Defaults by) {
        String digits = digitsOnly(industrial ? "^BI" : "^BJ", data);
        if (digits.isEmpty()) {
            return null;
        }
        Code2Of5 s = new Code2Of5(industrial ? Code2Of5.ToFMode.INDUSTRIAL : Code2Of5.ToFMode.MATRIX);
        s.setModuleWidthRatio(by.ratio);
        return okapi(industrial ? DrawnField.Kind.INDUSTRIAL_2OF5 : DrawnField.Kind.STANDARD_2OF5, digits, s, height,
                by.moduleWidth, hri ? digits : null, above);
    }

    /** {@code ^BMo,e,h,f,g,e2}: MSI; e = A none, B one mod 10 (default), C two mod 10, D mod 11 + mod 10. */
    Symbol msi(String data, char checks, int height, boolean hri, boolean above, BarcodePainter.Defaults by) {
        String digits = digitsOnly("^BM", data);
        if (digits.isEmpty()) {
            return null;
        }
        MsiPlessey s = new MsiPlessey();
        s.setModuleWidthRatio(by.ratio);
        s.setCheckDigit(checks == 'A' ? MsiPlessey.CheckDigit.NONE : checks == 'C' ? MsiPlessey.CheckDigit.MOD10_MOD10
                : checks == 'D' ? MsiPlessey.CheckDigit.MOD11_MOD10 : MsiPlessey.CheckDigit.MOD10);
        return okapi(DrawnField.Kind.MSI, digits, s, height, by.moduleWidth, hri ? digits : null, above);
    }

    /** {@code ^BPo,e,h,f,g}: Plessey (hex digits). */
    Symbol plessey(String data, int height, boolean hri, boolean above, BarcodePainter.Defaults by) {
        Plessey s = new Plessey();
        s.setModuleWidthRatio(by.ratio);
        String content = data.toUpperCase(java.util.Locale.ROOT);
        return okapi(DrawnField.Kind.PLESSEY, content, s, height, by.moduleWidth, hri ? content : null, above);
    }

    /** An okapi linear symbol drawn in dots: module width {@code module}, bars {@code height} dots high. */
    static Symbol okapi(DrawnField.Kind kind, String content, uk.org.okapibarcode.backend.Symbol s, int height,
            int module, String humanReadable, boolean above) {
        s.setModuleWidth(module);
        s.setBarHeight(height);
        s.setQuietZoneHorizontal(0);
        s.setQuietZoneVertical(0);
        s.setHumanReadableLocation(HumanReadableLocation.NONE);
        s.setContent(content);
        List<Shape> shapes = new ArrayList<>();
        for (Rectangle r : s.getRectangles()) {
            shapes.add(new Rectangle2D.Double(Math.round(r.x), r.y, Math.round(r.x + r.width) - Math.round(r.x),
                    r.height));
        }
        return Symbol.shapes(kind, content, shapes, s.getWidth(), s.getHeight(), humanReadable, above, module);
    }

    private String digitsOnly(String command, String data) {
        String digits = data.replaceAll("[^0-9]", "");
        if (digits.length() != data.length()) {
            warnings.add(command + ": non-digits left out of '" + Params.shorten(data) + "'");
        }
        return digits;
    }
}
