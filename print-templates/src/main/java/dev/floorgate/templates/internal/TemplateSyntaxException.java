package dev.floorgate.templates.internal;

/** A problem in a template's text at a line (1-based; 0 = the whole file). */
public final class TemplateSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public TemplateSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    public TemplateSyntaxException(int line, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
