package dev.floorgate.devices;

import dev.floorgate.devices.internal.OptionValues;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link ScaleDriver} talks to its scale and how long it waits. Every wait and buffer has a bound with a
 * default; {@link #fromUrl(DeviceUrl)} reads the same settings from a device URL's query. Immutable.
 *
 * <table>
 *   <caption>URL options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>protocol</td><td>sics</td><td>{@code sics} (Mettler Toledo MT-SICS level 0/1: the driver asks) or
 *       {@code continuous} (the scale streams lines such as {@code ST,GS,+0012.345 kg}; the driver listens)</td></tr>
 *   <tr><td>pollInterval</td><td>500ms</td><td>sics: how often {@code SI} is asked to tell listeners about changes
 *       (0 = off; {@code readStable} asks {@code S} on its own); continuous: how often silence is checked</td></tr>
 *   <tr><td>answerTimeout</td><td>1s</td><td>sics: wait for a reply; continuous: silence after which the scale is
 *       NOT_ANSWERING. A line left without its CR LF this long is dropped as garbage</td></tr>
 *   <tr><td>stableWait</td><td>5s</td><td>the bound of {@link ScaleDriver#readStable()}</td></tr>
 *   <tr><td>maxFrame</td><td>128</td><td>longest line in bytes; longer ones are garbage</td></tr>
 *   <tr><td>connectTimeout</td><td>5s</td><td>TCP connect timeout</td></tr>
 *   <tr><td>reconnectMin / reconnectMax</td><td>500ms / 30s</td><td>reconnect backoff (doubling)</td></tr>
 *   <tr><td>eventQueue</td><td>1000</td><td>readings and events waiting for a slow listener</td></tr>
 *   <tr><td>baud, dataBits, stopBits, parity</td><td>9600, 8, 1, none</td><td>serial URLs: line settings</td></tr>
 * </table>
 */
public final class ScaleOptions extends LinkOptions {

    /** How the driver and the scale talk (PROTOCOLS.md 9). */
    public enum Protocol {
        /** Mettler Toledo MT-SICS level 0/1: {@code S}, {@code SI}, {@code Z}, {@code T}, one reply each. */
        SICS,
        /** The scale sends a line per reading on its own; nothing is sent to it. */
        CONTINUOUS
    }

    private static final Set<String> URL_OPTIONS = withLinkOptions(Set.of("protocol", "pollInterval", "answerTimeout",
            "stableWait", "maxFrame"));

    private final Protocol protocol;
    private final Duration pollInterval;
    private final Duration answerTimeout;
    private final Duration stableWait;
    private final int maxFrameLength;

    private ScaleOptions(Builder b) {
        super(b);
        this.protocol = b.protocol;
        this.pollInterval = b.pollInterval;
        this.answerTimeout = b.answerTimeout;
        this.stableWait = b.stableWait;
        this.maxFrameLength = b.maxFrameLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ScaleOptions defaults() {
        return builder().build();
    }

    /**
     * The options given in the URL's query (see the class comment), defaults for the rest.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming both
     */
    public static ScaleOptions fromUrl(DeviceUrl url) {
        OptionValues v = new OptionValues(url);
        v.requireKnown(URL_OPTIONS);
        ScaleOptions d = defaults();
        return readLink(v, builder(), d)
                .protocol(v.choice("protocol", Protocol.class, d.protocol))
                .pollInterval(v.duration("pollInterval", d.pollInterval))
                .answerTimeout(v.duration("answerTimeout", d.answerTimeout))
                .stableWait(v.duration("stableWait", d.stableWait))
                .maxFrameLength(v.integer("maxFrame", d.maxFrameLength, 16, 64 * 1024))
                .build();
    }

    public Protocol protocol() { return protocol; }
    /** Zero when the sics background poll is off. */
    public Duration pollInterval() { return pollInterval; }
    public Duration answerTimeout() { return answerTimeout; }
    public Duration stableWait() { return stableWait; }
    public int maxFrameLength() { return maxFrameLength; }

    @Override
    public String toString() {
        return "ScaleOptions{protocol=" + protocol + ", pollInterval=" + pollInterval.toMillis() + "ms, answerTimeout="
                + answerTimeout.toMillis() + "ms, stableWait=" + stableWait.toMillis() + "ms, maxFrame=" + maxFrameLength + "}";
    }

    /** Builds {@link ScaleOptions}; every setter validates its argument. */
    public static final class Builder extends LinkOptions.Builder<Builder> {
        private Protocol protocol = Protocol.SICS;
        private Duration pollInterval = Duration.ofMillis(500);
        private Duration answerTimeout = Duration.ofSeconds(1);
        private Duration stableWait = Duration.ofSeconds(5);
        private int maxFrameLength = 128;

        private Builder() {
            // a scale loses nothing while it is away (the parcel is weighed again), so it backs off like a printer
            super(Duration.ofMillis(500), 1000);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder protocol(Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Zero turns the sics background poll off. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = OptionValues.notNegative(interval, "pollInterval");
            return this;
        }

        public Builder answerTimeout(Duration timeout) {
            this.answerTimeout = OptionValues.positive(timeout, "answerTimeout");
            return this;
        }

        public Builder stableWait(Duration wait) {
            this.stableWait = OptionValues.positive(wait, "stableWait");
            return this;
        }

        public Builder maxFrameLength(int maxFrameLength) {
            if (maxFrameLength > 64 * 1024) {
                throw new IllegalArgumentException("maxFrameLength must be at most 65536, got " + maxFrameLength);
            }
            this.maxFrameLength = OptionValues.atLeast(maxFrameLength, 16, "maxFrameLength");
            return this;
        }

        public ScaleOptions build() {
            return new ScaleOptions(this);
        }
    }
}
