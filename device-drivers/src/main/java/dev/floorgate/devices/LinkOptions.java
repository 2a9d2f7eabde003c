package dev.floorgate.devices;

import dev.floorgate.devices.internal.OptionValues;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What every driver's link to its device has, whatever the device: the connect timeout, the doubling reconnect
 * backoff, and the bound of the event queue towards a slow listener; read from the same URL options
 * ({@code connectTimeout}, {@code reconnectMin}, {@code reconnectMax}, {@code eventQueue}) with the same checks.
 * {@link PrinterOptions}, {@link ScannerOptions} and {@link ScaleOptions} add what their device needs. The defaults are each device's
 * own (a printer reconnects from 500 ms and queues 1000 events; a scanner from 200 ms and 10000 scans, because a
 * reader that drops off mid-wave loses reads while a printer only loses status), so each subclass's builder sets
 * them. Immutable.
 */
public abstract class LinkOptions {
    /** The URL options read here. */
    static final Set<String> URL_OPTIONS = Set.of("connectTimeout", "reconnectMin", "reconnectMax", "eventQueue");
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

    private final Duration connectTimeout;
    private final Duration reconnectBackoffMin;
    private final Duration reconnectBackoffMax;
    private final int eventQueueCapacity;

    LinkOptions(Builder<?> b) {
        this.connectTimeout = b.connectTimeout;
        this.reconnectBackoffMin = b.reconnectBackoffMin;
        this.reconnectBackoffMax = b.reconnectBackoffMax;
        this.eventQueueCapacity = b.eventQueueCapacity;
    }

    /** TCP connect timeout (a printer's job also waits this long for a reconnect). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The first wait before reconnecting; doubled after each failure up to {@link #reconnectBackoffMax()}. */
    public Duration reconnectBackoffMin() {
        return reconnectBackoffMin;
    }

    public Duration reconnectBackoffMax() {
        return reconnectBackoffMax;
    }

    /** Events (and scans) waiting for a slow listener before they are dropped and counted. */
    public int eventQueueCapacity() {
        return eventQueueCapacity;
    }

    /** The link's URL options plus a device's own ones: every option a URL of that device may carry. */
    static Set<String> withLinkOptions(Set<String> deviceOptions) {
        Set<String> all = new HashSet<>(deviceOptions);
        all.addAll(URL_OPTIONS);
        return Set.copyOf(all);
    }

    /** Reads the link's URL options into {@code b}; {@code defaults} gives the value of each option not given. */
    static <B extends Builder<B>> B readLink(OptionValues v, B b, LinkOptions defaults) {
        return b.connectTimeout(v.duration("connectTimeout", defaults.connectTimeout))
                .reconnectBackoff(v.duration("reconnectMin", defaults.reconnectBackoffMin),
                        v.duration("reconnectMax", defaults.reconnectBackoffMax))
                .eventQueueCapacity(v.integer("eventQueue", defaults.eventQueueCapacity, 16, 1_000_000));
    }

    /**
     * The link's part of a device's options builder; every setter validates its argument.
     *
     * @param <B> the device's builder, so the setters chain with the device's own
     */
    public abstract static class Builder<B extends Builder<B>> {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration reconnectBackoffMin;
        private Duration reconnectBackoffMax = DEFAULT_RECONNECT_MAX;
        private int eventQueueCapacity;

        Builder(Duration defaultReconnectMin, int defaultEventQueue) {
            this.reconnectBackoffMin = defaultReconnectMin;
            this.eventQueueCapacity = defaultEventQueue;
        }

        abstract B self();

        public B connectTimeout(Duration timeout) {
            this.connectTimeout = OptionValues.positive(timeout, "connectTimeout");
            return self();
        }

        public B reconnectBackoff(Duration min, Duration max) {
            OptionValues.checkBackoff(min, max);
            this.reconnectBackoffMin = min;
            this.reconnectBackoffMax = max;
            return self();
        }

        public B eventQueueCapacity(int capacity) {
            this.eventQueueCapacity = OptionValues.atLeast(capacity, 1, "eventQueueCapacity");
            return self();
        }
    }
}
