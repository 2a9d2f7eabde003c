package dev.floorgate.lan;

import java.util.Objects;

/**
 * The gateway's clock in GET /health: its offset to the core's clock as measured from the core's answers, the
 * threshold ({@code fg.clock.max-offset}) and what is wrong, if anything. Immutable; made with its constructor.
 * Written and read by {@link LanJson}.
 */
public final class HealthClock {
    private final boolean measured;
    private final long offsetMillis;
    private final long offsetSeconds;
    private final long maxOffsetSeconds;
    private final String problem;

    public HealthClock(boolean measured, long offsetMillis, long offsetSeconds, long maxOffsetSeconds,
            String problem) {
        this.measured = measured;
        this.offsetMillis = offsetMillis;
        this.offsetSeconds = offsetSeconds;
        this.maxOffsetSeconds = maxOffsetSeconds;
        this.problem = problem;
    }

    /** Whether the core's time has been measured since the gateway started (false offline or before the first answer). */
    public boolean measured() {
        return measured;
    }

    /** Core time minus the gateway's clock, ms (positive: the gateway's clock is behind); 0 when not measured. */
    public long offsetMillis() {
        return offsetMillis;
    }

    /** The same offset in whole seconds, rounded toward zero. */
    public long offsetSeconds() {
        return offsetSeconds;
    }

    /** Above this many seconds either way the gateway reports DEGRADED. */
    public long maxOffsetSeconds() {
        return maxOffsetSeconds;
    }

    /** What site IT should fix (the clock is off, the core refuses the key), or null. */
    public String problem() {
        return problem;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthClock)) {
            return false;
        }
        HealthClock that = (HealthClock) o;
        return measured == that.measured && offsetMillis == that.offsetMillis && offsetSeconds == that.offsetSeconds
                && maxOffsetSeconds == that.maxOffsetSeconds && Objects.equals(problem, that.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(measured, offsetMillis, offsetSeconds, maxOffsetSeconds, problem);
    }

    @Override
    public String toString() {
        return "HealthClock{measured=" + measured + ", offsetMillis=" + offsetMillis + ", offsetSeconds="
                + offsetSeconds + ", maxOffsetSeconds=" + maxOffsetSeconds + ", problem=" + problem + "}";
    }
}
