package dev.floorgate.sync;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How far this machine's clock is from the core's, measured NTP-style from every answer of the core, so the gateway
 * can sign and stamp in core time whatever its own clock says (DESIGN.md, "Wrong clocks"). Thread-safe.
 *
 * <p><b>One sample</b> per answer: the local time {@code t0} before the request was sent, the core's time {@code c}
 * from its {@code X-FG-Core-Time} header (or, coarser, its {@code Date} header), the local time {@code t3} when the
 * answer arrived. Assuming the core stamped halfway through the round trip, {@code offset = c - (t0 + t3) / 2},
 * wrong by at most half the round trip {@code t3 - t0}.
 *
 * <p><b>Smoothed and outlier-resistant</b> as NTP's clock filter: of the last {@value #WINDOW} samples the estimate is
 * the median offset of the {@value #BEST} with the shortest round trips. A slow answer (a queue at the core, a
 * retransmit) has a long round trip and an offset that may be off by half of it; it is left out. One wild sample
 * cannot move a median of four.
 *
 * <p><b>Anchored to the monotonic clock</b>: each sample is kept as core time minus the monotonic clock (not minus
 * the wall clock), and core time now is the best sample's core time carried forward by the monotonic clock. So a
 * local clock set by hand (site IT "fixing" it mid-shift) or stepped by a late NTP does not move the corrected time
 * at all, even before the next answer: the gateway keeps signing and stamping in core time through the jump, and
 * {@link #offsetMillis} shows the new difference at once. The monotonic clock's rate error (a cheap crystal's 50 ppm
 * is 4 s a day) is taken out by every new answer.
 *
 * <p><b>Jumps of the other kind</b>: Linux's monotonic clock stops while the machine is suspended, so after a resume
 * the wall clock is right and the samples are behind. A sample whose wall-clock and monotonic steps since the
 * previous one differ by more than {@value #JUMP_MILLIS} ms therefore clears the window (the new answer is the truth
 * either way); and the uploader, refused with {@code STALE_TIMESTAMP}, calls {@link #reset} with that answer's
 * sample and signs again at once.
 */
public final class ClockOffset {
    static final int WINDOW = 8;
    static final int BEST = 4;
    static final long JUMP_MILLIS = 1_000;

    private final Clock local;
    private final LongSupplier monotonicNanos;
    private final Deque<Sample> samples = new ArrayDeque<>(); // guarded by this
    private long lastLocal; // guarded by this
    private long lastNanos; // guarded by this
    /** Core epoch ms minus monotonic ms, as estimated; meaningful once {@link #known}. */
    private volatile long coreMinusMonotonic;
    private volatile long uncertaintyMillis = -1;
    private volatile long sampledAtMillis;

    /** One measurement: core time minus monotonic time, and the round trip, in ms. */
    private static final class Sample {
        final long offset;
        final long rtt;

        Sample(long offset, long rtt) {
            this.offset = offset;
            this.rtt = rtt;
        }
    }

    public ClockOffset(Clock local) {
        this(local, System::nanoTime);
    }

    ClockOffset(Clock local, LongSupplier monotonicNanos) {
        this.local = local;
        this.monotonicNanos = monotonicNanos;
    }

    /** This machine's clock, uncorrected, in epoch ms. */
    public long localMillis() {
        return local.millis();
    }

    /**
     * The core's time now as best known, carried forward from the last answers by the monotonic clock (plain local
     * time before any answer).
     */
    public long correctedMillis() {
        return known() ? monotonicMillis() + coreMinusMonotonic : local.millis();
    }

    /** Core time minus local time now, in ms (positive: this clock is behind the core); 0 before the first sample. */
    public long offsetMillis() {
        return known() ? correctedMillis() - local.millis() : 0;
    }

    private long monotonicMillis() {
        return Math.floorDiv(monotonicNanos.getAsLong(), 1_000_000L);
    }

    /** Whether the core's time has been measured at least once since the start. */
    public boolean known() {
        return uncertaintyMillis >= 0;
    }

    /** Half the round trip of the best sample in use: how far the estimate may be off; -1 before any. */
    public long uncertaintyMillis() {
        return uncertaintyMillis;
    }

    /** Local epoch ms of the last sample; 0 before any. */
    public long sampledAtMillis() {
        return sampledAtMillis;
    }

    /**
     * Adds one answer's sample.
     *
     * @param t0 local epoch ms before the request was sent
     * @param coreMillis the core's epoch ms from its answer
     * @param t3 local epoch ms when the answer arrived
     */
    public synchronized void sample(long t0, long coreMillis, long t3) {
        long nanos = monotonicNanos.getAsLong();
        if (!samples.isEmpty()) {
            long wallStep = t3 - lastLocal;
            long monotonicStep = (nanos - lastNanos) / 1_000_000L;
            if (Math.abs(wallStep - monotonicStep) > JUMP_MILLIS) {
                samples.clear(); // the local clock was set: the old offsets describe another clock
            }
        }
        lastLocal = t3;
        lastNanos = nanos;
        long rtt = Math.max(0, t3 - t0);
        // the core stamped about half a round trip before the answer arrived, which was just now
        samples.addLast(new Sample(coreMillis - (Math.floorDiv(nanos, 1_000_000L) - (t3 - (t0 + rtt / 2))), rtt));
        while (samples.size() > WINDOW) {
            samples.removeFirst();
        }
        estimate(t3);
    }

    /** Forgets every sample and takes this one: the core refused our time ({@code STALE_TIMESTAMP}). */
    public synchronized void reset(long t0, long coreMillis, long t3) {
        samples.clear();
        sample(t0, coreMillis, t3);
    }

    private void estimate(long at) {
        List<Sample> best = new ArrayList<>(samples);
        best.sort(Comparator.comparingLong(s -> s.rtt));
        best = best.subList(0, Math.min(BEST, best.size()));
        long[] offsets = new long[best.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = best.get(i).offset;
        }
        java.util.Arrays.sort(offsets);
        int n = offsets.length;
        coreMinusMonotonic = n % 2 == 1 ? offsets[n / 2] : (offsets[n / 2 - 1] + offsets[n / 2]) / 2;
        uncertaintyMillis = best.get(0).rtt / 2;
        sampledAtMillis = at;
    }
}
