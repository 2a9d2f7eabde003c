package dev.floorgate.sync.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for one tenant's uploads: after the n-th failure in a row the wait is drawn from
 * [d/2, d] with d = min(max, min * 2^(n-1)), so many gateways (or tenants) that failed together do not retry
 * together. A server's Retry-After replaces the drawn wait (plus up to 10% jitter), bounded by
 * {@link #MAX_RETRY_AFTER}. Not thread-safe; owned by one lane.
 */
public final class Backoff {
    /** The longest Retry-After honoured; a larger value is taken as this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

    private final long minMillis;
    private final long maxMillis;
    private int failures;

    public Backoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = Math.max(max.toMillis(), minMillis);
    }

    /** Counts a failure and returns how long to wait before the next attempt. */
    public long nextDelayMillis(Duration retryAfter) {
        failures++;
        if (retryAfter != null) {
            long ra = Math.min(Math.max(retryAfter.toMillis(), 0), MAX_RETRY_AFTER.toMillis());
            return ra + ThreadLocalRandom.current().nextLong(ra / 10 + 1);
        }
        int shift = Math.min(failures - 1, 30);
        long d = Math.min(maxMillis, minMillis << shift);
        if (d <= 0) {
            d = maxMillis;
        }
        return d / 2 + ThreadLocalRandom.current().nextLong(d - d / 2 + 1);
    }

    /** A success: the next failure starts from the minimum again. */
    public void reset() {
        failures = 0;
    }

    /** Failures in a row so far. */
    public int failures() {
        return failures;
    }
}
