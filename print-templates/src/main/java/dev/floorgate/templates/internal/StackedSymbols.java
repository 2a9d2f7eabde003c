package dev.floorgate.templates.internal;

import com.google.zxing.oned.Code39Writer;
import dev.floorgate.templates.DrawnField;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import uk.org.okapibarcode.backend.CodablockF;
import uk.org.okapibarcode.backend.Code49;
import uk.org.okapibarcode.backend.Pdf417;

/**
 * The stacked symbologies zxing cannot encode: Code 49 ({@code ^B4}), CODABLOCK F ({@code ^BB}), MicroPDF417
 * ({@code ^BF}) and TLC39 ({@code ^BT}, a Code 39 ECI number, its link flag and a MicroPDF417). okapibarcode
 * encodes each row's bars and spaces; the rows are laid out here in dots from the ZPL parameters (module width
 * from {@code ^BY}, row height, separator bars one module high), because okapi's own plot uses fixed module
 * heights and draws part of the quiet zone into the symbol.
 */
final class StackedSymbols {
    /** Zebra's MicroPDF417 mode table (^BF m = 0-33): data columns and rows. Mode 33 is the late 4 x 4 size. */
    private static final int[] MICRO_COLUMNS = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
    private static final int[] MICRO_ROWS = {11, 14, 17, 20, 24, 28, 8, 11, 14, 17, 20, 23, 26, 6, 8, 10, 12, 15, 20,
        26, 32, 38, 44, 6, 8, 10, 12, 15, 20, 26, 32, 38, 44, 4};
    /** CODABLOCK F separators leave out the start character (11 modules) and the stop character (13). */
    private static final int CODABLOCK_START_MODULES = 11;
    private static final int CODABLOCK_STOP_MODULES = 13;

    private final PreviewWarnings warnings;

    StackedSymbols(PreviewWarnings warnings) {
        this.warnings = warnings;
    }

    /** {@code ^B4o,h,f,m}: rows h x module width dots high, one-module separator and binding bars. */
    Symbol code49(String data, int heightMultiplier, char interpretation, char startMode, int module) {
        if (startMode != 'A') {
            warnings.add("^B4: starting mode " + startMode + " previewed as automatic (A)");
        }
        Code49Rows c = new Code49Rows();
        c.setContent(data);
        List<boolean[]> rows = modules(c.rows());
        String hri = interpretation == 'A' || interpretation == 'B' ? data : null;
        int width = rows.get(0).length;
        Symbol s49 = layout(DrawnField.Kind.CODE49, data, rows, module, heightMultiplier * module, 0, width, hri,
                interpretation == 'A');
        // The guide: the interpretation line of more than two rows runs past the symbol's right edge.
        return Symbol.shapesTextFromLeft(s49.kind, data, s49.shapes, s49.widthDots(), s49.barsHeightDots(), hri,
                interpretation == 'A', module);
    }

    /**
     * {@code ^BBo,h,s,c,r,m}: CODABLOCK F (and E, which starts with FNC1). okapi picks the number of rows and
     * columns from the data (it has no setting for them), which a warning says; the row height is h x module
     * width, or the {@code ^BY} height shared by the rows when h is not given.
     */
    Symbol codablock(String data, int heightMultiplier, boolean security, int columns, int rowCount, char mode,
            int module, int barcodeHeight) {
        if (mode == 'A') {
            warnings.add("^BB: CODABLOCK A (mode A) is not previewed; not drawn");
            return null;
        }
        if (!security) {
            warnings.add("^BB: check characters can be left out only in mode A; drawn with them");
        }
        // Mode E (CODABLOCK E) is CODABLOCK F with FNC1 added in front.
        CodablockRows s = new CodablockRows(mode == 'E');
        s.setContent(mode == 'E' ? CodablockRows.FNC1_ESCAPE + data : data);
        List<boolean[]> rows = modules(s.rows());
        // okapi sizes the symbol itself; say so, since the printer's shape can differ.
        if (columns > 0 || rowCount > 0) {
            warnings.add("^BB: drawn in " + rows.size() + " rows as okapibarcode lays the data out; c = " + columns
                    + ", r = " + rowCount + " not applied");
        } else {
            warnings.add("^BB: drawn in " + rows.size() + " rows as okapibarcode lays the data out; the printer "
                    + "prints one row when c and r are not given");
        }
        int rowHeight = heightMultiplier > 0 ? heightMultiplier * module : Math.max(1, barcodeHeight / rows.size());
        int width = rows.get(0).length;
        return layout(DrawnField.Kind.CODABLOCK, data, rows, module, rowHeight, CODABLOCK_START_MODULES,
                width - CODABLOCK_STOP_MODULES, null, false);
    }

    /** {@code ^BFo,h,m}: h is the height of one row in dots; m picks columns and rows from Zebra's table. */
    Symbol microPdf417(String data, int rowHeight, int mode, int module) {
        List<boolean[]> rows = microRows(data, MICRO_COLUMNS[mode], MICRO_ROWS[mode]);
        return layout(DrawnField.Kind.MICRO_PDF417, data, rows, module, rowHeight, -1, -1, null, false);
    }

