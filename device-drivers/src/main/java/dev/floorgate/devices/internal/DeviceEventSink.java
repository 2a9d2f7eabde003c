package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.DeviceEventListener;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's outgoing events and scans, delivered in order on a thread of their own so that a listener is
 * never called concurrently for one device and never blocks network I/O. The queue is bounded: when a slow
 * listener lets it fill, further items are dropped and counted, and an {@link DeviceEvent.Kind#EVENTS_DROPPED}
 * event says how many once there is room again. Every event is also logged.
 */
public final class DeviceEventSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceEventSink.class);

    private final String device;
    private final DeviceEventListener listener;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public DeviceEventSink(String device, DeviceEventListener listener, int capacity) {
        this.device = device;
        this.listener = listener;
        // One thread at most, gone when idle: tens of quiet devices cost no threads.
        this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
                runnable -> {
                    Thread t = new Thread(runnable, "fg-events-" + device);
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    public String device() {
        return device;
    }

    public void emit(DeviceEvent.Kind kind, String message) {
        emit(DeviceEvent.of(device, kind, message));
    }

    public void emit(DeviceEvent event) {
        logEvent(event);
        submit(() -> listener.onEvent(event));
    }

    /** Runs {@code delivery} (a scan handed to its consumer) in order with this device's events. */
    public void deliver(Runnable delivery) {
        submit(delivery);
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("listener of device '{}' threw; the device keeps running", device, e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (!closed && dropped.incrementAndGet() == 1) {
                log.warn("listener of device '{}' is too slow: its queue of {} items is full; dropping events",
                        device, executor.getQueue().remainingCapacity() + executor.getQueue().size());
            }
            return;
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            DeviceEvent note = DeviceEvent.of(device, DeviceEvent.Kind.EVENTS_DROPPED,
                    lost + " events or scans of device '" + device + "' were dropped because its listener was too slow");
            logEvent(note);
            try {
                executor.execute(() -> listener.onEvent(note));
            } catch (RejectedExecutionException again) {
                dropped.addAndGet(lost);
            }
        }
    }

    private static void logEvent(DeviceEvent event) {
        switch (event.kind()) {
            case GARBAGE: case FRAME_TOO_LONG: case FRAME_INCOMPLETE: case PRINT_FAILED: case TRIGGER_FAILED:
            case EVENTS_DROPPED: case ERROR: case NOT_ANSWERING:
                log.warn("{}: {}", event.device(), event.message());
                break;
            case DUPLICATE_SUPPRESSED: case RECONNECTING:
                log.debug("{}: {}", event.device(), event.message());
                break;
            default:
                log.info("{}: {}", event.device(), event.message());
        }
    }

    /** Delivers what is queued (waiting up to a second), then stops. */
    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
