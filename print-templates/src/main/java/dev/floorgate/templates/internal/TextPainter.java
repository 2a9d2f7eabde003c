package dev.floorgate.templates.internal;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws text fields with system fonts standing in for the printer's: a bold condensed sans for the scalable
 * font 0 (CG Triumvirate Bold Condensed on the printer), a bold monospace for the bitmap fonts A-H, P-V and the
 * rest. A font of height {@code h} dots gets a cell (ascent + descent) of {@code h} dots; the width parameter
 * stretches the glyphs horizontally. Exact glyph shapes differ from the printer's; positions and sizes match
 * closely enough to check a layout.
 */
final class TextPainter {
    /** Character cell height x width in dots of the bitmap fonts at 203 dpi (ZPL guide, font matrices). */
    private static final Map<Character, int[]> BITMAP_SIZES = new HashMap<>();

    static {
        BITMAP_SIZES.put('A', new int[] {9, 5});
        BITMAP_SIZES.put('B', new int[] {11, 7});
        BITMAP_SIZES.put('C', new int[] {18, 10});
        BITMAP_SIZES.put('D', new int[] {18, 10});
        BITMAP_SIZES.put('E', new int[] {28, 15});
        BITMAP_SIZES.put('F', new int[] {26, 13});
        BITMAP_SIZES.put('G', new int[] {60, 40});
        BITMAP_SIZES.put('H', new int[] {21, 13});
        BITMAP_SIZES.put('P', new int[] {20, 18});
        BITMAP_SIZES.put('Q', new int[] {28, 24});
        BITMAP_SIZES.put('R', new int[] {35, 31});
        BITMAP_SIZES.put('S', new int[] {40, 35});
        BITMAP_SIZES.put('T', new int[] {51, 42});
        BITMAP_SIZES.put('U', new int[] {61, 51});
        BITMAP_SIZES.put('V', new int[] {80, 71});
    }

    private static final FontRenderContext FRC = new FontRenderContext(null, false, true);

    /** Resolved once: the installed families do not change while we run. */
    private static final class Faces {
        static final Font SCALABLE = pick(Font.BOLD, "DejaVu Sans Condensed", "Liberation Sans Narrow",
                "Arial Narrow", Font.SANS_SERIF);
        static final Font BITMAP = pick(Font.BOLD, "DejaVu Sans Mono", "Liberation Mono", Font.MONOSPACED);
        /** Java font size per dot of cell height, and advance per size unit for monospace. */
        static final double SCALABLE_SIZE_PER_DOT = sizePerDot(SCALABLE);
        static final double BITMAP_SIZE_PER_DOT = sizePerDot(BITMAP);
        static final double BITMAP_ADVANCE_PER_SIZE = BITMAP.deriveFont(100f)
                .getStringBounds("M", FRC).getWidth() / 100.0;

        private static Font pick(int style, String... families) {
            Set<String> installed = new HashSet<>();
            try {
                installed.addAll(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
                        .getAvailableFontFamilyNames()));
            } catch (RuntimeException | Error e) {
                // No font configuration at all: fall back to the logical name, which always exists.
            }
            for (String family : families) {
                if (installed.contains(family)) {
                    return new Font(family, style, 1);
                }
            }
            return new Font(families[families.length - 1], style, 1);
        }

