package dev.floorgate.devices.sim;

import dev.floorgate.devices.DeviceEventListener;
import dev.floorgate.devices.DeviceUrl;
import dev.floorgate.devices.internal.DeviceEventSink;
import dev.floorgate.devices.internal.DeviceTransport;
import dev.floorgate.devices.internal.EventLoops;
import dev.floorgate.devices.internal.TransportSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated Zebra label printer that speaks the real bytes over real sockets (and optionally a serial device):
 * ZPL on the raw port, {@code ~HS}/{@code ~HQES}/{@code ~HI}, SGD, UDP discovery. Each printed format is written
 * to its own file in the capture directory ({@code label-000001.zpl}, numbered by arrival). See
 * {@link SimulatedPrinter} for the behaviour and {@link PrinterControl} for the text control commands.
 *
 * <pre>{@code
 * try (PrinterSimulator printer = PrinterSimulator.builder().captureDir(dir).start()) {
 *     printer.paperOut(true);          // ~HS goes silent, ~HQES reports media out, formats wait
 *     ... print to tcp://127.0.0.1:printer.port() ...
 *     printer.paperOut(false);         // the waiting formats print
 * }
 * }</pre>
 */
public final class PrinterSimulator implements AutoCloseable {

    /** Everything a simulator is configured with (see {@link Builder}). */
    static final class Settings {
        String bindAddress = "127.0.0.1";
        int port;
        Path captureDir;
        int dpi = 203;
        String model = "ZT410";
        String serial = "SIM0000001";
        String firmware = "V75.20.01Z";
        String friendlyName = "FG-SIM-PRINTER";
        int discoveryPort = -1;
        String discoveryBindAddress;
        int controlPort = -1;
        String serialPath;
        int serialBaud = 9600;
        long labelMillis;
        Duration idleTimeout = Duration.ofSeconds(300);
        int maxFormatBytes = 16 * 1024 * 1024;
        int maxRecordedBytes = 16 * 1024 * 1024;
        int maxBufferedFormats = 10_000;
        boolean counters = true;
        long odometerStart;
        boolean clock = true;
        java.time.ZoneId clockZone = java.time.ZoneId.systemDefault();
    }

    private final Settings settings;
    private final EventLoopGroup group;
    private final ScheduledExecutorService engine;
    private final SimulatedPrinter printer;
    private final AtomicReference<ConnectionDropper.Plan> drop = new AtomicReference<>();
    private final PrinterControl control;
    private Channel server;
    /** Open print connections: a power cycle drops them, as a printer switched off does. */
    private final ChannelGroup connections = new DefaultChannelGroup("sim-printer", GlobalEventExecutor.INSTANCE);
    private DiscoveryResponder discovery;
    private ControlServer controlServer;
    private DeviceTransport serial;
    private DeviceEventSink serialEvents;

