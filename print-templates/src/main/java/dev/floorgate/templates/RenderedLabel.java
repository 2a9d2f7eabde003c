package dev.floorgate.templates;

/**
 * ZPL ready for a printer: one {@code ^XA...^XZ} label format. For a template render the format already carries
 * {@code ^PQ} with the copies, so the spooler sends {@link #zpl()} once; {@link #copies()} is what the job
 * prints. Raw ZPL ({@link #raw(String)}) is passed on untouched.
 */
public final class RenderedLabel {
    /** Raw ZPL longer than this is refused: a label, even with embedded graphics, is far smaller. */
    public static final int MAX_RAW_CHARS = 1 << 20;

    private final String template;
    private final String zpl;
    private final int copies;

    RenderedLabel(String template, String zpl, int copies) {
        this.template = template;
        this.zpl = zpl;
        this.copies = copies;
    }

    /**
     * Raw ZPL (a carrier's label) as a print job: not parsed, not changed; copies is 1 because only the ZPL's own
     * {@code ^PQ} decides. Preview it with {@link ZplPreview}.
     */
    public static RenderedLabel raw(String zpl) {
        if (zpl == null || zpl.isEmpty()) {
            throw new IllegalArgumentException("raw ZPL is " + (zpl == null ? "null" : "empty"));
        }
        if (zpl.length() > MAX_RAW_CHARS) {
            throw new IllegalArgumentException("raw ZPL of " + zpl.length() + " characters exceeds " + MAX_RAW_CHARS);
        }
        return new RenderedLabel(null, zpl, 1);
    }

    public String zpl() {
        return zpl;
    }

    public int copies() {
        return copies;
    }

    /** The template name, or null for raw ZPL. */
    public String template() {
        return template;
    }

    public boolean isRaw() {
        return template == null;
    }

    @Override
    public String toString() {
        return "RenderedLabel[" + (template == null ? "raw" : template) + ", " + zpl.length() + " chars, copies="
                + copies + "]";
    }
}