        private static double sizePerDot(Font font) {
            LineMetrics m = font.deriveFont(100f).getLineMetrics("Xg", FRC);
            double cell = m.getAscent() + m.getDescent();
            return cell > 0 ? 100.0 / cell : 1.0;
        }
    }

    /** A resolved font: the Java font plus its cell metrics in dots. */
    static final class Face {
        final Font font;
        final double ascent;
        final double height;

        Face(Font font, double ascent, double height) {
            this.font = font;
            this.ascent = ascent;
            this.height = height;
        }

        double width(String text) {
            return text.isEmpty() ? 0 : font.getStringBounds(text, FRC).getWidth();
        }
    }

    private final Map<String, Face> cache = new HashMap<>();
    private final int maxHeight;

    TextPainter(int maxHeight) {
        this.maxHeight = Math.max(10, maxHeight);
    }

    /**
     * The face for a ZPL font name and requested height and width in dots (0 = not given).
     */
    Face face(char name, int h, int w) {
        char n = Character.toUpperCase(name);
        int[] bitmap = BITMAP_SIZES.get(n);
        boolean scalable = bitmap == null && (n == '0' || !Character.isLetter(n));
        int height;
        int width;
        if (bitmap != null || !scalable) {
            int[] base = bitmap != null ? bitmap : BITMAP_SIZES.get('D');
            int magH = h > 0 ? clamp(Math.round(h / (float) base[0]), 1, 10) : 1;
            int magW = w > 0 ? clamp(Math.round(w / (float) base[1]), 1, 10) : magH;
            height = base[0] * magH;
            width = base[1] * magW;
        } else {
            height = h > 0 ? h : w > 0 ? w : 10;
            width = w > 0 ? w : height;
        }
        height = clamp(height, 1, maxHeight);
        width = clamp(width, 1, maxHeight);
        String key = (scalable ? "0:" : "b:") + height + ":" + width;
        Face face = cache.get(key);
        if (face == null) {
            face = scalable ? scalableFace(height, width) : bitmapFace(height, width);
            cache.put(key, face);
        }
        return face;
    }

    private static Face scalableFace(int height, int width) {
        float size = (float) (height * Faces.SCALABLE_SIZE_PER_DOT);
        double stretch = clamp(width / (double) height, 0.1, 10);
        Font font = Faces.SCALABLE.deriveFont(size).deriveFont(AffineTransform.getScaleInstance(stretch, 1));
        LineMetrics m = font.getLineMetrics("Xg", FRC);
        return new Face(font, m.getAscent(), height);
    }

    private static Face bitmapFace(int height, int width) {
        float size = (float) (height * Faces.BITMAP_SIZE_PER_DOT);
        double natural = size * Faces.BITMAP_ADVANCE_PER_SIZE;
        double stretch = clamp(natural > 0 ? width / natural : 1, 0.1, 10);
        Font font = Faces.BITMAP.deriveFont(size).deriveFont(AffineTransform.getScaleInstance(stretch, 1));
        LineMetrics m = font.getLineMetrics("Xg", FRC);
        return new Face(font, m.getAscent(), height);
    }

    /** Lines of a field block ({@code ^FB}) or one line, measured. */
    static final class Block {
        final List<String> lines;
        final double width;
        final double height;
        final double lineHeight;

        Block(List<String> lines, double width, double height, double lineHeight) {
            this.lines = lines;
            this.width = width;
            this.height = height;
            this.lineHeight = lineHeight;
        }
    }

    /**
     * Lays out text: without a block one line; with {@code ^FB} words wrap at {@code blockWidth}, {@code \&}
     * breaks a line, and at most {@code maxLines} lines are kept.
     */
    Block layout(Face face, String text, int blockWidth, int maxLines, int lineSpacing) {
        String clean = printableOnly(text);
        if (blockWidth <= 0) {
            return new Block(List.of(clean), face.width(clean), face.height, face.height);
        }
        List<String> lines = new ArrayList<>();
        for (String paragraph : clean.split("\\\\&", -1)) {
            wrap(face, paragraph, blockWidth, lines, maxLines);
            if (lines.size() >= maxLines) {
                break;
            }
        }
        while (lines.size() > maxLines) {
            lines.remove(lines.size() - 1);
        }
        double lineHeight = face.height + lineSpacing;
        return new Block(lines, blockWidth, Math.max(1, lines.size()) * lineHeight - lineSpacing, lineHeight);
    }

    private static void wrap(Face face, String paragraph, int width, List<String> lines, int maxLines) {
        String[] words = paragraph.split(" ", -1);
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (lines.size() >= maxLines) {
                return;
            }
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (face.width(candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // A word wider than the block is broken where it no longer fits, as the printer does.
            String rest = word;
            while (face.width(rest) > width && rest.length() > 1 && lines.size() < maxLines) {
                int lo = 1;
                int hi = rest.length() - 1;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (face.width(rest.substring(0, mid)) <= width) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                int cut = lo;
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (lines.size() < maxLines) {
            lines.add(line.toString());
        }
    }

    /** Draws a laid-out block in the current field frame, its top-left at (0, 0). */
    void draw(Graphics2D g, Face face, Block block, char justification, int hangingIndent) {
        g.setFont(face.font);
        double y = face.ascent;
        for (int i = 0; i < block.lines.size(); i++) {
            String line = block.lines.get(i);
            double lw = face.width(line);
            double x = i > 0 ? hangingIndent : 0;
            if (justification == 'C') {
                x = (block.width - lw) / 2;
            } else if (justification == 'R') {
                x = block.width - lw;
            }
            if (!line.isEmpty()) {
                g.drawString(line, (float) x, (float) y);
            }
            y += block.lineHeight;
        }
    }

    static String printableOnly(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c < 0xA0);
            if (control && sb == null) {
                sb = new StringBuilder(text.length());
                sb.append(text, 0, i);
            } else if (!control && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
