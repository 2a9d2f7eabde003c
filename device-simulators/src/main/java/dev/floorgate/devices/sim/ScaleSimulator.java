package dev.floorgate.devices.sim;

import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.ScaleUnit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated weighing scale that speaks the driver's bytes (PROTOCOLS.md 9 and "what a faithful scale simulator
 * must do") over TCP (the gateway dials it) or a serial device: MT-SICS level 0/1 ({@code S} held until the load
 * settles or the stability timeout gives {@code S I}, {@code SI}, {@code Z}, {@code T}, {@code @}, {@code ES} for
 * anything else), or continuous output ({@code ST,GS,+0012.345 kg} every interval). The weight, stability,
 * overload and underload are settable, and so are the faults: garbage instead of replies, silence, half a line
 * then nothing, and a dropped connection. Thread-safe.
 */
public final class ScaleSimulator implements AutoCloseable {

    /** What goes wrong on the wire. */
    public enum Fault {
        /** Replies and lines as a healthy scale sends them. */
        NONE,
        /** Each reply (or line) is replaced by bytes that are no reply: {@code 00 ff 13 'S S 12'} CR LF. */
        GARBAGE,
        /** Nothing is sent: commands go unanswered, the stream stops. */
        SILENCE,
        /** The first half of the next reply (or line) is sent, then nothing, as if the cable were pulled mid-line. */
        HALF_LINE
    }

    /** Where the load is relative to the scale's range. */
    public enum Load { NORMAL, OVERLOAD, UNDERLOAD }

    static final byte[] GARBAGE = {0x00, (byte) 0xff, 0x13, 'S', ' ', 'S', ' ', '1', '2', '\r', '\n'};
    private static final Logger log = LoggerFactory.getLogger(ScaleSimulator.class);
    private static final int MAX_COMMAND = 256;

    private final Builder config;
    private final ScannerLink link;
    /** MT-SICS answers and continuous lines go out from this one thread, in order. */
    private final ScheduledExecutorService wire;
    private final StringBuilder commandBuffer = new StringBuilder();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    // guarded by this
    private BigDecimal gross = BigDecimal.ZERO;
    private BigDecimal zeroOffset = BigDecimal.ZERO;
    private BigDecimal tare = BigDecimal.ZERO;
    private ScaleUnit unit;
    private boolean stable = true;
    private Load load = Load.NORMAL;
    private Fault fault = Fault.NONE;
    private boolean halfLineSent;
    private volatile Duration replyDelay = Duration.ZERO;

