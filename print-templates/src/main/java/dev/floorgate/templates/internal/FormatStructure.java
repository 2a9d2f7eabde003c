package dev.floorgate.templates.internal;

import java.util.List;

/**
 * Checks that a template body is exactly one label format: only white space before {@code ^XA} and after
 * {@code ^XZ}, no second {@code ^XA}, no control characters (they would be the single-byte aliases of
 * {@code ^XA}/{@code ^XZ}/{@code ^FS} or invisible data; a template writes them as {@code ^FH} escapes).
 */
final class FormatStructure {
    /** Indexes of the {@code ^XA} and {@code ^XZ} commands. */
    final int start;
    final int end;

    private FormatStructure(int start, int end) {
        this.start = start;
        this.end = end;
    }

    static FormatStructure check(String body, List<ZplCommand> cmds, LineMap lines) throws TemplateSyntaxException {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                throw new TemplateSyntaxException(lines.line(i), String.format(
                        "control character 0x%02X in the template; write it as an ^FH escape", (int) c));
            }
        }
        int firstText = firstNonBlank(body, 0);
        int xa = -1;
        for (int i = 0; i < cmds.size() && xa < 0; i++) {
            if (cmds.get(i).is("XA")) {
                xa = i;
            }
        }
        if (xa < 0) {
            throw new TemplateSyntaxException(lines.line(firstText),
                    "missing ^XA: a template is one label format, ^XA ... ^XZ");
        }
        if (xa > 0) {
            throw new TemplateSyntaxException(lines.line(cmds.get(0).start()), cmds.get(0).label()
                    + " comes before ^XA");
        }
        int xaLine = lines.line(cmds.get(xa).start());
        if (firstText < cmds.get(xa).start()) {
            throw new TemplateSyntaxException(lines.line(firstText), "text before ^XA");
        }
        int xz = -1;
        for (int i = xa + 1; i < cmds.size() && xz < 0; i++) {
            ZplCommand c = cmds.get(i);
            if (c.is("XA")) {
                throw new TemplateSyntaxException(lines.line(c.start()),
                        "second ^XA before the ^XZ that closes the format opened at line " + xaLine);
            }
            if (c.is("XZ")) {
                xz = i;
            }
        }
        if (xz < 0) {
            throw new TemplateSyntaxException(lines.line(body.length()), "missing ^XZ: the label format opened at line "
                    + xaLine + " is never closed");
        }
        ZplCommand close = cmds.get(xz);
        if (xz + 1 < cmds.size()) {
            ZplCommand next = cmds.get(xz + 1);
            throw new TemplateSyntaxException(lines.line(next.start()), (next.is("XA")
                    ? "more than one label format: ^XA" : next.label()) + " after the ^XZ at line "
                    + lines.line(close.start()));
        }
        if (!close.params().isBlank()) {
            throw new TemplateSyntaxException(lines.line(firstNonBlank(body, close.paramsStart())), "text after ^XZ");
        }
        return new FormatStructure(xa, xz);
    }

    private static int firstNonBlank(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
