package dev.floorgate.templates.internal;

import java.util.Arrays;

/** Offsets in a template body to line numbers of its file, for error messages. */
final class LineMap {
    private final int[] lineStarts;
    private final int firstLine;
    private final int length;

    /** @param firstLine the file line number of the body's first line */
    LineMap(String body, int firstLine) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
        this.firstLine = firstLine;
        this.length = body.length();
    }

    /** The line of {@code offset}; the end of a body that ends with a line break counts as its last line. */
    int line(int offset) {
        int at = Math.max(0, Math.min(offset, length));
        int index = Arrays.binarySearch(lineStarts, at);
        int line = index >= 0 ? index : -index - 2;
        if (at == length && line > 0 && lineStarts[line] == length) {
            line--;
        }
        return firstLine + line;
    }
}
