package dev.floorgate.templates;

import dev.floorgate.templates.internal.PreviewRenderer;

/**
 * Draws ZPL as a PNG, one pixel per printer dot, for the template preview page and for checking raw (carrier)
 * labels before they print. Covers what label templates use: {@code ^FO ^FT ^A ^CF ^FW ^GB ^GC ^GE ^GD ^GF ^BY
 * ^BC ^BQ ^BX ^BE ^B3 ^BA ^B8 ^BU ^B2 ^B7 ^FH ^CI ^PW ^LL ^LH ^LS ^LT ^LR ^FR ^FB}; barcodes are drawn with
 * zxing so the picture decodes back to the data. Anything else becomes a warning, never an exception; the only
 * exception is IllegalArgumentException for a null or over-long input, an unknown resolution or a bad size.
 * Thread-safe.
 */
public final class ZplPreview {
    private ZplPreview() {
    }

    /** The first label format of {@code zpl}, sized by its {@code ^PW}/{@code ^LL} (default 4 x 6 in). */
    public static PreviewResult render(String zpl, int dpi) {
        return render(zpl, dpi, 0, 0, PreviewOptions.defaults());
    }

    /** The first label format on a canvas of the given size in dots; {@code ^PW} narrower than it still clips. */
    public static PreviewResult render(String zpl, int dpi, int widthDots, int heightDots) {
        return render(zpl, dpi, widthDots, heightDots, PreviewOptions.defaults());
    }

    /**
     * @param dpi        152, 203, 300 or 600
     * @param widthDots  canvas width in dots, or 0 for {@code ^PW} or 4 in
     * @param heightDots canvas height in dots, or 0 for {@code ^LL} or 6 in
     */
    public static PreviewResult render(String zpl, int dpi, int widthDots, int heightDots, PreviewOptions options) {
        PreviewRenderer.Output out = PreviewRenderer.render(zpl, dpi, widthDots, heightDots, options);
        return new PreviewResult(out.png, out.warnings, out.width, out.height, out.labelCount, out.drawn);
    }
}
