package dev.floorgate.templates;

import java.util.Objects;

/**
 * One field the preview drew: what it is, where its origin is (in dots, label home included), the data it
 * shows after {@code ^FH}/{@code ^CI} decoding (for barcodes, the encoded content: GS1 element strings with GS
 * separators and without the leading FNC1), and the box it covers on the label. Lets callers and tests check
 * what a label says without reading pixels. Equality is by kind, origin and data; the box follows from them.
 */
public final class DrawnField {
    /** What kind of field was drawn. */
    public enum Kind { TEXT, CODE128, CODE39, CODE93, EAN13, EAN8, UPCA, UPCE, INTERLEAVED_2OF5, QR, DATA_MATRIX,
        PDF417, MAXICODE, BOX, CIRCLE, ELLIPSE, DIAGONAL, GRAPHIC, AZTEC, UPC_EAN_ADDON, CODABAR, CODE11, MSI,
        PLESSEY, STANDARD_2OF5, INDUSTRIAL_2OF5, LOGMARS, CODE49, CODABLOCK, DATABAR, POSTNET, PLANET, USPS_IMB,
        MICRO_PDF417, TLC39 }

    private final Kind kind;
    private final int x;
    private final int y;
    private final String data;
    private final int left;
    private final int top;
    private final int width;
    private final int height;

    /** A field whose box is unknown (empty, at its origin). */
    public DrawnField(Kind kind, int x, int y, String data) {
        this(kind, x, y, data, x, y, 0, 0);
    }

    public DrawnField(Kind kind, int x, int y, String data, int left, int top, int width, int height) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.x = x;
        this.y = y;
        this.data = data == null ? "" : data;
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
    }

    public Kind kind() {
        return kind;
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    /** The decoded data; empty for graphics. */
    public String data() {
        return data;
    }

    /** Left edge of the box the field covers, in dots (after rotation). */
    public int left() {
        return left;
    }

    public int top() {
        return top;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrawnField && ((DrawnField) o).kind == kind && ((DrawnField) o).x == x
                && ((DrawnField) o).y == y && ((DrawnField) o).data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, x, y, data);
    }

    @Override
    public String toString() {
        return kind + "@" + x + "," + y + " [" + left + "," + top + " " + width + "x" + height + "]"
                + (data.isEmpty() ? "" : " '" + data + "'");
    }
}
