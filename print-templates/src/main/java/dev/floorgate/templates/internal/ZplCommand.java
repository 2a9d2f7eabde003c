package dev.floorgate.templates.internal;

/**
 * One ZPL command as the lexer found it: its prefix ({@code ^} or {@code ~}), its upper-cased code
 * ({@code "FO"}, {@code "BC"}, or {@code "A"} for the font command, whose font letter is the first character
 * of the parameters), its raw parameter text, and where it sits in the input.
 */
public final class ZplCommand {
    /** Format command, whatever the current caret character is. */
    public static final char FORMAT = '^';
    /** Control command, whatever the current tilde character is. */
    public static final char CONTROL = '~';

    private final char kind;
    private final String code;
    private final String params;
    private final int start;
    private final int end;
    private final int paramsStart;
    private final char delimiter;

    public ZplCommand(char kind, String code, String params, int start, int paramsStart, int end) {
        this(kind, code, params, start, paramsStart, end, ',');
    }

    /** @param delimiter the parameter delimiter in force ({@code ^CD}/{@code ~CD} change it; default comma) */
    public ZplCommand(char kind, String code, String params, int start, int paramsStart, int end, char delimiter) {
        this.delimiter = delimiter;
        this.kind = kind;
        this.code = code;
        this.params = params;
        this.start = start;
        this.paramsStart = paramsStart;
        this.end = end;
    }

    /** {@link #FORMAT} or {@link #CONTROL}. */
    public char kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Raw parameter text (for ^FD the field data), as written, line breaks included. */
    public String params() {
        return params;
    }

    /** Offset of the prefix character in the input. */
    public int start() {
        return start;
    }

    /** Offset of the first parameter character. */
    public int paramsStart() {
        return paramsStart;
    }

    /** Offset just past the command's last character. */
    public int end() {
        return end;
    }

    /** The parameter delimiter in force where this command stands. */
    public char delimiter() {
        return delimiter;
    }

    public boolean is(String formatCode) {
        return kind == FORMAT && code.equals(formatCode);
    }

    /** The parameters without CR and LF, which printers ignore inside commands. */
    public String cleanParams() {
        if (params.indexOf('\n') < 0 && params.indexOf('\r') < 0) {
            return params;
        }
        StringBuilder sb = new StringBuilder(params.length());
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c != '\n' && c != '\r') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** How the command is shown in messages: {@code ^FO}, {@code ~HS}. */
    public String label() {
        return (kind == FORMAT ? "^" : "~") + code;
    }

    @Override
    public String toString() {
        return label() + params;
    }
}
