package dev.floorgate.templates.internal;

import com.google.zxing.aztec.encoder.AztecCode;
import com.google.zxing.aztec.encoder.Encoder;
import com.google.zxing.common.BitMatrix;
import dev.floorgate.templates.DrawnField;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import uk.org.okapibarcode.backend.AztecRune;
import uk.org.okapibarcode.backend.DataBar14;
import uk.org.okapibarcode.backend.DataBarExpanded;
import uk.org.okapibarcode.backend.MaxiCode;
import uk.org.okapibarcode.backend.Postnet;
import uk.org.okapibarcode.graphics.Circle;
import uk.org.okapibarcode.graphics.Hexagon;

/**
 * Aztec ({@code ^BO}, {@code ^B0}; zxing), MaxiCode ({@code ^BD}; okapibarcode, zxing has no MaxiCode encoder),
 * GS1 DataBar ({@code ^BR}), POSTNET, PLANET and USPS Intelligent Mail ({@code ^BZ}, {@code ^B5}) (okapibarcode).
 */
final class MatrixSymbols {
    /** A MaxiCode symbol is 1.11 in wide and 1.054 in high whatever the resolution (ZPL guide, ^BD). */
    private static final double MAXICODE_WIDTH_INCHES = 1.11;
    private static final double MAXICODE_HEIGHT_INCHES = 1.054;
    private static final char GS = '\u001d';

    private final PreviewWarnings warnings;

    MatrixSymbols(PreviewWarnings warnings) {
        this.warnings = warnings;
    }

    /**
     * {@code ^BOa,b,c,d,e,f,g}: b magnification, d = 0 default error correction, 1-99 percent, 101-104 compact
     * layers, 201-232 full-range layers, 300 Aztec Rune.
     */
    Symbol aztec(String data, int magnification, int size) {
        boolean[][] rows;
        if (size == 300) {
            AztecRune rune = new AztecRune();
            rune.setModuleWidth(1);
            rune.setQuietZoneHorizontal(0);
            rune.setQuietZoneVertical(0);
            rune.setContent(data);
            rows = rowsOf(rune);
        } else {
            int ecc = size >= 1 && size <= 99 ? size : Encoder.DEFAULT_EC_PERCENT;
            int layers = size >= 101 && size <= 104 ? -(size - 100) : size >= 201 && size <= 232 ? size - 200 : 0;
            boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(data);
            AztecCode code = Encoder.encode(data, ecc, layers,
                    latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            BitMatrix m = code.getMatrix();
            rows = new boolean[m.getHeight()][m.getWidth()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    rows[y][x] = m.get(x, y);
                }
            }
        }
        return new Symbol(DrawnField.Kind.AZTEC, data, rows, magnification, magnification, null, false);
    }

    /** okapi draws Aztec Rune as unit squares: back to a module grid. */
    private static boolean[][] rowsOf(uk.org.okapibarcode.backend.Symbol s) {
        boolean[][] rows = new boolean[s.getHeight()][s.getWidth()];
        for (uk.org.okapibarcode.graphics.Rectangle r : s.getRectangles()) {
            for (int y = (int) r.y; y < (int) (r.y + r.height); y++) {
                for (int x = (int) r.x; x < (int) (r.x + r.width); x++) {
                    rows[y][x] = true;
                }
            }
        }
        return rows;
    }

