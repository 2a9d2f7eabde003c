package dev.floorgate.devices;

import dev.floorgate.devices.internal.OptionValues;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a scanner frames its reads and how the driver treats them. Every buffer and wait has a bound with a
 * default; {@link #fromUrl(DeviceUrl)} reads the same settings from a device URL's query. Immutable.
 *
 * <table>
 *   <caption>URL options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>suffix</td><td>CRLF</td><td>CR, LF, CRLF or NONE (a frame then ends after interCharTimeout of silence).
 *       LF and CRLF both end a frame at LF and drop a CR before it; CR ends at CR and ignores an LF after it</td></tr>
 *   <tr><td>prefix</td><td>none</td><td>characters the scanner puts before each read; removed when present</td></tr>
 *   <tr><td>stxEtx</td><td>false</td><td>frames are STX ... ETX (0x02/0x03); replaces the suffix</td></tr>
 *   <tr><td>interCharTimeout</td><td>50ms</td><td>with suffix NONE: silence that ends a frame</td></tr>
 *   <tr><td>incompleteFrameTimeout</td><td>1s serial, 30s TCP</td><td>silence after which a frame without its
 *       terminator is dropped (and an over-long line stops being discarded). Longer on TCP: there a frame's end
 *       is never lost, only late (a lossy link's retransmissions back off 0.2, 0.4, 0.8, 1.6 s ...), so dropping
 *       the start after 1 s would lose a scan the link was still delivering</td></tr>
 *   <tr><td>maxFrame</td><td>4096</td><td>longest frame in bytes; longer input is discarded with an event</td></tr>
 *   <tr><td>duplicateWindow</td><td>500ms</td><td>the same code read again within this time is dropped; 0 = off</td></tr>
 *   <tr><td>trigger</td><td>none</td><td>none, cognex (DMCC {@code ||>TRIGGER ON}) or keyence ({@code LON})</td></tr>
 *   <tr><td>noRead</td><td>ERROR</td><td>the reader's no-read string (empty = none)</td></tr>
 *   <tr><td>charset</td><td>UTF-8</td><td>how payload bytes are decoded; undecodable bytes are garbage</td></tr>
 *   <tr><td>connectTimeout</td><td>5s</td><td>TCP connect timeout</td></tr>
 *   <tr><td>reconnectMin / reconnectMax</td><td>200ms / 30s</td><td>reconnect backoff (doubling)</td></tr>
 *   <tr><td>maxClients</td><td>4</td><td>tcp-listen: connections accepted at once</td></tr>
 *   <tr><td>eventQueue</td><td>10000</td><td>scans and events waiting for a slow listener</td></tr>
 *   <tr><td>baud, dataBits, stopBits, parity</td><td>9600, 8, 1, none</td><td>serial URLs: line settings</td></tr>
 * </table>
 *
 * <p>The link part (connect timeout, reconnect backoff, event queue) is {@link LinkOptions}', shared with
 * {@link PrinterOptions}, with a scanner's defaults.
 */
public final class ScannerOptions extends LinkOptions {

    /** The byte(s) that end a frame. */
    public enum Suffix {
        CR("\r"), LF("\n"), CRLF("\r\n"), NONE("");

        private final String bytes;

        Suffix(String bytes) {
            this.bytes = bytes;
        }

        /** The terminator as a scanner sends it ("" for NONE). */
        public String bytes() {
            return bytes;
        }
    }

    /** Whether and how the reader must be triggered to read (PROTOCOLS.md 6.3). */
    public enum TriggerMode {
        /** The reader pushes results on its own (presence or manual trigger). */
        NONE,
        /** Cognex DataMan Control Commands: {@code ||>TRIGGER ON} CR LF; replies silent or extended. */
        COGNEX_DMCC,
        /** Keyence SR: {@code LON} (CR or STX/ETX framed); the reply {@code OK,LON} comes before the data. */
        KEYENCE_LON
    }

    private static final Set<String> URL_OPTIONS = withLinkOptions(Set.of("suffix", "prefix", "stxEtx",
            "interCharTimeout", "incompleteFrameTimeout", "maxFrame", "duplicateWindow", "trigger", "noRead",
            "charset", "maxClients"));

    private final Suffix suffix;
    private final String prefix;
    private final boolean stxEtx;
    private final Duration interCharTimeout;
    private final Duration incompleteFrameTimeout;
    private final int maxFrameLength;
    private final Duration duplicateWindow;
    private final TriggerMode triggerMode;
    private final String noReadString;
    private final Charset charset;
    private final int maxClients;

    private ScannerOptions(Builder b) {
        super(b);
        this.suffix = b.suffix;
        this.prefix = b.prefix;
        this.stxEtx = b.stxEtx;
        this.interCharTimeout = b.interCharTimeout;
        this.incompleteFrameTimeout = b.incompleteFrameTimeout;
        this.maxFrameLength = b.maxFrameLength;
        this.duplicateWindow = b.duplicateWindow;
        this.triggerMode = b.triggerMode;
        this.noReadString = b.noReadString;
        this.charset = b.charset;
        this.maxClients = b.maxClients;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * On TCP a frame's terminator cannot be lost, only delayed by retransmission, which backs off exponentially
     * on a lossy link (ScannerLinkFaultsTest drops 30 % of the packets): 30 s covers seven lost tries in a row
     * and still ends a frame a misconfigured reader never terminates.
     */
    static final Duration TCP_INCOMPLETE_FRAME_TIMEOUT = Duration.ofSeconds(30);

    /** All defaults (a serial link's). */
    public static ScannerOptions defaults() {
        return builder().build();
    }

    /**
     * The options given in the URL's query (see the class comment), defaults for the rest.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming both
     */
    public static ScannerOptions fromUrl(DeviceUrl url) {
        OptionValues v = new OptionValues(url);
        v.requireKnown(URL_OPTIONS);
        ScannerOptions d = defaults();
        String charsetName = v.text("charset", d.charset.name());
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid device url '" + url + "': unknown charset '" + charsetName + "'", e);
        }
        return readLink(v, builder(), d)
                .suffix(v.choice("suffix", Suffix.class, d.suffix))
                .prefix(v.text("prefix", d.prefix))
                .stxEtx(v.flag("stxEtx", d.stxEtx))
                .interCharTimeout(v.duration("interCharTimeout", d.interCharTimeout))
                .incompleteFrameTimeout(v.duration("incompleteFrameTimeout", url.kind() == DeviceUrl.Kind.SERIAL
                        ? d.incompleteFrameTimeout : TCP_INCOMPLETE_FRAME_TIMEOUT))
                .maxFrameLength(v.integer("maxFrame", d.maxFrameLength, 16, 16 * 1024 * 1024))
                .duplicateWindow(v.duration("duplicateWindow", d.duplicateWindow))
                .triggerMode(parseTrigger(v.text("trigger", "none"), url))
                .noReadString(v.text("noRead", d.noReadString))
                .charset(charset)
                .maxClients(v.integer("maxClients", d.maxClients, 1, 1024))
                .build();
    }

    private static TriggerMode parseTrigger(String text, DeviceUrl url) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "cognex": case "dmcc": case "cognex_dmcc": case "cognex-dmcc":
                return TriggerMode.COGNEX_DMCC;
            case "keyence": case "lon": case "keyence_lon": case "keyence-lon":
                return TriggerMode.KEYENCE_LON;
            case "none": case "":
                return TriggerMode.NONE;
            default:
                throw new IllegalArgumentException("invalid device url '" + url + "': option 'trigger' is '" + text
                        + "', expected none, cognex or keyence");
        }
    }

    public Suffix suffix() { return suffix; }
    public String prefix() { return prefix; }
    public boolean stxEtx() { return stxEtx; }
    public Duration interCharTimeout() { return interCharTimeout; }
    public Duration incompleteFrameTimeout() { return incompleteFrameTimeout; }
    public int maxFrameLength() { return maxFrameLength; }
    public Duration duplicateWindow() { return duplicateWindow; }
    public TriggerMode triggerMode() { return triggerMode; }
    public String noReadString() { return noReadString; }
    public Charset charset() { return charset; }
    public int maxClients() { return maxClients; }

    /** A builder starting from the defaults. */
    public Builder toBuilder() {
        return builder().suffix(suffix).prefix(prefix).stxEtx(stxEtx).interCharTimeout(interCharTimeout)
                .incompleteFrameTimeout(incompleteFrameTimeout).maxFrameLength(maxFrameLength)
                .duplicateWindow(duplicateWindow).triggerMode(triggerMode).noReadString(noReadString).charset(charset)
                .connectTimeout(connectTimeout()).reconnectBackoff(reconnectBackoffMin(), reconnectBackoffMax())
                .maxClients(maxClients).eventQueueCapacity(eventQueueCapacity());
    }

    @Override
    public String toString() {
        return "ScannerOptions{suffix=" + suffix + ", prefix='" + prefix + "', stxEtx=" + stxEtx
                + ", interCharTimeout=" + interCharTimeout.toMillis() + "ms, incompleteFrameTimeout="
                + incompleteFrameTimeout.toMillis() + "ms, maxFrameLength=" + maxFrameLength + ", duplicateWindow="
                + duplicateWindow.toMillis() + "ms, trigger=" + triggerMode + ", noRead='" + noReadString + "'}";
    }

    /** Builds {@link ScannerOptions}; every setter validates its argument. */
    public static final class Builder extends LinkOptions.Builder<Builder> {
        private Suffix suffix = Suffix.CRLF;
        private String prefix = "";
        private boolean stxEtx;
        private Duration interCharTimeout = Duration.ofMillis(50);
        private Duration incompleteFrameTimeout = Duration.ofSeconds(1);
        private int maxFrameLength = 4096;
        private Duration duplicateWindow = Duration.ofMillis(500);
        private TriggerMode triggerMode = TriggerMode.NONE;
        private String noReadString = "ERROR";
        private Charset charset = StandardCharsets.UTF_8;
        private int maxClients = 4;

        private Builder() {
            super(Duration.ofMillis(200), 10_000);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder suffix(Suffix suffix) {
            this.suffix = Objects.requireNonNull(suffix, "suffix");
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public Builder stxEtx(boolean stxEtx) {
            this.stxEtx = stxEtx;
            return this;
        }

        public Builder interCharTimeout(Duration timeout) {
            this.interCharTimeout = OptionValues.positive(timeout, "interCharTimeout");
            return this;
        }

        public Builder incompleteFrameTimeout(Duration timeout) {
            this.incompleteFrameTimeout = OptionValues.positive(timeout, "incompleteFrameTimeout");
            return this;
        }

        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = OptionValues.atLeast(maxFrameLength, 1, "maxFrameLength");
            return this;
        }

        /** Zero turns duplicate suppression off. */
        public Builder duplicateWindow(Duration window) {
            this.duplicateWindow = OptionValues.notNegative(window, "duplicateWindow");
            return this;
        }

        public Builder triggerMode(TriggerMode mode) {
            this.triggerMode = Objects.requireNonNull(mode, "triggerMode");
            return this;
        }

        /** The reader's no-read string; empty when the reader sends none. */
        public Builder noReadString(String noRead) {
            this.noReadString = Objects.requireNonNull(noRead, "noReadString");
            return this;
        }

        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        public Builder maxClients(int maxClients) {
            this.maxClients = OptionValues.atLeast(maxClients, 1, "maxClients");
            return this;
        }

        public ScannerOptions build() {
            return new ScannerOptions(this);
        }
    }
}
