package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import uk.org.okapibarcode.graphics.Rectangle;

/**
 * Reading stacked symbols back from a preview: bar and space runs of one pixel row, and the same runs of
 * okapibarcode's own plot of a symbol, for {@link StackedSymbologyPreviewTest}, {@link CodablockPreviewTest} and
 * {@link MicroPdf417PreviewTest}.
 */
final class StackedRows {
    private StackedRows() {
    }

    static PreviewResult render(String zpl) {
        return ZplPreview.render(zpl, 203);
    }

    static DrawnField only(PreviewResult r) {
        assertThat(r.drawnFields()).hasSize(1);
        return r.drawnFields().get(0);
    }

    /** Bar and space widths of one pixel row across the field's box, starting at its first bar. */
    static List<Integer> runs(BufferedImage img, DrawnField f, int y) {
        List<Integer> out = new ArrayList<>();
        int x = f.left();
        int end = f.left() + f.width();
        while (x < end && !black(img, x, y)) {
            x++;
        }
        while (x < end) {
            boolean colour = black(img, x, y);
            int start = x;
            while (x < end && black(img, x, y) == colour) {
                x++;
            }
            out.add(x - start);
        }
        if (!out.isEmpty() && out.size() % 2 == 0) {
            out.remove(out.size() - 1); // trailing space up to the box edge
        }
        return out;
    }

    static boolean black(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xffffff) == 0;
    }

    /**
     * okapi's own plot (its rectangles, merged where they touch) filled into a grid of units; rows of
     * {@code rowUnits} units start {@code top} units down. Each row, sampled in its middle, as bar/space widths
     * times {@code module}.
     */
    static List<List<Integer>> okapiRows(uk.org.okapibarcode.backend.Symbol s, int top, int rowUnits,
            int extraUnits, int module) {
        int w = s.getWidth();
        int h = s.getHeight();
        boolean[][] grid = new boolean[h][w];
        for (Rectangle r : s.getRectangles()) {
            for (int y = (int) Math.round(r.y); y < Math.round(r.y + r.height); y++) {
                for (int x = (int) Math.round(r.x); x < Math.round(r.x + r.width); x++) {
                    grid[y][x] = true;
                }
            }
        }
        List<List<Integer>> rows = new ArrayList<>();
        for (int row = 0; row < (h - extraUnits) / rowUnits; row++) {
            boolean[] line = grid[top + row * rowUnits + rowUnits / 2];
            List<Integer> runs = new ArrayList<>();
            int x = 0;
            while (x < w && !line[x]) {
                x++;
            }
            while (x < w) {
                boolean colour = line[x];
                int start = x;
                while (x < w && line[x] == colour) {
                    x++;
                }
                runs.add((x - start) * module);
            }
            if (runs.size() % 2 == 0) {
                runs.remove(runs.size() - 1);
            }
            rows.add(runs);
        }
        return rows;
    }

    static int inkIn(BufferedImage img, int left, int top, int w, int h) {
        int n = 0;
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                n += black(img, x, y) ? 1 : 0;
            }
        }
        return n;
    }
}
