package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import java.util.function.Consumer;

/**
 * The readings of one scale as they come (from a poll, a read or the continuous stream): keeps the newest, wakes
 * whoever waits for the next one, and tells the listener about each change of state, weight, unit or gross/net
 * (not about every repeat of the same weight: a continuous scale sends ten lines a second). Entering NOT_ANSWERING
 * is also a NOT_ANSWERING event. Thread-safe.
 */
public final class ScaleReadings {

    private final String scale;
    private final Consumer<ScaleReading> listener;
    private final DeviceEventSink events;
    /** Guarded by this. */
    private ScaleReading latest;
    /** Readings offered so far. Guarded by this. */
    private long count;
    /** When the last line came from the scale (System.nanoTime), or when the connection came up. Guarded by this. */
    private long lastLineNanos = System.nanoTime();

    public ScaleReadings(String scale, Consumer<ScaleReading> listener, DeviceEventSink events) {
        this.scale = scale;
        this.listener = listener;
        this.events = events;
    }

    /** A reading from the scale, or about it (NOT_ANSWERING, DISCONNECTED). */
    public void offer(ScaleReading reading) {
        boolean changed;
        synchronized (this) {
            changed = !reading.sameAs(latest);
            if (reading.state() != ScaleState.NOT_ANSWERING && reading.state() != ScaleState.DISCONNECTED) {
                lastLineNanos = System.nanoTime();
            }
            boolean startsSilence = reading.state() == ScaleState.NOT_ANSWERING
                    && (latest == null || latest.state() != ScaleState.NOT_ANSWERING);
            latest = reading;
            count++;
            notifyAll();
            if (startsSilence) {
                events.emit(DeviceEvent.Kind.NOT_ANSWERING, reading.detail());
            }
        }
        if (changed) {
            events.deliver(() -> listener.accept(reading));
        }
    }

    /** The connection came up: silence is counted from now. */
    synchronized void connected() {
        lastLineNanos = System.nanoTime();
    }

    /** Nanoseconds since the last line (or the connection). */
    public synchronized long quietNanos() {
        return System.nanoTime() - lastLineNanos;
    }

    /** The newest reading, or null before the first. */
    public synchronized ScaleReading latest() {
        return latest;
    }

    /** How many readings were offered so far: pass it to {@link #awaitAfter}. */
    public synchronized long count() {
        return count;
    }

    /**
     * Waits until a reading newer than the {@code seen}-th arrives, or the deadline (System.nanoTime) passes.
     *
     * @return the newest reading, or null when none came after {@code seen}
     */
    public synchronized ScaleReading awaitAfter(long seen, long deadlineNanos) throws InterruptedException {
        while (count <= seen) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return latest;
    }
}
