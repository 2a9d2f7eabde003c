package dev.floorgate.pda.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between {@code initialMillis} and {@code maxMillis}: each failure doubles the
 * delay, a success resets it. The jitter (the delay is drawn from its upper half) keeps a floor of PDAs that
 * lost Wi-Fi together from coming back in step. Not thread-safe.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(long initialMillis, long maxMillis) {
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("backoff needs 1 <= initial <= max, got initial " + initialMillis
                    + " ms, max " + maxMillis + " ms");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt, and doubles the one after. */
    public long next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        long half = base / 2;
        return half + ThreadLocalRandom.current().nextLong(base - half + 1);
    }

    /** At least {@code floorMillis} (a server's {@code retry:}), within the maximum. */
    public long next(long floorMillis) {
        return Math.min(maxMillis, Math.max(floorMillis, next()));
    }

    public void reset() {
        nextMillis = initialMillis;
    }
}
