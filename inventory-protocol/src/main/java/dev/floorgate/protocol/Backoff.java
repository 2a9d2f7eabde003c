package dev.floorgate.protocol;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, for every client that retries a FloorGate server (the gateway's uploader to the
 * core, the PDA's queue and event stream to the gateway). After the n-th failure in a row the wait is drawn from
 * {@code [d/2, d]} with {@code d = min(max, min * 2^(n-1))}: many devices that failed together do not come back
 * together. A success ({@link #reset()}) starts again from the minimum.
 *
 * <p>A server can ask for a wait in two ways, and both are bounded so a bad value cannot park a client for days:
 * <ul>
 *   <li>{@link #next(Duration) Retry-After} (HTTP 429/503) <em>replaces</em> the drawn wait, plus up to 10% jitter,
 *       capped at {@code maxServerWait} (15 minutes unless told), even when that is above {@code max};</li>
 *   <li>{@link #next(long) a floor} (an event stream's {@code retry:} field) is the least wait, within
 *       {@code max}.</li>
 * </ul>
 * Android-safe (API 26: java.time, no records). Not thread-safe: one instance per retrying loop.
 */
public final class Backoff {
    /** The longest server-requested wait honoured unless a constructor says otherwise. */
    public static final Duration DEFAULT_MAX_SERVER_WAIT = Duration.ofMinutes(15);

    private final long minMillis;
    private final long maxMillis;
    private final long maxServerWaitMillis;
    private int failures;

    /**
     * @throws IllegalArgumentException unless {@code 1 <= minMillis <= maxMillis}
     */
    public Backoff(long minMillis, long maxMillis) {
        this(minMillis, maxMillis, DEFAULT_MAX_SERVER_WAIT.toMillis());
    }

    /**
     * @param maxServerWaitMillis the longest Retry-After honoured
     * @throws IllegalArgumentException unless {@code 1 <= minMillis <= maxMillis} and {@code maxServerWaitMillis >= 0}
     */
    public Backoff(long minMillis, long maxMillis, long maxServerWaitMillis) {
        if (minMillis < 1 || maxMillis < minMillis || maxServerWaitMillis < 0) {
            throw new IllegalArgumentException("backoff needs 1 <= min <= max and a server wait cap >= 0, got min "
                    + minMillis + " ms, max " + maxMillis + " ms, cap " + maxServerWaitMillis + " ms");
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.maxServerWaitMillis = maxServerWaitMillis;
    }

    /** A backoff from {@code min} to {@code max} (a minimum under 1 ms counts as 1 ms). */
    public static Backoff between(Duration min, Duration max) {
        long lo = Math.max(1, min.toMillis());
        return new Backoff(lo, Math.max(lo, max.toMillis()));
    }

    /** Counts a failure and returns the wait before the next attempt, in ms. */
    public long next() {
        failures++;
        int shift = Math.min(failures - 1, 62);
        // min << shift <= max exactly when min <= max >> shift; comparing that way cannot overflow
        long d = minMillis > (maxMillis >> shift) ? maxMillis : minMillis << shift;
        return d / 2 + ThreadLocalRandom.current().nextLong(d - d / 2 + 1);
    }

    /**
     * Counts a failure; the wait is at least {@code floorMillis} (the server's {@code retry:}), and at most
     * {@code max}.
     */
    public long next(long floorMillis) {
        return Math.min(maxMillis, Math.max(floorMillis, next()));
    }

    /**
     * Counts a failure; with a {@code retryAfter} from the server the wait is that (negative counts as zero,
     * capped at the server wait cap) plus up to 10% jitter, else {@link #next()}.
     */
    public long next(Duration retryAfter) {
        if (retryAfter == null) {
            return next();
        }
        failures++;
        long ra = Math.min(Math.max(retryAfter.toMillis(), 0), maxServerWaitMillis);
        return ra + ThreadLocalRandom.current().nextLong(ra / 10 + 1);
    }

    /** A success: the next failure starts from the minimum again. */
    public void reset() {
        failures = 0;
    }

    /** Failures in a row so far. */
    public int failures() {
        return failures;
    }

    public long minMillis() {
        return minMillis;
    }

    public long maxMillis() {
        return maxMillis;
    }

    /** The longest Retry-After honoured. */
    public long maxServerWaitMillis() {
        return maxServerWaitMillis;
    }
}
