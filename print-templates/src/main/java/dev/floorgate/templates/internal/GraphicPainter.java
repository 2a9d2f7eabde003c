package dev.floorgate.templates.internal;

import dev.floorgate.templates.DrawnField;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/**
 * The graphic commands as shapes in the field's own frame: {@code ^GB} box, {@code ^GC} circle, {@code ^GE}
 * ellipse, {@code ^GD} diagonal line. A box whose border is at least half its shorter side is solid, which is
 * how ZPL draws lines ({@code ^GB700,3,3}).
 */
final class GraphicPainter {
    /** A shape with its box size, its ink colour and what kind of field it is. */
    static final class Graphic {
        final DrawnField.Kind kind;
        final Shape shape;
        final int width;
        final int height;
        final boolean white;

        Graphic(DrawnField.Kind kind, Shape shape, int width, int height, boolean white) {
            this.kind = kind;
            this.shape = shape;
            this.width = width;
            this.height = height;
            this.white = white;
        }

        void fill(Graphics2D g) {
            g.fill(shape);
        }
    }

    private GraphicPainter() {
    }

    static Graphic of(ZplCommand cmd, PreviewWarnings warnings) {
        Params p = Params.of(cmd, warnings);
        switch (cmd.code()) {
            case "GB": {
                int t = p.integer(2, 1, 1, 32000);
                int w = Math.max(t, p.integer(0, t, 0, 32000));
                int h = Math.max(t, p.integer(1, t, 0, 32000));
                boolean white = p.letter(3, 'B') == 'W';
                int rounding = p.integer(4, 0, 0, 8);
                double arc = rounding * Math.min(w, h) / 8.0;
                Shape outer = new RoundRectangle2D.Double(0, 0, w, h, arc, arc);
                if (2L * t >= Math.min(w, h)) {
                    return new Graphic(DrawnField.Kind.BOX, outer, w, h, white);
                }
                Area ring = new Area(outer);
                double innerArc = Math.max(0, arc - 2 * t);
                ring.subtract(new Area(new RoundRectangle2D.Double(t, t, w - 2.0 * t, h - 2.0 * t, innerArc,
                        innerArc)));
                return new Graphic(DrawnField.Kind.BOX, ring, w, h, white);
            }
            case "GC": {
                int d = p.integer(0, 3, 3, 4095);
                int t = p.integer(1, 1, 1, 4095);
                boolean white = p.letter(2, 'B') == 'W';
                return new Graphic(DrawnField.Kind.CIRCLE, ring(d, d, t), d, d, white);
            }
            case "GE": {
                int t = p.integer(2, 1, 1, 4095);
                int w = Math.max(t, p.integer(0, t, 3, 4095));
                int h = Math.max(t, p.integer(1, t, 3, 4095));
                boolean white = p.letter(3, 'B') == 'W';
                return new Graphic(DrawnField.Kind.ELLIPSE, ring(w, h, t), w, h, white);
            }
            case "GD": {
                int t = p.integer(2, 1, 1, 32000);
                int w = Math.max(t, p.integer(0, t, 3, 32000));
                int h = Math.max(t, p.integer(1, t, 3, 32000));
                boolean white = p.letter(3, 'B') == 'W';
                boolean leftLeaning = p.letter(4, 'R') == 'L';
                Path2D.Double path = new Path2D.Double();
                if (leftLeaning) {
                    path.moveTo(0, 0);
                    path.lineTo(t, 0);
                    path.lineTo(w, h);
                    path.lineTo(w - t, h);
                } else {
                    path.moveTo(w - t, 0);
                    path.lineTo(w, 0);
                    path.lineTo(t, h);
                    path.lineTo(0, h);
                }
                path.closePath();
                return new Graphic(DrawnField.Kind.DIAGONAL, path, w, h, white);
            }
            default:
                return null;
        }
    }

    private static Shape ring(int w, int h, int t) {
        Ellipse2D outer = new Ellipse2D.Double(0, 0, w, h);
        if (2L * t >= Math.min(w, h)) {
            return outer;
        }
        Area ring = new Area(outer);
        ring.subtract(new Area(new Ellipse2D.Double(t, t, w - 2.0 * t, h - 2.0 * t)));
        return ring;
    }
}
