package dev.floorgate.devices;

import dev.floorgate.devices.internal.OptionValues;
import java.time.Duration;
import java.util.Set;

/**
 * Timeouts and bounds of a {@link ZebraPrinterDriver}. {@link #fromUrl(DeviceUrl)} reads them from a device
 * URL's query. Immutable.
 *
 * <table>
 *   <caption>URL options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>statusTimeout</td><td>2s</td><td>wait for a {@code ~HS}/{@code ~HQES}/SGD reply; silence = NOT_ANSWERING</td></tr>
 *   <tr><td>connectTimeout</td><td>5s</td><td>TCP connect timeout, and how long a job waits for a reconnect</td></tr>
 *   <tr><td>writeTimeout</td><td>10s</td><td>longest wait for the printer to accept the next chunk of a job</td></tr>
 *   <tr><td>pollInterval</td><td>5s</td><td>background status poll that reports state changes; 0 = off</td></tr>
 *   <tr><td>reconnectMin / reconnectMax</td><td>500ms / 30s</td><td>reconnect backoff (doubling)</td></tr>
 *   <tr><td>maxReply</td><td>65536</td><td>longest reply in bytes</td></tr>
 *   <tr><td>eventQueue</td><td>1000</td><td>events waiting for a slow listener</td></tr>
 *   <tr><td>baud, dataBits, stopBits, parity</td><td>9600, 8, 1, none</td><td>serial URLs: line settings</td></tr>
 * </table>
 *
 * <p>Looks like {@link ScannerOptions} in its connection part (connect timeout, reconnect backoff, event queue)
 * and shares its checks ({@code internal.OptionValues}), but is kept apart: the defaults differ for a reason
 * (a printer reconnects from 500 ms and queues 1000 events; a scanner from 200 ms and 10000 scans), the URL
 * options of each are the site's documented vocabulary, and the rest (status round trips vs framing of reads)
 * has nothing in common.
 */
public final class PrinterOptions {

    private static final Set<String> URL_OPTIONS = Set.of("statusTimeout", "connectTimeout", "writeTimeout",
            "pollInterval", "reconnectMin", "reconnectMax", "maxReply", "eventQueue");

    private final Duration statusTimeout;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private final Duration statusPollInterval;
    private final Duration reconnectBackoffMin;
    private final Duration reconnectBackoffMax;
    private final int maxReplyBytes;
    private final int eventQueueCapacity;

    private PrinterOptions(Builder b) {
        this.statusTimeout = b.statusTimeout;
        this.connectTimeout = b.connectTimeout;
        this.writeTimeout = b.writeTimeout;
        this.statusPollInterval = b.statusPollInterval;
        this.reconnectBackoffMin = b.reconnectBackoffMin;
        this.reconnectBackoffMax = b.reconnectBackoffMax;
        this.maxReplyBytes = b.maxReplyBytes;
        this.eventQueueCapacity = b.eventQueueCapacity;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PrinterOptions defaults() {
        return builder().build();
    }

    /**
     * The options given in the URL's query (see the class comment), defaults for the rest.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming both
     */
    public static PrinterOptions fromUrl(DeviceUrl url) {
        OptionValues v = new OptionValues(url);
        v.requireKnown(URL_OPTIONS);
        PrinterOptions d = defaults();
        return builder()
                .statusTimeout(v.duration("statusTimeout", d.statusTimeout))
                .connectTimeout(v.duration("connectTimeout", d.connectTimeout))
                .writeTimeout(v.duration("writeTimeout", d.writeTimeout))
                .statusPollInterval(v.duration("pollInterval", d.statusPollInterval))
                .reconnectBackoff(v.duration("reconnectMin", d.reconnectBackoffMin), v.duration("reconnectMax", d.reconnectBackoffMax))
                .maxReplyBytes(v.integer("maxReply", d.maxReplyBytes, 1024, 16 * 1024 * 1024))
                .eventQueueCapacity(v.integer("eventQueue", d.eventQueueCapacity, 16, 1_000_000))
                .build();
    }

    public Duration statusTimeout() { return statusTimeout; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration writeTimeout() { return writeTimeout; }
    /** Zero when the background poll is off. */
    public Duration statusPollInterval() { return statusPollInterval; }
    public Duration reconnectBackoffMin() { return reconnectBackoffMin; }
    public Duration reconnectBackoffMax() { return reconnectBackoffMax; }
    public int maxReplyBytes() { return maxReplyBytes; }
    public int eventQueueCapacity() { return eventQueueCapacity; }

    @Override
    public String toString() {
        return "PrinterOptions{statusTimeout=" + statusTimeout.toMillis() + "ms, connectTimeout="
                + connectTimeout.toMillis() + "ms, writeTimeout=" + writeTimeout.toMillis() + "ms, pollInterval="
                + statusPollInterval.toMillis() + "ms}";
    }

    /** Builds {@link PrinterOptions}; every setter validates its argument. */
    public static final class Builder {
        private Duration statusTimeout = Duration.ofSeconds(2);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private Duration statusPollInterval = Duration.ofSeconds(5);
        private Duration reconnectBackoffMin = Duration.ofMillis(500);
        private Duration reconnectBackoffMax = Duration.ofSeconds(30);
        private int maxReplyBytes = 64 * 1024;
        private int eventQueueCapacity = 1000;

        private Builder() {
        }

        public Builder statusTimeout(Duration timeout) {
            this.statusTimeout = OptionValues.positive(timeout, "statusTimeout");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = OptionValues.positive(timeout, "connectTimeout");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = OptionValues.positive(timeout, "writeTimeout");
            return this;
        }

        /** Zero turns the background status poll off. */
        public Builder statusPollInterval(Duration interval) {
            this.statusPollInterval = OptionValues.notNegative(interval, "statusPollInterval");
            return this;
        }

        public Builder reconnectBackoff(Duration min, Duration max) {
            OptionValues.checkBackoff(min, max);
            this.reconnectBackoffMin = min;
            this.reconnectBackoffMax = max;
            return this;
        }

        public Builder maxReplyBytes(int maxReplyBytes) {
            this.maxReplyBytes = OptionValues.atLeast(maxReplyBytes, 256, "maxReplyBytes");
            return this;
        }

        public Builder eventQueueCapacity(int capacity) {
            this.eventQueueCapacity = OptionValues.atLeast(capacity, 1, "eventQueueCapacity");
            return this;
        }

        public PrinterOptions build() {
            return new PrinterOptions(this);
        }
    }
}
