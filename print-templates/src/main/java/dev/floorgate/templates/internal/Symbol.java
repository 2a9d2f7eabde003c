package dev.floorgate.templates.internal;

import dev.floorgate.templates.DrawnField;
import java.awt.Graphics2D;

/**
 * A barcode ready to draw: rows of modules (a linear barcode is one row), the size of one module in dots, and
 * the optional human-readable line.
 */
final class Symbol {
    final DrawnField.Kind kind;
    final String content;
    final boolean[][] rows;
    final int moduleWidth;
    final int rowHeight;
    final String humanReadable;
    final boolean humanReadableAbove;

    Symbol(DrawnField.Kind kind, String content, boolean[][] rows, int moduleWidth, int rowHeight,
            String humanReadable, boolean humanReadableAbove) {
        this.kind = kind;
        this.content = content;
        this.rows = rows;
        this.moduleWidth = moduleWidth;
        this.rowHeight = rowHeight;
        this.humanReadable = humanReadable;
        this.humanReadableAbove = humanReadableAbove;
    }

    static Symbol linear(DrawnField.Kind kind, String content, boolean[] bars, int moduleWidth, int height,
            String humanReadable, boolean above) {
        return new Symbol(kind, content, new boolean[][] {bars}, moduleWidth, height, humanReadable, above);
    }

    int columns() {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    long widthDots() {
        return (long) columns() * moduleWidth;
    }

    long barsHeightDots() {
        return (long) rows.length * rowHeight;
    }

    /** Fills the dark modules, run by run, in the field's frame; the bars start {@code top} dots down. */
    void drawModules(Graphics2D g, int top) {
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
