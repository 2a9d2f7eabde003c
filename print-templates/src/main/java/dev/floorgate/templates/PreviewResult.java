package dev.floorgate.templates;

import java.util.List;

/** A rendered preview: the PNG of the first label format, what was drawn, and what could not be shown exactly. */
public final class PreviewResult {
    private final byte[] png;
    private final List<String> warnings;
    private final int widthPx;
    private final int heightPx;
    private final int labelCount;
    private final List<DrawnField> drawnFields;

    PreviewResult(byte[] png, List<String> warnings, int widthPx, int heightPx, int labelCount,
            List<DrawnField> drawnFields) {
        this.png = png;
        this.warnings = List.copyOf(warnings);
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        this.labelCount = labelCount;
        this.drawnFields = List.copyOf(drawnFields);
    }

    /** The PNG (1 bit per pixel, one pixel per printer dot); a copy. */
    public byte[] png() {
        return png.clone();
    }

    /** Unknown or unsupported commands and bad parameters, each once with a count; never null. */
    public List<String> warnings() {
        return warnings;
    }

    public int widthPx() {
        return widthPx;
    }

    public int heightPx() {
        return heightPx;
    }

    /** How many {@code ^XA...^XZ} label formats the input holds; only the first is drawn. */
    public int labelCount() {
        return labelCount;
    }

    /** The fields drawn, in order. */
    public List<DrawnField> drawnFields() {
        return drawnFields;
    }

    @Override
    public String toString() {
        return "PreviewResult[" + widthPx + "x" + heightPx + " px, " + png.length + " bytes PNG, labels="
                + labelCount + ", fields=" + drawnFields.size() + ", warnings=" + warnings.size() + "]";
    }
}
