package dev.floorgate.templates.internal;

import java.awt.geom.AffineTransform;

/**
 * Where a field goes: maps the field's own unrotated frame (origin top-left, x right, y down, the field's box
 * {@code w} x {@code h}) onto the label for a field origin and an orientation.
 *
 * <p>{@code ^FO} gives the upper-left corner of the field as printed, whatever the rotation. {@code ^FT} gives
 * the typeset anchor (the text baseline, the base of a barcode, the bottom of a box), which in the field's own
 * frame is the point {@code (0, anchorY)}; rotation turns the field around that point.
 */
final class Placement {
    private Placement() {
    }

    static AffineTransform of(double x, double y, boolean typeset, char orientation, double w, double h,
            double anchorY) {
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        if (typeset) {
            t.rotate(angle(orientation));
            t.translate(0, -anchorY);
            return t;
        }
        switch (orientation) {
            case 'R':
                t.translate(h, 0);
                break;
            case 'I':
                t.translate(w, h);
                break;
            case 'B':
                t.translate(0, w);
                break;
            default:
                break;
        }
        t.rotate(angle(orientation));
        return t;
    }

    static double angle(char orientation) {
        switch (orientation) {
            case 'R':
                return Math.PI / 2;
            case 'I':
                return Math.PI;
            case 'B':
                return -Math.PI / 2;
            default:
                return 0;
        }
    }

    /** N, R, I or B for a parameter letter; anything else is {@code fallback}. */
    static char orientation(String param, char fallback) {
        if (param == null || param.isEmpty()) {
            return fallback;
        }
        char c = Character.toUpperCase(param.charAt(0));
        return c == 'N' || c == 'R' || c == 'I' || c == 'B' ? c : fallback;
    }
}
