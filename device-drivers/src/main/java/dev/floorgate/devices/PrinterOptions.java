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
 * <p>The link part (connect timeout, reconnect backoff, event queue) is {@link LinkOptions}', shared with
 * {@link ScannerOptions}, with a printer's defaults.
 */
public final class PrinterOptions extends LinkOptions {

    private static final Set<String> URL_OPTIONS = withLinkOptions(Set.of("statusTimeout", "writeTimeout",
            "pollInterval", "maxReply"));

    private final Duration statusTimeout;
    private final Duration writeTimeout;
    private final Duration statusPollInterval;
    private final int maxReplyBytes;

    private PrinterOptions(Builder b) {
        super(b);
        this.statusTimeout = b.statusTimeout;
        this.writeTimeout = b.writeTimeout;
        this.statusPollInterval = b.statusPollInterval;
        this.maxReplyBytes = b.maxReplyBytes;
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
        return readLink(v, builder(), d)
                .statusTimeout(v.duration("statusTimeout", d.statusTimeout))
                .writeTimeout(v.duration("writeTimeout", d.writeTimeout))
                .statusPollInterval(v.duration("pollInterval", d.statusPollInterval))
                .maxReplyBytes(v.integer("maxReply", d.maxReplyBytes, 1024, 16 * 1024 * 1024))
                .build();
    }

    public Duration statusTimeout() { return statusTimeout; }
    public Duration writeTimeout() { return writeTimeout; }
    /** Zero when the background poll is off. */
    public Duration statusPollInterval() { return statusPollInterval; }
    public int maxReplyBytes() { return maxReplyBytes; }

    @Override
    public String toString() {
        return "PrinterOptions{statusTimeout=" + statusTimeout.toMillis() + "ms, connectTimeout="
                + connectTimeout().toMillis() + "ms, writeTimeout=" + writeTimeout.toMillis() + "ms, pollInterval="
                + statusPollInterval.toMillis() + "ms}";
    }

    /** Builds {@link PrinterOptions}; every setter validates its argument. */
    public static final class Builder extends LinkOptions.Builder<Builder> {
        private Duration statusTimeout = Duration.ofSeconds(2);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private Duration statusPollInterval = Duration.ofSeconds(5);
        private int maxReplyBytes = 64 * 1024;

        private Builder() {
            super(Duration.ofMillis(500), 1000);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder statusTimeout(Duration timeout) {
            this.statusTimeout = OptionValues.positive(timeout, "statusTimeout");
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

        public Builder maxReplyBytes(int maxReplyBytes) {
            this.maxReplyBytes = OptionValues.atLeast(maxReplyBytes, 256, "maxReplyBytes");
            return this;
        }

        public PrinterOptions build() {
            return new PrinterOptions(this);
        }
    }
}
