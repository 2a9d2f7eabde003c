package dev.floorgate.templates.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The label being drawn: a 1-bit image, one pixel per printer dot, white paper, black ink. Fields draw in their
 * own frame after {@link #begin}; reverse fields ({@code ^FR}, {@code ^LR}) draw in XOR mode so they invert
 * what is under them, as on the printer.
 */
final class LabelCanvas {
    private final BufferedImage image;
    private final Graphics2D g;
    private final AffineTransform base;

    LabelCanvas(int width, int height, int clipWidth) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        if (clipWidth < width) {
            g.setClip(0, 0, clipWidth, height);
        }
        base = g.getTransform();
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** Starts a field: its frame, and ink (black), white ({@code ^GB...,W}) or invert. */
    Graphics2D begin(AffineTransform frame, boolean white, boolean reverse) {
        g.setTransform(base);
        g.transform(frame);
        if (reverse) {
            g.setXORMode(Color.WHITE);
            g.setColor(Color.BLACK);
        } else {
            g.setPaintMode();
            g.setColor(white ? Color.WHITE : Color.BLACK);
        }
        return g;
    }

    void end() {
        g.setTransform(base);
        g.setPaintMode();
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }
}