    private PrinterSimulator(Settings settings) throws IOException {
        this.settings = settings;
        this.group = EventLoops.newGroup("sim-printer", 1);
        this.engine = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "sim-printer-engine");
            t.setDaemon(true);
            return t;
        });
        LabelCapture capture = settings.captureDir == null ? null : new LabelCapture(settings.captureDir);
        this.printer = new SimulatedPrinter(settings, capture, engine);
        this.control = new PrinterControl(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void startServices() throws IOException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        pipeline(ch.pipeline(), true);
                    }
                })
                .bind(settings.bindAddress, settings.port).syncUninterruptibly().channel();
        settings.port = port();
        if (settings.discoveryPort >= 0) {
            discovery = new DiscoveryResponder(settings.discoveryBindAddress != null ? settings.discoveryBindAddress
                    : settings.bindAddress, settings.discoveryPort, settings, printer);
        }
        if (settings.controlPort >= 0) {
            controlServer = new ControlServer(group, settings.controlPort, control);
        }
        if (settings.serialPath != null) {
            serialEvents = new DeviceEventSink("printer-simulator", DeviceEventListener.ignore(), 100);
            serial = DeviceTransport.create("printer-simulator",
                    DeviceUrl.parse("serial://" + settings.serialPath + "?baud=" + settings.serialBaud),
                    new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            pipeline(ch.pipeline(), false);
                        }
                    },
                    new TransportSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(5), 1),
                    serialEvents);
            serial.start();
        }
    }

    /** The pipeline of one connection, TCP or serial. Read it top to bottom. */
    private void pipeline(ChannelPipeline p, boolean network) {
        if (network && !settings.idleTimeout.isZero()) {
            // the print server drops connections idle this long (internal_wired.ip.timeout.value, 300 s)
            p.addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        // every byte received, in order, for assertions
        p.addLast("recorder", new WireRecorder(printer));
        if (network) {
            // drop-next-connection: reset after N bytes
            p.addLast("dropper", new ConnectionDropper(drop));
        }
        // bytes -> formats, ~ commands, SGD lines (bounded)
        p.addLast("zpl", new ZplStreamDecoder(settings.maxFormatBytes));
        // formats to the buffer; queries answered (or not, in fault states)
        p.addLast("printer", new PrinterConnectionHandler(printer));
    }

    /** The raw print port. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The UDP discovery port, or -1 when discovery is off. */
    public int discoveryPort() {
        return discovery == null ? -1 : discovery.port();
    }

    /** The loopback control port, or -1 when it is off. */
    public int controlPort() {
        return controlServer == null ? -1 : controlServer.port();
    }

    /** Whether the serial device (when configured) is open. */
    public boolean serialOpen() {
        return serial != null && serial.isConnected();
    }

    // ---- faults, switched at run time ----

    /** Media out: {@code ~HS} goes silent, {@code ~HQES} reports 0x1, formats wait. */
    public void paperOut(boolean on) {
        printer.paperOut(on);
    }

    public void ribbonOut(boolean on) {
        printer.ribbonOut(on);
    }

    public void headOpen(boolean on) {
        printer.headOpen(on);
    }

    /** Paused: {@code ~HS} answers with the pause flag and the growing format count; formats wait. */
    public void pause(boolean on) {
        printer.paused(on);
    }

    /** Silent: no answer to anything (a hung printer); formats wait. */
    public void silent(boolean on) {
        printer.silent(on);
    }

    /**
     * Resets (TCP RST) the next connection that receives data once it has received {@code afterBytes} more bytes;
     * bytes beyond that are not processed.
     */
    public void dropNextConnection(long afterBytes) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("drop-next-connection needs a byte count of 0 or more, got " + afterBytes);
        }
        drop.set(new ConnectionDropper.Plan(afterBytes));
    }

    /**
     * Resets (TCP RST) the next connection that sends a format, {@code afterBytes} bytes after its {@code ^XA}:
     * status queries sent before the format do not count, so the reset lands inside the job whatever the driver
     * polled in between.
     */
    public void dropNextFormat(long afterBytes) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("drop-next-format needs a byte count of 0 or more, got " + afterBytes);
        }
        drop.set(new ConnectionDropper.Plan(afterBytes, true));
    }

    /** Sets how far the printer's real-time clock runs from this machine's (a printer a year off: 365 days). */
    public void clockOffset(java.time.Duration offset) {
        printer.rtc.offset(offset);
    }

    /** How far the printer's real-time clock runs from this machine's now (moved by SGD setvar rtc.date/time). */
    public java.time.Duration clockOffset() {
        return printer.rtc.offset();
    }

    /**
     * Clears the buffer, R: formats, {@code ^LL} and pause, and drops every open connection, like switching the
     * printer off and on. The label counter stays.
     */
    public void powerCycle() {
        printer.powerCycle();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Someone presses cancel-all on the front panel (as {@code ~JA}): the buffer and the batch are lost. */
    public void cancelAll() {
        printer.cancelAll();
    }

    /** A paper jam: printing stops with error 0x4000; clearing it cancels the rest of the batch being printed. */
    public void jam(boolean on) {
        printer.jam(on);
    }

    /**
     * Swaps in another printer at the same address: a new serial number ({@code device.unique_id}) and label
     * counter, an empty buffer, the connections dropped.
     */
    public void replacePrinter(String serial, long odometer) {
        printer.replace(Objects.requireNonNull(serial, "serial"), odometer);
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Time to print one label from now on. */
    public void labelMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("label time must not be negative, got " + millis);
        }
        printer.labelMillis(millis);
    }

    /** Runs one text control command (see {@link PrinterControl}) and returns its reply line. */
    public String control(String command) {
        return control.execute(command);
    }

    // ---- observation ----

    /** Formats printed so far, in order. */
    public List<PrintedLabel> printed() {
        return printer.printed();
    }

    /** Waits until at least {@code count} formats have printed; false on timeout. */
    public boolean awaitPrinted(int count, Duration timeout) throws InterruptedException {
        return printer.awaitPrinted(count, timeout.toMillis());
    }

    /** Formats waiting in the buffer (paused or in a fault). */
    public int formatsInBuffer() {
        return printer.formatsInBuffer();
    }

    /** Labels printed (the odometer), {@code ^PQ} copies included. */
    public long labelCount() {
        return printer.odometer();
    }

    /** The format of every label that came out, in order: a batch of 10 is ten entries, a cut batch fewer. */
    public List<PrintedLabel> labelsOut() {
        return printer.labelsOut();
    }

    /** Waits until {@code count} labels have come out since the simulator started; false on timeout. */
    public boolean awaitLabelsOut(int count, Duration timeout) throws InterruptedException {
        return printer.awaitLabelsOut(count, timeout.toMillis());
    }

    /** Every byte received on every connection, in order (up to 16 MiB). */
    public byte[] received() {
        return printer.received();
    }

    /** Every reply sent, in order. */
    public List<String> replies() {
        return printer.replies();
    }

    /** Formats stored with {@code ^DF}, by {@code R:NAME.ZPL}. */
    public Map<String, String> storedFormats() {
        return printer.storedFormats();
    }

    /** One line of state: faults, buffer, counts. */
    public String describeState() {
        return printer.describe();
    }

    @Override
    public void close() {
        if (serial != null) {
            serial.close();
            serialEvents.close();
        }
        if (discovery != null) {
            discovery.close();
        }
        if (controlServer != null) {
            controlServer.close();
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        engine.shutdownNow();
    }

    /** Configures and starts a {@link PrinterSimulator}. Defaults suit tests: loopback, ephemeral port. */
    public static final class Builder {
        private final Settings s = new Settings();

        private Builder() {
        }

        /** Address to listen on; default 127.0.0.1. */
        public Builder bindAddress(String address) {
            s.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /** Raw print port; default 0 (any free port, see {@link #port()}). */
        public Builder port(int port) {
            s.port = checkPort(port, "port");
            return this;
        }

        /** Directory for {@code label-NNNNNN.zpl} files; none by default (labels kept in memory only). */
        public Builder captureDir(Path dir) {
            s.captureDir = dir;
            return this;
        }

        /** 152, 203, 300 or 600; default 203. */
        public Builder dpi(int dpi) {
            if (dpi != 152 && dpi != 203 && dpi != 300 && dpi != 600) {
                throw new IllegalArgumentException("dpi must be 152, 203, 300 or 600, got " + dpi);
            }
            s.dpi = dpi;
            return this;
        }

        public Builder model(String model) {
            s.model = Objects.requireNonNull(model);
            return this;
        }

        /** At most 10 characters travel in a discovery reply. */
        public Builder serial(String serial) {
            s.serial = Objects.requireNonNull(serial);
            return this;
        }

        public Builder firmware(String firmware) {
            s.firmware = Objects.requireNonNull(firmware);
            return this;
        }

        public Builder friendlyName(String name) {
            s.friendlyName = Objects.requireNonNull(name);
            return this;
        }

        /** Answer UDP discovery on this port (0 = any free port); off by default. */
        public Builder discoveryPort(int port) {
            s.discoveryPort = checkPort(port, "discoveryPort");
            return this;
        }

        /** Address the discovery responder binds; default the bind address (0.0.0.0 also hears broadcasts). */
        public Builder discoveryBindAddress(String address) {
            s.discoveryBindAddress = address;
            return this;
        }

        /** Text control commands on this loopback port (0 = any free port); off by default. */
        public Builder controlPort(int port) {
            s.controlPort = checkPort(port, "controlPort");
            return this;
        }

        /** Also serve ZPL on this serial device (e.g. one end of a socat pair). */
        public Builder serial(String path, int baud) {
            s.serialPath = path;
            s.serialBaud = baud;
            return this;
        }

        /** Time to print one label; default 0 (at once). With it, {@code ~HS} shows labels remaining. */
        public Builder labelMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("labelMillis must not be negative, got " + millis);
            }
            s.labelMillis = millis;
            return this;
        }

        /** A model without label counters: {@code odometer.total_label_count} answers {@code "?"}. */
        public Builder withoutCounters() {
            s.counters = false;
            return this;
        }

        /** A model without a real-time clock: {@code rtc.date} and {@code rtc.time} answer {@code "?"}. */
        public Builder withoutClock() {
            s.clock = false;
            return this;
        }

        /**
         * The zone of the site the printer stands in; default this machine's. Its clock keeps local time of that
         * zone without the zone itself, as a Zebra does, so a gateway must convert with the site's zone.
         */
        public Builder clockZone(java.time.ZoneId zone) {
            s.clockZone = Objects.requireNonNull(zone, "clockZone");
            return this;
        }

        /** The label counter's value at start (a printer that has printed before); default 0. */
        public Builder odometer(long labels) {
            if (labels < 0) {
                throw new IllegalArgumentException("odometer must not be negative, got " + labels);
            }
            s.odometerStart = labels;
            return this;
        }

        /** Idle connections are closed after this; default 300 s; zero turns it off. */
        public Builder idleTimeout(Duration timeout) {
            s.idleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder maxFormatBytes(int max) {
            if (max < 16) {
                throw new IllegalArgumentException("maxFormatBytes must be at least 16, got " + max);
            }
            s.maxFormatBytes = max;
            return this;
        }

        /** Binds every port and returns the running simulator. */
        public PrinterSimulator start() throws IOException {
            PrinterSimulator simulator = new PrinterSimulator(s);
            try {
                simulator.startServices();
            } catch (IOException | RuntimeException e) {
                simulator.close();
                throw e;
            }
            return simulator;
        }

        private static int checkPort(int port, String what) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(what + " " + port + " is out of range 0-65535");
            }
            return port;
        }
    }
}
