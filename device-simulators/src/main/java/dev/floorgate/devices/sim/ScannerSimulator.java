package dev.floorgate.devices.sim;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1Encoder;
import dev.floorgate.devices.ScannerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated barcode scanner that sends real frames (PROTOCOLS.md 6 and "what a faithful scanner simulator must
 * do"): {@code [prefix][AIM id][data][suffix]} or STX ... ETX, over TCP (dialing or dialed) or a serial device.
 * It can send GS1 element strings with GS separators, bad check digits, no-reads, bursts, frames split across
 * writes, garbage and endless lines; as a triggered reader it answers Keyence {@code LON} ({@code OK,LON}, then
 * the read) and Cognex {@code ||>TRIGGER ON} (the read, DMCC silent mode) with queued reads or the no-read
 * string. Thread-safe.
 */
public final class ScannerSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScannerSimulator.class);
    private static final int MAX_COMMAND = 1024;

    private final Builder config;
    private final ScannerLink link;
    private final Deque<String> queuedReads = new ArrayDeque<>();
    private final AtomicInteger triggers = new AtomicInteger();
    private final StringBuilder commandBuffer = new StringBuilder();

    private ScannerSimulator(Builder config, ScannerLink link) {
        this.config = config;
        this.link = link;
        link.onReceive(this::onReceive);
    }

    /** A scanner that dials the gateway's {@code tcp-listen://} port. */
    public static Builder connect(String host, int port) {
        return new Builder(Mode.CONNECT, host, port, null);
    }

    /** A scanner the gateway dials ({@code tcp://}); port 0 picks a free one (see {@link #port()}). */
    public static Builder listen(int port) {
        return new Builder(Mode.LISTEN, "127.0.0.1", port, null);
    }

    public static Builder listen(String bindAddress, int port) {
        return new Builder(Mode.LISTEN, bindAddress, port, null);
    }

    /** A scanner on a serial device (e.g. one end of a socat pair). */
    public static Builder serial(String path) {
        return new Builder(Mode.SERIAL, null, -1, path);
    }

    // ---- scans ----

    /** One read of {@code data} with the configured AIM id. */
    public void scan(String data) throws IOException {
        link.write(frame(config.aimId, data));
    }

    /** One read with this AIM id (null for none). */
    public void scan(String aimId, String data) throws IOException {
        link.write(frame(aimId, data));
    }

    /** One read written in {@code pieces} writes, {@code gap} apart: a frame split across TCP segments or reads. */
    public void scanSplit(String data, int pieces, Duration gap) throws IOException, InterruptedException {
        byte[] frame = frame(config.aimId, data);
        int n = Math.max(1, Math.min(pieces, frame.length));
        for (int i = 0; i < n; i++) {
            int from = frame.length * i / n;
            int to = frame.length * (i + 1) / n;
            link.write(java.util.Arrays.copyOfRange(frame, from, to));
            if (i < n - 1) {
                Thread.sleep(gap.toMillis());
            }
        }
    }

    /** Several reads back to back in one write. */
    public void burst(String... data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String d : data) {
            out.writeBytes(frame(config.aimId, d));
        }
        link.write(out.toByteArray());
    }

    /** The no-read string as a frame. */
    public void noRead() throws IOException {
        link.write(frame(null, config.noRead));
    }

    /** {@code bytes} as the body of a frame (framing added): line noise, a wrong baud rate. */
    public void garbage(byte[] bytes) throws IOException {
        link.write(wrap(bytes));
    }

    /** {@code length} printable bytes without a terminator, written in 16 KiB pieces. */
    public void endlessLine(long length) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'X');
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            link.write(n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n));
            left -= n;
        }
    }

    /** Bytes exactly as given. */
    public void raw(byte[] bytes) throws IOException {
        link.write(bytes);
    }

    // ---- triggered reader ----

    /** The next trigger is answered with this read (configured AIM id); without one, with the no-read string. */
    public void queueRead(String data) {
        synchronized (queuedReads) {
            queuedReads.add(Objects.requireNonNull(data));
        }
    }

    /** Trigger commands received so far. */
    public int triggersReceived() {
        return triggers.get();
    }

    private void onReceive(byte[] bytes) {
        if (config.trigger == ScannerOptions.TriggerMode.NONE) {
            return;
        }
        List<String> commands = new ArrayList<>();
        synchronized (commandBuffer) {
            for (byte b : bytes) {
                if (b == '\r' || b == '\n' || b == 0x03) {
                    if (commandBuffer.length() > 0) {
                        commands.add(commandBuffer.toString());
                        commandBuffer.setLength(0);
                    }
                } else if (b == 0x02 || b == 0x1b) {
                    commandBuffer.setLength(0); // STX starts a command; ESC clears the buffer (Keyence)
                } else if (commandBuffer.length() < MAX_COMMAND) {
                    commandBuffer.append((char) (b & 0xff));
                }
            }
        }
        for (String command : commands) {
            try {
                answer(command.trim());
            } catch (IOException e) {
                log.warn("scanner simulator could not answer '{}': {}", command, e.toString());
            }
        }
    }

    private void answer(String command) throws IOException {
        String upper = command.toUpperCase(Locale.ROOT);
        if (config.trigger == ScannerOptions.TriggerMode.KEYENCE_LON) {
            if (upper.equals("LON")) {
                triggers.incrementAndGet();
                link.write(frame(null, "OK,LON"));
                sendTriggeredRead();
            } else if (upper.equals("LOFF")) {
                link.write(frame(null, "OK,LOFF"));
            } else {
                link.write(frame(null, "ER," + command + ",00"));
            }
        } else if (upper.startsWith("||") && upper.contains(">TRIGGER ON")) {
            triggers.incrementAndGet();
            sendTriggeredRead();
        }
    }

    private void sendTriggeredRead() throws IOException {
        String read;
        synchronized (queuedReads) {
            read = queuedReads.poll();
        }
        if (read == null) {
            noRead();
        } else {
            scan(read);
        }
    }

    // ---- framing ----

    /** The exact bytes of one read: {@code [prefix][aimId]data[suffix]}, or STX ... ETX. */
    public byte[] frame(String aimId, String data) {
        String body = config.prefix + (aimId == null ? "" : aimId) + data;
        return wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] wrap(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        if (config.stxEtx) {
            out.write(0x02);
            out.writeBytes(body);
            out.write(0x03);
        } else {
            out.writeBytes(body);
            out.writeBytes(config.suffix.bytes().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /**
     * A GS1 element string as a scanner transmits it: AI/value pairs in order, GS (0x1D) after each variable-length
     * value that is not last (PROTOCOLS.md 7). {@code gs1("01", "09501101530003", "10", "ABC123", "21", "S1")}.
     * Validated (check digits too); build deliberately bad data by hand.
     */
    public static String gs1(String... aiValuePairs) {
        if (aiValuePairs.length == 0 || aiValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("gs1 needs AI/value pairs, got " + aiValuePairs.length + " strings");
        }
        List<Gs1Element> elements = new ArrayList<>();
        for (int i = 0; i < aiValuePairs.length; i += 2) {
            elements.add(new Gs1Element(aiValuePairs[i], aiValuePairs[i + 1]));
        }
        return Gs1Encoder.elementString(elements);
    }

    /** Waits until the gateway is connected (listen mode) or the link is up. */
    public boolean awaitGateway(Duration timeout) throws InterruptedException {
        return link.awaitReady(timeout);
    }

    /** The listening port (listen mode); -1 otherwise. */
    public int port() {
        return link.port();
    }

    @Override
    public void close() {
        link.close();
    }

    private enum Mode { CONNECT, LISTEN, SERIAL }

    /** Configures a {@link ScannerSimulator}; defaults: CR LF suffix, no prefix, no AIM id, push mode. */
    public static final class Builder {
        private final Mode mode;
        private final String host;
        private final int port;
        private final String path;
        private ScannerOptions.Suffix suffix = ScannerOptions.Suffix.CRLF;
        private String prefix = "";
        private boolean stxEtx;
        private String aimId;
        private ScannerOptions.TriggerMode trigger = ScannerOptions.TriggerMode.NONE;
        private String noRead = "ERROR";
        private int baud = 9600;
        private Duration connectTimeout = Duration.ofSeconds(5);

        private Builder(Mode mode, String host, int port, String path) {
            this.mode = mode;
            this.host = host;
            this.port = port;
            this.path = path;
        }

        public Builder suffix(ScannerOptions.Suffix suffix) {
            this.suffix = Objects.requireNonNull(suffix);
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix);
            return this;
        }

        /** Frames are STX ... ETX instead of data + suffix. */
        public Builder stxEtx(boolean stxEtx) {
            this.stxEtx = stxEtx;
            return this;
        }

        /** AIM id sent before each read by {@link #scan(String)}, e.g. {@code "]C1"}; null for none. */
        public Builder aimId(String aimId) {
            this.aimId = aimId;
            return this;
        }

        /** Act as a triggered reader: answer only trigger commands. */
        public Builder trigger(ScannerOptions.TriggerMode trigger) {
            this.trigger = Objects.requireNonNull(trigger);
            return this;
        }

        public Builder noRead(String noRead) {
            this.noRead = Objects.requireNonNull(noRead);
            return this;
        }

        public Builder baud(int baud) {
            this.baud = baud;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Connects (connect mode), binds (listen mode) or opens the device (serial). */
        public ScannerSimulator start() throws IOException {
            ScannerLink link;
            switch (mode) {
                case CONNECT:
                    link = new ScannerLink.Client(host, port, connectTimeout);
                    break;
                case LISTEN:
                    link = new ScannerLink.Server(host, port);
                    break;
                default:
                    link = new ScannerLink.Serial(path, baud);
            }
            return new ScannerSimulator(this, link);
        }
    }
}
