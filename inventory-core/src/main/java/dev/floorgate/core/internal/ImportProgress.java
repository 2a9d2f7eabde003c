package dev.floorgate.core.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The import's progress on standard error: rows done of the total, the rate and the time left. On a terminal one
 * bar redrawn in place; otherwise (a log, a pipe, CI) a plain line at most every few seconds and at the end, so a
 * redirected log holds no carriage returns. A small class rather than a library: me.tongfei:progressbar is not
 * among the artifacts this build can reach, and the import needs one line of it.
 */
final class ImportProgress {
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastPlain = startNanos;

    ImportProgress(PrintStream err, String label, long total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (terminal) {
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            err.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + line(done, now));
            if (done >= total) {
                err.println();
            }
            err.flush();
        } else if (now - lastPlain >= PLAIN_EVERY_NANOS || done >= total) {
            lastPlain = now;
            err.println(label + ": " + line(done, now));
        }
    }

    /** Rows per second so far. */
    double rate(long done) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return done / seconds;
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private String line(long done, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        String eta = rate <= 0 || done >= total ? "" : String.format(Locale.ROOT, ", ETA %.0f s",
                (total - done) / rate);
        return String.format(Locale.ROOT, "%d/%d rows, %.0f rows/s%s", done, total, rate, eta);
    }
}