    /**
     * {@code ^BDm,n,t}: modes 2 and 3 take the high-priority message first: 3 digits class of service, 3 digits
     * country, then the postal code (9 digits in mode 2, 6 characters in mode 3); the rest is the low-priority
     * message. The drawn data is what a scanner sends: postal code, country and class joined by GS, inserted
     * after {@code [)>RS01GSyy} when the message has that header, else in front.
     */
    Symbol maxiCode(String data, int mode, int position, int total, int dpi) {
        MaxiCode m = new MaxiCode();
        m.setMode(mode);
        String content = data;
        String shown = data;
        if (mode == 2 || mode == 3) {
            int postalLength = mode == 2 ? 9 : 6;
            if (data.length() < 6 + postalLength) {
                warnings.add("^BD: mode " + mode + " needs class (3), country (3) and postal code (" + postalLength
                        + ") first, got " + data.length() + " characters; not drawn");
                return null;
            }
            String service = data.substring(0, 3);
            String country = data.substring(3, 6);
            String postal = data.substring(6, 6 + postalLength);
            content = data.substring(6 + postalLength);
            if (content.isEmpty()) {
                // okapibarcode cannot encode a primary message alone; one space stands in for the empty
                // low-priority message (shown in the drawn data, so a decode check sees it).
                warnings.add("^BD: no low-priority message; previewed with one space after the primary message");
                content = " ";
            }
            // okapi takes a 15-character primary: postal code padded to 9, country, class of service.
            StringBuilder padded = new StringBuilder(postal);
            while (padded.length() < 9) {
                padded.append(' ');
            }
            m.setPrimary(padded + country + service);
            String primary = (mode == 2 ? stripLeadingZeros(postal) : postal) + GS + country + GS + service + GS;
            boolean header = content.startsWith("[)>\u001e01\u001d") && content.length() >= 9;
            shown = header ? content.substring(0, 9) + primary + content.substring(9) : primary + content;
        }
        if (total > 1) {
            m.setStructuredAppendPosition(position);
            m.setStructuredAppendTotal(total);
        }
        m.setQuietZoneHorizontal(0);
        m.setQuietZoneVertical(0);
        m.setContent(content);
        // okapi's hexagon grid is 3% taller than the printer's symbol: scale each axis to the printed size.
        double sx = MAXICODE_WIDTH_INCHES * dpi / m.getWidth();
        double sy = MAXICODE_HEIGHT_INCHES * dpi / m.getHeight();
        List<Shape> shapes = new ArrayList<>();
        for (Hexagon h : m.getHexagons()) {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(h.getX(0) * sx, h.getY(0) * sy);
            for (int i = 1; i < 6; i++) {
                p.lineTo(h.getX(i) * sx, h.getY(i) * sy);
            }
            p.closePath();
            shapes.add(p);
        }
        List<Circle> target = m.getTarget();
        for (int i = 0; i + 1 < target.size(); i += 2) {
            Area ring = new Area(circle(target.get(i), sx, sy));
            ring.subtract(new Area(circle(target.get(i + 1), sx, sy)));
            shapes.add(ring);
        }
        return Symbol.shapes(DrawnField.Kind.MAXICODE, shown, shapes, m.getWidth() * sx, m.getHeight() * sy);
    }

    /** zxing reads the mode 2 postal code as a number, without leading zeros. */
    private static String stripLeadingZeros(String digits) {
        String s = digits.replaceFirst("^0+", "");
        return s.isEmpty() ? "0" : s;
    }

    private static Ellipse2D circle(Circle c, double sx, double sy) {
        return new Ellipse2D.Double((c.centreX - c.radius) * sx, (c.centreY - c.radius) * sy, 2 * c.radius * sx,
                2 * c.radius * sy);
    }

    /**
     * {@code ^BRa,b,c,d,e,f}: b = 1 GS1 DataBar Omnidirectional, 5 Limited, 6 Expanded are drawn; c
     * magnification, e bar height. Data is the GTIN (13 digits, check added) or bracketed AIs for Expanded.
     */
    Symbol dataBar(String data, int type, int magnification, int height) {
        uk.org.okapibarcode.backend.Symbol s;
        String content = data;
        if (type == 1) {
            s = new DataBar14();
            content = data.replaceAll("[^0-9]", "");
        } else if (type == 5) {
            s = new uk.org.okapibarcode.backend.DataBarLimited();
            content = data.replaceAll("[^0-9]", "");
        } else if (type == 6) {
            DataBarExpanded e = new DataBarExpanded();
            e.setDataType(uk.org.okapibarcode.backend.Symbol.DataType.GS1);
            s = e;
            content = data.replace('(', '[').replace(')', ']');
        } else {
            warnings.add("^BR: GS1 DataBar type " + type + " is not previewed");
            return null;
        }
        Symbol drawn = LinearSymbols.okapi(DrawnField.Kind.DATABAR, content, s, height, magnification, null, false);
        return drawn;
    }

    /** {@code ^BZo,h,f,g,t}: t = 0 POSTNET, 1 PLANET, 3 USPS Intelligent Mail (4-state); bars at the ^BY width. */
    Symbol postal(String data, int height, boolean hri, boolean above, int type, int module) {
        String digits = data.replaceAll("[^0-9]", "");
        if (type == 3) {
            uk.org.okapibarcode.backend.UspsOneCode s = new uk.org.okapibarcode.backend.UspsOneCode();
            // 20-digit tracking code, then the 0, 5, 9 or 11-digit routing code, which okapi wants after a '-'.
            String content = digits.length() > 20 ? digits.substring(0, 20) + "-" + digits.substring(20) : digits;
            return LinearSymbols.okapi(DrawnField.Kind.USPS_IMB, content, s, height, module, hri ? digits : null,
                    above);
        }
        if (type == 2) {
            warnings.add("^BZ: postal code type 2 is reserved; previewed as POSTNET");
        }
        boolean planet = type == 1;
        Postnet s = new Postnet(planet ? Postnet.Mode.PLANET : Postnet.Mode.POSTNET);
        return LinearSymbols.okapi(planet ? DrawnField.Kind.PLANET : DrawnField.Kind.POSTNET, digits, s, height,
                module, hri ? digits : null, above);
    }
}
