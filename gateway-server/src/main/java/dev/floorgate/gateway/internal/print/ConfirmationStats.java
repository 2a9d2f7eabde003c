package dev.floorgate.gateway.internal.print;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What print confirmation did per printer, for {@code /metrics} and site IT's page: whether the printer is
 * closed-loop (its label counter confirms what it printed) and why not, labels confirmed by the counter, labels
 * sent again by themselves because the counter proved them missing, jobs handed to a person because the count
 * could not be known, and the time from enqueue to confirmed label over the last {@value #WINDOW} jobs
 * (p50, p99). Thread-safe.
 */
public final class ConfirmationStats {
    /** Latency samples kept per printer: enough for a p99, small enough to sort on every scrape. */
    static final int WINDOW = 1024;

    /** One printer's figures. */
    public static final class Printer {
        private volatile Boolean closedLoop;
        private volatile String note;
        final AtomicLong labelsConfirmed = new AtomicLong();
        final AtomicLong labelsRecovered = new AtomicLong();
        final AtomicLong jobsToPerson = new AtomicLong();
        private final long[] latencyMillis = new long[WINDOW];
        private int samples;
        private int next;

        /** True: confirmed by its counter; false: not closed-loop (see {@link #note()}); null: not known yet. */
        public Boolean closedLoop() {
            return closedLoop;
        }

        /** Why the printer is not closed-loop, "" when it is, null while not known. */
        public String note() {
            return note;
        }

        public long labelsConfirmed() {
            return labelsConfirmed.get();
        }

        public long labelsRecovered() {
            return labelsRecovered.get();
        }

        public long jobsToPerson() {
            return jobsToPerson.get();
        }

        synchronized void latency(long millis) {
            latencyMillis[next] = millis;
            next = (next + 1) % WINDOW;
            samples = Math.min(WINDOW, samples + 1);
        }

        /** The {@code q} quantile (0..1) of enqueue-to-confirmed in milliseconds; -1 without samples. */
        public synchronized long latencyQuantile(double q) {
            if (samples == 0) {
                return -1;
            }
            long[] sorted = Arrays.copyOf(latencyMillis, samples);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(q * samples) - 1;
            return sorted[Math.max(0, Math.min(samples - 1, index))];
        }
    }

    private final Map<String, Printer> printers = new ConcurrentSkipListMap<>();

    public Printer printer(String name) {
        return printers.computeIfAbsent(name, n -> new Printer());
    }

    /** Every printer seen, by name. */
    public Map<String, Printer> all() {
        return printers;
    }

    void closedLoop(String name, boolean closed, String note) {
        Printer p = printer(name);
        p.closedLoop = closed;
        p.note = closed ? "" : note;
    }
}
