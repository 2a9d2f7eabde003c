package dev.floorgate.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of the gateway that run something (threads, connections, subscriptions), started in the order they
 * were added and closed in the reverse order. A part whose start fails closes the parts started before it, so a
 * start that fails leaves nothing running (and no file lock held) behind.
 */
public final class GatewayLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLifecycle.class);

    /** An action that may fail with anything its part throws. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private record Part(String name, Action start, Action stop) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final List<Part> started = new ArrayList<>();
    private boolean running;

    /** Adds a part; {@code start} runs in {@link #start}, {@code stop} in {@link #close}. */
    public synchronized GatewayLifecycle then(String name, Action start, Action stop) {
        if (running) {
            throw new IllegalStateException("part '" + name + "' added after the start");
        }
        parts.add(new Part(name, start, stop));
        return this;
    }

    /**
     * Starts every part in order.
     *
     * @return this
     * @throws IllegalStateException naming the part that failed (with its exception as the cause), after the
     *                               parts started before it were closed
     */
    public synchronized GatewayLifecycle start() {
        if (running) {
            throw new IllegalStateException("the gateway was already started");
        }
        running = true;
        for (Part p : parts) {
            try {
                p.start().run();
            } catch (Exception e) {
                stopStarted();
                throw new IllegalStateException("starting " + p.name() + " failed: " + e.getMessage(), e);
            }
            started.add(p);
            LOG.debug("started {}", p.name());
        }
        return this;
    }

    /** The names of the parts, in start order. */
    public synchronized List<String> names() {
        List<String> out = new ArrayList<>();
        parts.forEach(p -> out.add(p.name()));
        return out;
    }

    /** Closes the started parts in reverse order; a part that fails to close is logged and the rest still close. */
    @Override
    public synchronized void close() {
        stopStarted();
    }

    private void stopStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Part p = started.get(i);
            try {
                p.stop().run();
                LOG.debug("stopped {}", p.name());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("stopping {} failed: {}", p.name(), e.toString());
            }
        }
        started.clear();
    }
}
