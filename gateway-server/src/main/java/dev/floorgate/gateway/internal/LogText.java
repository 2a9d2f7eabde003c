package dev.floorgate.gateway.internal;

/**
 * Client text made safe for one log line. A device id, a header, a user name or a field value reaches the log
 * as the client sent it; a CR or LF in it would start a forged log line ("... \n INFO admin signed in"), other
 * control characters (ESC sequences, NUL, DEL, the Unicode line and paragraph separators) can rewrite a terminal
 * or confuse a log shipper. Every such character is escaped visibly ({@code \n}, {@code \r}, {@code \t},
 * otherwise {@code \}{@code uXXXX}) and the result is capped at {@link #MAX_CHARS} characters with a marker that
 * says how much was cut, so one request cannot flood the log either.
 */
public final class LogText {
    /** The most characters of client text one log line carries (after escaping). */
    public static final int MAX_CHARS = 200;

    private LogText() {
    }

    /**
     * The text escaped for a log line: {@code null} as {@code "null"}, control characters escaped, a backslash
     * doubled (so an escaped {@code \n} cannot be told apart from a literal backslash-n only by guessing), and
     * capped at {@link #MAX_CHARS} characters followed by {@code "...(+N chars)"} when longer.
     */
    public static String safe(String clientText) {
        if (clientText == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(clientText.length(), MAX_CHARS) + 16);
        int consumed = 0;
        while (consumed < clientText.length()) {
            char c = clientText.charAt(consumed);
            String piece = escaped(c);
            int pieceLength = piece == null ? 1 : piece.length();
            if (out.length() + pieceLength > MAX_CHARS) {
                break;
            }
            if (piece == null) {
                out.append(c);
            } else {
                out.append(piece);
            }
            consumed++;
        }
        int left = clientText.length() - consumed;
        if (left > 0) {
            out.append("...(+").append(left).append(" chars)");
        }
        return out.toString();
    }

    private static String escaped(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return "\\\\";
            default:
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                        || c == '\u0085') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
