package dev.floorgate.templates.internal;

import dev.floorgate.templates.DrawnField;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * A barcode ready to draw: rows of modules (a linear barcode is one row), the size of one module in dots, and
 * the optional human-readable line. MaxiCode, whose modules are hexagons around a bullseye, is drawn from
 * shapes instead ({@link #shapes}), already scaled to dots; they never overlap, so reverse fields invert them
 * like modules.
 */
final class Symbol {
    final DrawnField.Kind kind;
    final String content;
    final boolean[][] rows;
    final int moduleWidth;
    final int rowHeight;
    final String humanReadable;
    final boolean humanReadableAbove;
    /** Module width the human-readable font is sized from; differs from moduleWidth for rows already in dots. */
    final int textModule;
    /** The human-readable line starts at the symbol's left edge (and may run past its right one) instead of centred. */
    final boolean humanReadableFromLeft;
    /** Dark shapes in dots (hexagons, bullseye rings); null for module rows. */
    final List<Shape> shapes;
    private final double shapesWidth;
    private final double shapesHeight;

    Symbol(DrawnField.Kind kind, String content, boolean[][] rows, int moduleWidth, int rowHeight,
            String humanReadable, boolean humanReadableAbove) {
        this(kind, content, rows, moduleWidth, rowHeight, humanReadable, humanReadableAbove, moduleWidth);
    }

    Symbol(DrawnField.Kind kind, String content, boolean[][] rows, int moduleWidth, int rowHeight,
            String humanReadable, boolean humanReadableAbove, int textModule) {
        this.kind = kind;
        this.content = content;
        this.rows = rows;
        this.moduleWidth = moduleWidth;
        this.rowHeight = rowHeight;
        this.humanReadable = humanReadable;
        this.humanReadableAbove = humanReadableAbove;
        this.textModule = textModule;
        this.humanReadableFromLeft = false;
        this.shapes = null;
        this.shapesWidth = 0;
        this.shapesHeight = 0;
    }

    private Symbol(DrawnField.Kind kind, String content, List<Shape> shapes, double width, double height,
            String humanReadable, boolean above, int textModule, boolean fromLeft) {
        this.kind = kind;
        this.content = content;
        this.rows = new boolean[0][];
        this.moduleWidth = 1;
        this.rowHeight = 1;
        this.humanReadable = humanReadable;
        this.humanReadableAbove = above;
        this.textModule = textModule;
        this.humanReadableFromLeft = fromLeft;
        this.shapes = shapes;
        this.shapesWidth = width;
        this.shapesHeight = height;
    }

    static Symbol linear(DrawnField.Kind kind, String content, boolean[] bars, int moduleWidth, int height,
            String humanReadable, boolean above) {
        return new Symbol(kind, content, new boolean[][] {bars}, moduleWidth, height, humanReadable, above);
    }

    /** A linear symbol whose row is already in dots (wide elements at the ^BY ratio): one dot per entry. */
    static Symbol linearDots(DrawnField.Kind kind, String content, boolean[] dots, int moduleWidth, int height,
            String humanReadable, boolean above) {
        return new Symbol(kind, content, new boolean[][] {dots}, 1, height, humanReadable, above, moduleWidth);
    }

    static Symbol shapes(DrawnField.Kind kind, String content, List<Shape> shapes, double width, double height) {
        return new Symbol(kind, content, shapes, width, height, null, false, 1, false);
    }

    static Symbol shapes(DrawnField.Kind kind, String content, List<Shape> shapes, double width, double height,
            String humanReadable, boolean above, int textModule) {
        return new Symbol(kind, content, shapes, width, height, humanReadable, above, textModule, false);
    }

    /** As {@link #shapes}, with the human-readable line starting at the left edge (Code 49's, per the ZPL guide). */
    static Symbol shapesTextFromLeft(DrawnField.Kind kind, String content, List<Shape> shapes, double width,
            double height, String humanReadable, boolean above, int textModule) {
        return new Symbol(kind, content, shapes, width, height, humanReadable, above, textModule, true);
    }

    int columns() {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    long widthDots() {
        return shapes != null ? (long) Math.ceil(shapesWidth) : (long) columns() * moduleWidth;
    }

    long barsHeightDots() {
        return shapes != null ? (long) Math.ceil(shapesHeight) : (long) rows.length * rowHeight;
    }

    /** Fills the dark modules, run by run, in the field's frame; the bars start {@code top} dots down. */
    void drawModules(Graphics2D g, int top) {
        if (shapes != null) {
            AffineTransform at = AffineTransform.getTranslateInstance(0, top);
            for (Shape s : shapes) {
                g.fill(at.createTransformedShape(s));
            }
            return;
        }
        for (int r = 0; r < rows.length; r++) {
            boolean[] row = rows[r];
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
                g.fillRect(start * moduleWidth, top + r * rowHeight, (c - start) * moduleWidth, rowHeight);
            }
        }
    }
}
