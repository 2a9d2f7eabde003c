package dev.floorgate.sync.internal;

/**
 * Events per second over the last minute, in 60 one-second buckets (for the "sync rate" gauge; the total is a
 * separate counter). Thread-safe.
 */
final class RateMeter {
    private static final int SECONDS = 60;
    private final long[] counts = new long[SECONDS];
    private final long[] stamps = new long[SECONDS];

    /** Counts {@code n} events now. */
    public synchronized void mark(long n, long nowMillis) {
        long second = nowMillis / 1000;
        int i = (int) (second % SECONDS);
        if (stamps[i] != second) {
            stamps[i] = second;
            counts[i] = 0;
        }
        counts[i] += n;
    }

    /** The mean rate over the last 60 s. */
    public synchronized double perSecond(long nowMillis) {
        long second = nowMillis / 1000;
        long sum = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (second - stamps[i] < SECONDS) {
                sum += counts[i];
            }
        }
        return sum / (double) SECONDS;
    }
}