    private ScaleSimulator(Builder config, ScannerLink link) {
        this.config = config;
        this.link = link;
        this.unit = config.unit;
        this.wire = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-scale-wire");
            t.setDaemon(true);
            return t;
        });
        if (config.protocol == ScaleOptions.Protocol.CONTINUOUS) {
            long every = config.interval.toMillis();
            wire.scheduleWithFixedDelay(this::sendLine, every, every, TimeUnit.MILLISECONDS);
        } else {
            link.onReceive(this::onReceive);
        }
    }

    /** A scale the gateway dials ({@code tcp://}); port 0 picks a free one (see {@link #port()}). */
    public static Builder listen(int port) {
        return new Builder("127.0.0.1", port, null);
    }

    public static Builder listen(String bindAddress, int port) {
        return new Builder(bindAddress, port, null);
    }

    /** A scale on a serial device (e.g. one end of a socat pair). */
    public static Builder serial(String path) {
        return new Builder(null, -1, path);
    }

    // ---- the load ----

    /** The gross weight on the pan, in the scale's unit, e.g. {@code "12.345"} (the scale keeps the decimals). */
    public synchronized ScaleSimulator weight(String grossWeight) {
        this.gross = new BigDecimal(grossWeight);
        return this;
    }

    /** Whether the load has settled (MT-SICS {@code S S} / {@code ST}) or still moves ({@code S D} / {@code US}). */
    public synchronized ScaleSimulator stable(boolean settled) {
        this.stable = settled;
        notifyAll();
        return this;
    }

    public synchronized ScaleSimulator load(Load load) {
        this.load = Objects.requireNonNull(load);
        notifyAll();
        return this;
    }

    public synchronized ScaleSimulator unit(ScaleUnit unit) {
        this.unit = Objects.requireNonNull(unit);
        return this;
    }

    /** A wire fault from now on ({@link Fault#NONE} to heal). */
    public synchronized ScaleSimulator fault(Fault fault) {
        this.fault = Objects.requireNonNull(fault);
        this.halfLineSent = false;
        return this;
    }

    /** MT-SICS: how long after a command its reply goes out (decided when the command arrived): a slow scale. */
    public ScaleSimulator replyDelay(Duration delay) {
        this.replyDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Drops the connection at once (the listening port stays open, so the gateway can dial again). */
    public void disconnect() {
        link.dropConnection();
    }

    /** Bytes exactly as given, now. */
    public void raw(byte[] bytes) throws IOException {
        link.write(bytes);
    }

    /** The MT-SICS commands received so far, in order. */
    public List<String> commandsReceived() {
        return new ArrayList<>(commands);
    }

    // ---- MT-SICS ----

    private void onReceive(byte[] bytes) {
        List<String> complete = new ArrayList<>();
        synchronized (commandBuffer) {
            for (byte b : bytes) {
                if (b == '\r' || b == '\n') {
                    if (commandBuffer.length() > 0) {
                        complete.add(commandBuffer.toString());
                        commandBuffer.setLength(0);
                    }
                } else if (commandBuffer.length() < MAX_COMMAND) {
                    commandBuffer.append((char) (b & 0xff));
                }
            }
        }
        for (String command : complete) {
            commands.add(command);
            wire.execute(() -> answer(command));
        }
    }

    private void answer(String command) {
        String reply;
        try {
            reply = reply(command);
            Thread.sleep(replyDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        send(reply);
    }

    /** The reply a healthy scale gives, without CR LF; may wait for the load to settle ({@code S}). */
    private synchronized String reply(String command) throws InterruptedException {
        switch (command) {
            case "S": {
                long deadline = System.nanoTime() + config.stabilityTimeout.toNanos();
                while (!stable && load == Load.NORMAL && System.nanoTime() < deadline) {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
                String over = outOfRange("S");
                return over != null ? over : stable ? "S S " + value(displayed()) : "S I";
            }
            case "SI": {
                String over = outOfRange("S");
                return over != null ? over : "S " + (stable ? "S " : "D ") + value(displayed());
            }
            case "Z": {
                String over = outOfRange("Z");
                if (over != null || !stable) {
                    return over != null ? over : "Z I";
                }
                zeroOffset = gross;
                tare = BigDecimal.ZERO;
                return "Z A";
            }
            case "T": {
                String over = outOfRange("T");
                if (over != null || !stable) {
                    return over != null ? over : "T I";
                }
                tare = gross.subtract(zeroOffset);
                return "T S " + value(tare);
            }
            case "@":
                tare = BigDecimal.ZERO;
                return "I4 A \"SIM0000001\"";
            default:
                return "ES";
        }
    }

    private String outOfRange(String id) {
        return load == Load.OVERLOAD ? id + " +" : load == Load.UNDERLOAD ? id + " -" : null;
    }

    private BigDecimal displayed() {
        return gross.subtract(zeroOffset).subtract(tare);
    }

    /** MT-SICS weight field: the value right-aligned in 10 characters, a space, the unit. */
    private String value(BigDecimal v) {
        return String.format("%10s %s", v.toPlainString(), unit.symbol());
    }

    // ---- continuous output ----

    private void sendLine() {
        String line;
        synchronized (this) {
            String status = load == Load.OVERLOAD ? "OL" : load == Load.UNDERLOAD ? "UL" : stable ? "ST" : "US";
            BigDecimal shown = displayed();
            String digits = shown.abs().toPlainString();
            StringBuilder padded = new StringBuilder();
            for (int i = digits.length(); i < 8; i++) {
                padded.append('0');
            }
            line = status + "," + (tare.signum() != 0 ? "NT" : "GS") + "," + (shown.signum() < 0 ? "-" : "+")
                    + padded + digits + " " + unit.symbol();
        }
        send(line);
    }

    /** Sends one reply or line as the current fault allows. */
    private void send(String line) {
        byte[] bytes;
        synchronized (this) {
            switch (fault) {
                case SILENCE:
                    return;
                case GARBAGE:
                    bytes = GARBAGE;
                    break;
                case HALF_LINE:
                    if (halfLineSent) {
                        return;
                    }
                    bytes = line.substring(0, line.length() / 2).getBytes(StandardCharsets.US_ASCII);
                    break;
                default:
                    bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
            }
        }
        try {
            link.write(bytes);
            synchronized (this) {
                // only a half line that reached the gateway counts: before it connects, the next line is halved
                halfLineSent = fault == Fault.HALF_LINE;
            }
        } catch (IOException e) {
            log.debug("scale simulator could not send '{}': {}", line, e.toString());
        }
    }

    /** Waits until the gateway is connected (TCP) or the serial device is open. */
    public boolean awaitGateway(Duration timeout) throws InterruptedException {
        return link.awaitReady(timeout);
    }

    /** The listening port (TCP); -1 for serial. */
    public int port() {
        return link.port();
    }

    @Override
    public void close() {
        wire.shutdownNow();
        link.close();
    }

    /** Configures a {@link ScaleSimulator}; defaults: MT-SICS, kg, 100 ms between continuous lines, 1 s to settle. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String path;
        private ScaleOptions.Protocol protocol = ScaleOptions.Protocol.SICS;
        private ScaleUnit unit = ScaleUnit.KG;
        private Duration interval = Duration.ofMillis(100);
        private Duration stabilityTimeout = Duration.ofSeconds(1);
        private int baud = 9600;

        private Builder(String host, int port, String path) {
            this.host = host;
            this.port = port;
            this.path = path;
        }

        public Builder protocol(ScaleOptions.Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol);
            return this;
        }

        public Builder unit(ScaleUnit unit) {
            this.unit = Objects.requireNonNull(unit);
            return this;
        }

        /** Continuous output: time between lines. */
        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval);
            return this;
        }

        /** MT-SICS {@code S}: how long the scale waits for the load to settle before it answers {@code S I}. */
        public Builder stabilityTimeout(Duration timeout) {
            this.stabilityTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder baud(int baud) {
            this.baud = baud;
            return this;
        }

        /** Binds (TCP) or opens the device (serial). */
        public ScaleSimulator start() throws IOException {
            ScannerLink link = path == null ? new ScannerLink.Server(host, port) : new ScannerLink.Serial(path, baud);
            return new ScaleSimulator(this, link);
        }
    }
}