    /**
     * {@code ^BTo,w1,r1,h1,w2,h2}: the first six characters (the ECI number) in Code 39 at module w1, ratio r1
     * and height h1; if a comma follows them, the link flag (Code 39 "T" without start and stop) and a
     * four-column MicroPDF417 of the rest (serial number and further data) with modules w2 and rows h2 high.
     * The printer's exact spacing of the three parts is not in the manual: here the flag follows after a
     * Code 39 quiet zone (10 narrow elements) and the MicroPDF417 after two of its modules, tops aligned.
     */
    Symbol tlc39(String data, int w1, double r1, int h1, int w2, int h2) {
        String eci = data.substring(0, Math.min(6, data.length()));
        boolean withPdf = data.length() > 7 && data.charAt(6) == ',';
        if (!withPdf && data.length() > 6) {
            warnings.add("^BT: no comma after the 6-character ECI number; only the Code 39 part is drawn");
        }
        List<Shape> shapes = new ArrayList<>();
        boolean[] code39 = LinearSymbols.atRatio(new Code39Writer().encode(eci), w1, r1);
        int x = addRuns(shapes, code39, 0, 0, 1, h1);
        double width = x;
        double height = h1;
        if (withPdf) {
            // "*T*" in zxing's modules: start (12), gap (1), T (12), gap (1), stop (12).
            boolean[] flag = LinearSymbols.atRatio(Arrays.copyOfRange(new Code39Writer().encode("T"), 13, 25), w1,
                    r1);
            x += 10 * w1;
            x = addRuns(shapes, flag, x, 0, 1, h1);
            x += 2 * w2;
            List<boolean[]> rows = microRows(data.substring(7), 4, 0);
            for (int r = 0; r < rows.size(); r++) {
                addRuns(shapes, rows.get(r), x, r * h2, w2, h2);
            }
            width = x + (double) rows.get(0).length * w2;
            height = Math.max(h1, rows.size() * h2);
        }
        return Symbol.shapes(DrawnField.Kind.TLC39, data, shapes, width, height);
    }

    /** MicroPDF417 rows in modules; {@code rows} 0 lets okapi pick the fewest rows that hold the data. */
    private static List<boolean[]> microRows(String data, int columns, int rows) {
        MicroPdfRows s = new MicroPdfRows();
        s.setDataColumns(columns);
        if (rows > 0) {
            s.setRows(rows);
        }
        s.setContent(data);
        return modules(s.rows());
    }

    /**
     * Rows of {@code rowHeight} dots, modules {@code module} dots wide. With {@code separatorFrom >= 0} a binding
     * bar one module high runs above and below the symbol over its full width, and a separator bar one module
     * high between rows from module separatorFrom to separatorTo.
     */
    private static Symbol layout(DrawnField.Kind kind, String content, List<boolean[]> rows, int module,
            int rowHeight, int separatorFrom, int separatorTo, String humanReadable, boolean above) {
        List<Shape> shapes = new ArrayList<>();
        int columns = rows.get(0).length;
        boolean separated = separatorFrom >= 0;
        int y = 0;
        if (separated) {
            shapes.add(new Rectangle2D.Double(0, y, (double) columns * module, module));
            y += module;
        }
        for (int r = 0; r < rows.size(); r++) {
            addRuns(shapes, rows.get(r), 0, y, module, rowHeight);
            y += rowHeight;
            if (separated) {
                boolean last = r == rows.size() - 1;
                int from = last ? 0 : separatorFrom;
                int to = last ? columns : separatorTo;
                shapes.add(new Rectangle2D.Double((double) from * module, y, (double) (to - from) * module, module));
                y += module;
            }
        }
        return Symbol.shapes(kind, content, shapes, (double) columns * module, y, humanReadable, above, module);
    }

    /** Adds one rectangle per run of dark modules; returns the x just past the row. */
    private static int addRuns(List<Shape> shapes, boolean[] row, int left, int top, int module, int height) {
        int c = 0;
        while (c < row.length) {
            if (!row[c]) {
                c++;
                continue;
            }
            int start = c;
            while (c < row.length && row[c]) {
                c++;
            }
            shapes.add(new Rectangle2D.Double(left + (double) start * module, top, (double) (c - start) * module,
                    height));
        }
        return left + row.length * module;
    }

    /** okapi's row patterns (element widths, bar first) as modules. */
    private static List<boolean[]> modules(String[] patterns) {
        List<boolean[]> rows = new ArrayList<>(patterns.length);
        for (String p : patterns) {
            int total = 0;
            for (int i = 0; i < p.length(); i++) {
                total += p.charAt(i) - '0';
            }
            boolean[] row = new boolean[total];
            int x = 0;
            for (int i = 0; i < p.length(); i++) {
                int w = p.charAt(i) - '0';
                if (i % 2 == 0) {
                    Arrays.fill(row, x, x + w, true);
                }
                x += w;
            }
            rows.add(row);
        }
        return rows;
    }

    /** okapi keeps the encoded rows in a protected field; these subclasses only read it. */
    private static final class Code49Rows extends Code49 {
        String[] rows() {
            return Arrays.copyOf(pattern, row_count);
        }
    }

    private static final class CodablockRows extends CodablockF {
        static final String FNC1_ESCAPE = FNC1_STRING;
        /** Only mode E puts okapi's FNC1 escape in the content; other data is taken literally. */
        private final boolean fnc1;

        CodablockRows(boolean fnc1) {
            this.fnc1 = fnc1;
        }

        @Override
        protected boolean supportsFnc1() {
            return fnc1;
        }

        String[] rows() {
            return Arrays.copyOf(pattern, row_count);
        }
    }

    private static final class MicroPdfRows extends Pdf417 {
        MicroPdfRows() {
            super(Pdf417.Mode.MICRO);
        }

        String[] rows() {
            return Arrays.copyOf(pattern, row_count);
        }
    }
}
