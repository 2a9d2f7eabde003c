package dev.floorgate.barcodes;

/**
 * A GS1 scan or element that breaks the GS1 rules: a bad check digit, an impossible date, a value too long or
 * too short, a character outside the AI's character set, an unknown AI, a truncated fixed-length field.
 *
 * <p>When the problem is about one Application Identifier, {@link #ai()} names it and the message starts with
 * {@code "AI (17): "}, e.g. {@code "AI (17): month 13 out of range in 251331"}. It extends
 * {@link IllegalArgumentException} because the input, not the program, is wrong.
 */
public final class Gs1ParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String ai;

    /** An error about one AI; the message becomes {@code "AI (<ai>): <detail>"}. */
    public Gs1ParseException(String ai, String detail) {
        super("AI (" + ai + "): " + detail);
        this.ai = ai;
    }

    /** An error about the scan as a whole (no single AI to blame). */
    public Gs1ParseException(String message) {
        super(message);
        this.ai = null;
    }

    /** An error about the scan as a whole, keeping its cause. */
    public Gs1ParseException(String message, Throwable cause) {
        super(message, cause);
        this.ai = null;
    }

    /** The AI the error is about, or {@code null} when it is not about one AI. */
    public String ai() {
        return ai;
    }
}
