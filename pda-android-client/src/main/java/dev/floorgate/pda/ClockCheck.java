package dev.floorgate.pda;

/**
 * How far this device's clock is from core time, as the gateway says it on every answer ({@code X-FG-Core-Time}),
 * so the app can warn its user when the clock is off by more than a few minutes (a PDA back from a dead battery
 * says 1970). Operations still sync: the gateway stamps its own corrected receive time on them. One per
 * {@link GatewayClient} and the clients made from it; thread-safe.
 */
public final class ClockCheck {
    /** Warn beyond this by default: 3 minutes, as the gateway's {@code fg.clock.device-max-offset}. */
    public static final long DEFAULT_WARN_MILLIS = 180_000;
    private volatile long offsetMillis;
    private volatile boolean known;

    /**
     * One answer: the device's time before sending ({@code t0}) and on receipt ({@code t3}), and the core time the
     * gateway answered with. The round trip's midpoint is compared.
     */
    public void sample(long t0, long coreMillis, long t3) {
        offsetMillis = t0 + Math.max(0, t3 - t0) / 2 - coreMillis;
        known = true;
    }

    /** Device clock minus core time, ms (positive: this device is ahead); 0 before the first answer. */
    public long offsetMillis() {
        return offsetMillis;
    }

    /** Whether an answer carrying core time has been seen. */
    public boolean known() {
        return known;
    }

    /** Whether the app should warn: the offset is known and beyond {@code warnMillis} either way. */
    public boolean off(long warnMillis) {
        return known && Math.abs(offsetMillis) > warnMillis;
    }

    /** A line for the user, or null when the clock is fine or not known yet. */
    public String warning(long warnMillis) {
        if (!off(warnMillis)) {
            return null;
        }
        long minutes = (Math.abs(offsetMillis) + 30_000) / 60_000;
        return "This device's clock is " + minutes + " min " + (offsetMillis > 0 ? "ahead" : "behind")
                + ": tell site IT";
    }
}
