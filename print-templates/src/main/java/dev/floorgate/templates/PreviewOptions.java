package dev.floorgate.templates;

/**
 * Bounds of one {@link ZplPreview} render. Immutable; start from {@link #defaults()} and change what you need.
 * Every bound exists so that hostile or broken ZPL costs a bounded amount of time and memory.
 */
public final class PreviewOptions {
    /** 1 MiB of ZPL: room for carrier labels with embedded {@code ^GF} logos. */
    public static final int DEFAULT_MAX_INPUT_CHARS = 1 << 20;
    public static final double DEFAULT_MAX_WIDTH_INCHES = 12;
    public static final double DEFAULT_MAX_HEIGHT_INCHES = 24;
    public static final int DEFAULT_MAX_WARNINGS = 100;
    public static final int DEFAULT_MAX_FIELDS = 5000;

    private static final PreviewOptions DEFAULTS = new PreviewOptions(DEFAULT_MAX_INPUT_CHARS,
            DEFAULT_MAX_WIDTH_INCHES, DEFAULT_MAX_HEIGHT_INCHES, DEFAULT_MAX_WARNINGS, DEFAULT_MAX_FIELDS);

    private final int maxInputChars;
    private final double maxWidthInches;
    private final double maxHeightInches;
    private final int maxWarnings;
    private final int maxFields;

    private PreviewOptions(int maxInputChars, double maxWidthInches, double maxHeightInches, int maxWarnings,
            int maxFields) {
        if (maxInputChars < 1) {
            throw new IllegalArgumentException("maxInputChars " + maxInputChars + " must be at least 1");
        }
        if (!(maxWidthInches > 0 && maxWidthInches <= 100) || !(maxHeightInches > 0 && maxHeightInches <= 100)) {
            throw new IllegalArgumentException("maximum canvas " + maxWidthInches + " x " + maxHeightInches
                    + " in must be within (0, 100] inches on each side");
        }
        if (maxWarnings < 1 || maxFields < 1) {
            throw new IllegalArgumentException("maxWarnings " + maxWarnings + " and maxFields " + maxFields
                    + " must be at least 1");
        }
        this.maxInputChars = maxInputChars;
        this.maxWidthInches = maxWidthInches;
        this.maxHeightInches = maxHeightInches;
        this.maxWarnings = maxWarnings;
        this.maxFields = maxFields;
    }

    /** 1 MiB of input, a 12 x 24 in canvas, 100 distinct warnings, 5000 drawn fields. */
    public static PreviewOptions defaults() {
        return DEFAULTS;
    }

    /** Longer input is refused with IllegalArgumentException. */
    public int maxInputChars() {
        return maxInputChars;
    }

    /** A larger label (from {@code ^PW}/{@code ^LL} or the caller) is clipped to this, with a warning. */
    public double maxWidthInches() {
        return maxWidthInches;
    }

    public double maxHeightInches() {
        return maxHeightInches;
    }

    /** Distinct warnings kept; the rest are counted in a last warning. */
    public int maxWarnings() {
        return maxWarnings;
    }

    /** Fields drawn at most; the rest are skipped with a warning. */
    public int maxFields() {
        return maxFields;
    }

    public PreviewOptions withMaxInputChars(int value) {
        return new PreviewOptions(value, maxWidthInches, maxHeightInches, maxWarnings, maxFields);
    }

    public PreviewOptions withMaxCanvasInches(double width, double height) {
        return new PreviewOptions(maxInputChars, width, height, maxWarnings, maxFields);
    }

    public PreviewOptions withMaxWarnings(int value) {
        return new PreviewOptions(maxInputChars, maxWidthInches, maxHeightInches, value, maxFields);
    }

    public PreviewOptions withMaxFields(int value) {
        return new PreviewOptions(maxInputChars, maxWidthInches, maxHeightInches, maxWarnings, value);
    }

    @Override
    public String toString() {
        return "PreviewOptions[maxInputChars=" + maxInputChars + ", maxCanvas=" + maxWidthInches + "x"
                + maxHeightInches + " in, maxWarnings=" + maxWarnings + ", maxFields=" + maxFields + "]";
    }
}
