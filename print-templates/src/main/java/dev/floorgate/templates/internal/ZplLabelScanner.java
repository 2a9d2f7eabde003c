package dev.floorgate.templates.internal;

import java.util.List;

/**
 * Reads a whole raw label with {@link ZplLexer} (the lexer the templates and the preview use) and finds the first
 * thing a LAN client may not send to a shared printer (PROTOCOLS.md 1.5): a command {@link ZplCommandRules}
 * refuses, bytes outside {@code ^XA ... ^XZ} other than white space, a format left open (it would swallow the
 * next job's commands, possibly another tenant's), an SGD ({@code ! U1 ...}) or JSON ({@code {}{...}}) settings
 * line, or a control byte the lexer gives no meaning to (printers may treat some as command aliases). Binary
 * {@code ^GF} data is the one place control bytes pass.
 *
 * <p>The input is the label's bytes as ISO-8859-1, so a character index is the byte offset. Linear, never throws.
 */
public final class ZplLabelScanner {
    private ZplLabelScanner() {
    }

    /** Null when every byte of {@code latin1} is allowed. */
    public static ZplRefusal firstRefusal(String latin1) {
        List<ZplCommand> cmds = ZplLexer.lex(latin1);
        int firstStart = cmds.isEmpty() ? latin1.length() : cmds.get(0).start();
        ZplRefusal outside = outsideText(latin1, 0, firstStart);
        if (outside != null) {
            return outside;
        }
        ZplCommand open = null;
        for (ZplCommand c : cmds) {
            String reason = ZplCommandRules.refusal(c);
            if (reason != null) {
                return new ZplRefusal(c.label(), c.start(), reason);
            }
            if (open == null) {
                if (!c.is("XA")) {
                    return new ZplRefusal(c.label(), c.start(), "outside a label format ^XA ... ^XZ");
                }
                open = c;
            } else if (c.is("XA")) {
                return new ZplRefusal("^XA", c.start(), "a second ^XA inside the format opened at byte "
                        + open.start() + "; close it with ^XZ first");
            } else if (c.is("XZ")) {
                open = null;
                outside = outsideText(latin1, c.paramsStart(), c.end());
                if (outside != null) {
                    return outside;
                }
                continue;
            }
            ZplRefusal inParams = paramsRefusal(latin1, c);
            if (inParams != null) {
                return inParams;
            }
        }
        if (open != null) {
            return new ZplRefusal("^XA", open.start(), "the format opened here is never closed with ^XZ; it would "
                    + "take in the next job's commands");
        }
        if (cmds.isEmpty()) {
            return new ZplRefusal("", 0, "no label format ^XA ... ^XZ");
        }
        return null;
    }

    /** Text between formats: white space only; an SGD or JSON line is named as such. */
    private static ZplRefusal outsideText(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
                continue;
            }
            ZplRefusal line = settingsLine(s, i);
            if (line != null) {
                return line;
            }
            return new ZplRefusal(byteName(ch), i, "bytes outside a label format ^XA ... ^XZ (only white space "
                    + "may come between formats)");
        }
        return null;
    }

    private static ZplRefusal paramsRefusal(String s, ZplCommand c) {
        boolean binary = c.is("GF");
        for (int i = c.paramsStart(); i < c.end(); i++) {
            char ch = s.charAt(i);
            if (ch == '!' || ch == '{') {
                ZplRefusal line = settingsLine(s, i);
                if (line != null) {
                    return line;
                }
            } else if (!binary && (ch < 0x20 || ch == 0x7F) && ch != '\t' && ch != '\r' && ch != '\n') {
                return new ZplRefusal(byteName(ch), i, "control byte in the parameters of " + c.label()
                        + " (write data bytes as ^FH escapes)");
            }
        }
        return null;
    }

    /**
     * An SGD line ({@code ! U1 setvar ...}, {@code ! U getvar ...}, any line starting with {@code !}) or a JSON
     * settings line ({@code {}{"device.reset":""}}) at {@code i}. Printers act on these outside ZPL's syntax, so
     * the lexer cannot see them as commands.
     */
    private static ZplRefusal settingsLine(String s, int i) {
        char ch = s.charAt(i);
        boolean lineStart = atLineStart(s, i);
        if (ch == '!' && (lineStart || sgdVerbFollows(s, i + 1))) {
            return new ZplRefusal("!", i, "SGD command line (setvar/getvar/do change or query printer settings)");
        }
        if (ch == '{' && lineStart && startsWithIgnoreCase(s, i, "{}")) {
            return new ZplRefusal("{}", i, "JSON settings command (changes or queries printer settings)");
        }
        return null;
    }

    /** {@code U1 } or {@code U } after the {@code !}, with or without a space between: the SGD envelope. */
    private static boolean sgdVerbFollows(String s, int i) {
        int j = i < s.length() && s.charAt(i) == ' ' ? i + 1 : i;
        return startsWithIgnoreCase(s, j, "U1") || startsWithIgnoreCase(s, j, "U ");
    }

    private static boolean atLineStart(String s, int i) {
        int j = i - 1;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j--;
        }
        return j < 0 || s.charAt(j) == '\n' || s.charAt(j) == '\r';
    }

    private static boolean startsWithIgnoreCase(String s, int i, String prefix) {
        return s.regionMatches(true, i, prefix, 0, prefix.length());
    }

    private static String byteName(char ch) {
        return ch >= 0x21 && ch < 0x7F ? String.valueOf(ch) : String.format("0x%02X", (int) ch);
    }
}
