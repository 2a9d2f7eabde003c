package dev.floorgate.devices.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: the minimum, doubling after each failure up to the maximum, each shortened by up to 20% at
 * random so that devices that failed together do not retry together. Not thread-safe; callers hold their lock.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    /** The delay before the next attempt; counts one more failure. */
    long nextDelayMillis() {
        long delay = minMillis;
        for (int i = 0; i < failures && delay < maxMillis; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, maxMillis);
        failures++;
        return Math.max(1, delay - (long) (delay * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }

    /** Failures since the last success. */
    int failures() {
        return failures;
    }

    void reset() {
        failures = 0;
    }
}
