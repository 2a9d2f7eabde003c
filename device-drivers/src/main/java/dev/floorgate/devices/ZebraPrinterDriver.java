package dev.floorgate.devices;

import dev.floorgate.devices.internal.DeviceEventSink;
import dev.floorgate.devices.internal.DeviceTransport;
import dev.floorgate.devices.internal.OdometerReader;
import dev.floorgate.devices.internal.PrinterPipelineInitializer;
import dev.floorgate.devices.internal.TransportSettings;
import dev.floorgate.devices.internal.ZebraConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Zebra label printer on TCP (raw port 9100) or serial, spoken to in ZPL and SGD (PROTOCOLS.md 1-2).
 *
 * <p>One job or query at a time per printer: a Zebra printer neither acknowledges print data nor tags its
 * replies, and overlapping jobs get dropped or mixed (PROTOCOLS.md 1.1), so every call takes the printer's lock.
 * {@link #print} asks for status first and sends nothing to a printer that reports a fault or does not answer,
 * then sends, then asks again. Silence within the status timeout is NOT_ANSWERING (a printer out of paper or
 * with its head open stays silent on {@code ~HS}, but answers {@code ~HQES}, which is asked in the same round
 * trip). State changes become PRINTER_STATE_CHANGED events, also from the optional background poll. The
 * connection reconnects on its own with backoff. Device faults are states and outcomes, never exceptions.
 * Thread-safe.
 */
public final class ZebraPrinterDriver implements AutoCloseable {

    private final String name;
    private final DeviceUrl url;
    private final PrinterOptions options;
    private final DeviceEventSink events;
    private final DeviceTransport transport;
    private final ZebraConnection connection;
    private final OdometerReader odometer;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ScheduledExecutorService poller;

    /** Guarded by lock. */
    private PrinterState lastState = PrinterState.UNKNOWN;
    private volatile PrinterStatus lastStatus = PrinterStatus.without(PrinterState.UNKNOWN, "not asked yet", Instant.now());

    private ZebraPrinterDriver(String name, DeviceUrl url, PrinterOptions options, DeviceEventSink events) {
        this.name = name;
        this.url = url;
        this.options = options;
        this.events = events;
        this.transport = DeviceTransport.create(name, url,
                new PrinterPipelineInitializer(name, options.maxReplyBytes()),
                new TransportSettings(options.connectTimeout(), options.reconnectBackoffMin(),
                        options.reconnectBackoffMax(), 1),
                events);
        this.connection = new ZebraConnection(name, url, transport, options.statusTimeout(), options.connectTimeout(),
                options.writeTimeout());
        this.odometer = new OdometerReader(connection);
        this.poller = options.statusPollInterval().isZero() ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "fg-printer-status-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens a printer and starts connecting in the background; returns at once.
     *
     * @param options null to read them from the URL's query ({@link PrinterOptions#fromUrl})
     * @throws IllegalArgumentException for a bad URL or option, or a tcp-listen URL (printers are dialed)
     */
    public static ZebraPrinterDriver open(String name, DeviceUrl url, PrinterOptions options, DeviceEventListener events) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(events, "events");
        if (url.kind() == DeviceUrl.Kind.TCP_LISTEN) {
            throw new IllegalArgumentException("printer '" + name + "': url '" + url
                    + "' is tcp-listen; a printer is reached as tcp://host:9100 or serial:///dev/ttyX");
        }
        PrinterOptions effective = options != null ? options : PrinterOptions.fromUrl(url);
        ZebraPrinterDriver driver = new ZebraPrinterDriver(name, url, effective,
                new DeviceEventSink(name, events, effective.eventQueueCapacity()));
        driver.transport.start();
        if (driver.poller != null) {
            long every = effective.statusPollInterval().toMillis();
            driver.poller.scheduleWithFixedDelay(driver::poll, Math.min(every, 200), every, TimeUnit.MILLISECONDS);
        }
        return driver;
    }

    /**
     * Asks the printer for its status ({@code ~HS~HQES}), waiting at most the status timeout for the reply (and
     * the connect timeout for a connection). Never throws for device faults: silence is NOT_ANSWERING, no
     * connection is DISCONNECTED.
     */
    public PrinterStatus status() {
        lock.lock();
        try {
            return publish(connection.queryStatus(true));
        } finally {
            lock.unlock();
        }
    }

    /** The status found by the last query or poll, without asking the printer. */
    public PrinterStatus lastStatus() {
        return lastStatus;
    }

    /**
     * Prints one job: checks status (a fault holds the job and nothing is sent), sends the ZPL (UTF-8), then asks
     * for status again. Jobs are serialised per printer. A connection lost during the job, or before the printer
     * confirmed it, gives SEND_FAILED with the bytes sent and a PRINT_FAILED event; the transport reconnects.
     *
     * @throws IllegalArgumentException when {@code zpl} is empty
     */
    public PrintOutcome print(String zpl) {
        Objects.requireNonNull(zpl, "zpl");
        if (zpl.isEmpty()) {
            throw new IllegalArgumentException("print job for printer '" + name + "' is empty");
        }
        byte[] bytes = zpl.getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            PrinterStatus before = publish(connection.queryStatus(true));
            if (before.state() == PrinterState.DISCONNECTED || before.state() == PrinterState.NOT_ANSWERING) {
                return failed(PrintOutcome.Result.NOT_ANSWERING, before.state(), 0, bytes.length, "printer '" + name
                        + "' is " + before.state().label() + " (" + before.detail() + "); job of " + bytes.length + " bytes not sent");
            }
            if (!before.ready()) {
                return new PrintOutcome(PrintOutcome.Result.HELD, before.state(), 0, bytes.length, "printer '" + name
                        + "' reports " + before.detail() + "; job of " + bytes.length + " bytes held, nothing sent");
            }
            ZebraConnection.SendResult sent = connection.send(bytes);
            if (sent.failure != null) {
                PrinterState state = publish(PrinterStatus.without(transport.isConnected() ? PrinterState.UNKNOWN
                        : PrinterState.DISCONNECTED, "connection failed during a job: " + sent.failure.getMessage(), Instant.now())).state();
                if (sent.sent == 0) {
                    return failed(PrintOutcome.Result.NOT_ANSWERING, state, 0, bytes.length, "printer '" + name
                            + "': connection failed before any byte of a " + bytes.length + "-byte job was sent: "
                            + sent.failure.getMessage());
                }
                return failed(PrintOutcome.Result.SEND_FAILED, state, sent.sent, bytes.length, "printer '" + name
                        + "': send failed after " + sent.sent + " of " + bytes.length + " bytes: " + sent.failure.getMessage()
                        + "; the label may have printed");
            }
            PrinterStatus after = publish(connection.queryStatus(false));
            if (after.state() == PrinterState.DISCONNECTED) {
                // Every byte reached our socket, but the connection died before the printer could confirm it.
                return failed(PrintOutcome.Result.SEND_FAILED, after.state(), sent.sent, bytes.length, "printer '" + name
                        + "': connection lost after all " + bytes.length + " bytes were sent, before the printer confirmed"
                        + " them (" + after.detail() + "); the label may have printed");
            }
            return new PrintOutcome(PrintOutcome.Result.PRINTED, after.state(), sent.sent, bytes.length,
                    "printer '" + name + "' received all " + bytes.length + " bytes; now " + after.detail()
                            + (after.formatsInBuffer() > 0 ? " (" + after.formatsInBuffer() + " formats in its buffer)" : ""));
        } finally {
            lock.unlock();
        }
    }

    /**
     * SGD {@code getvar}. An unknown variable gives {@code "?"}, as the printer says.
     *
     * @throws IOException when not connected or the printer does not answer within the status timeout
     * @throws IllegalArgumentException for a name with upper case, spaces, quotes or control characters
     */
    public String getVar(String variable) throws IOException {
        lock.lock();
        try {
            return connection.getVar(variable);
        } finally {
            lock.unlock();
        }
    }

    /**
     * SGD {@code setvar}. The printer does not answer setvar; read the value back with {@link #getVar} if it
     * matters (some values read back differently, e.g. {@code device.languages}).
     *
     * @throws IOException when not connected or the write fails
     * @throws IllegalArgumentException for a name or value SGD cannot carry (quotes, control characters)
     */
    public void setVar(String variable, String value) throws IOException {
        lock.lock();
        try {
            connection.setVar(variable, value);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code ~HI} plus {@code appl.name} and {@code device.friendly_name} (empty when the printer does not answer
     * SGD).
     *
     * @throws IOException when not connected or the printer does not answer {@code ~HI} within the status timeout
     */
    public PrinterIdentity identity() throws IOException {
        lock.lock();
        try {
            return connection.identity();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One look at how far the printer has got, for print confirmation (PROTOCOLS.md 2.4): status, then the label
     * counter and serial, then status again; {@link PrinterProgress#settled()} says whether the two statuses agree.
     * Never throws: a printer that does not answer gives a look without counter or buffer figures.
     */
    public PrinterProgress progress() {
        lock.lock();
        try {
            PrinterStatus before = publish(connection.queryStatus(false));
            if (before.formatsInBuffer() < 0) {
                return new PrinterProgress(before, false, PrinterProgress.Counter.NOT_READ, -1, "",
                        "printer is " + before.detail());
            }
            OdometerReader.Reading reading = odometer.read();
            PrinterStatus after = publish(connection.queryStatus(false));
            boolean settled = after.formatsInBuffer() == before.formatsInBuffer()
                    && after.labelsRemaining() == before.labelsRemaining()
                    && after.partialFormat() == before.partialFormat() && after.labelWaiting() == before.labelWaiting();
            return new PrinterProgress(after, settled, reading.counter, reading.count, reading.serial, reading.note);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The printer's label counter alone (SGD {@code odometer.total_label_count}) and serial, asked before a job is
     * sent: {@link PrinterProgress.Counter#MISSING} means this printer cannot confirm what it printed.
     */
    public PrinterProgress labelCounter() {
        lock.lock();
        try {
            OdometerReader.Reading reading = odometer.read();
            return new PrinterProgress(lastStatus, true, reading.counter, reading.count, reading.serial, reading.note);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connection is up. */
    public boolean connected() {
        return transport.isConnected();
    }

    /** Waits up to {@code timeout} for the connection; true when connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return transport.awaitConnected(timeout);
    }

    public String name() {
        return name;
    }

    public DeviceUrl url() {
        return url;
    }

    public PrinterOptions options() {
        return options;
    }

    /** Stops polling and closes the connection; queued events are still delivered. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        transport.close();
        events.close();
    }

    @Override
    public String toString() {
        return "ZebraPrinterDriver{" + name + ", " + url + ", " + lastStatus.state().label() + "}";
    }

    private void poll() {
        if (!lock.tryLock()) {
            return; // a job or query is running and reports the state itself
        }
        try {
            publish(connection.queryStatus(false));
        } catch (RuntimeException e) {
            events.emit(DeviceEvent.Kind.ERROR, "status poll of printer '" + name + "' failed: " + e);
        } finally {
            lock.unlock();
        }
    }

    private PrintOutcome failed(PrintOutcome.Result result, PrinterState state, long sent, long total, String message) {
        events.emit(DeviceEvent.Kind.PRINT_FAILED, message);
        return new PrintOutcome(result, state, sent, total, message);
    }

    /** Caller holds the lock. Records the status and reports a change of state. */
    private PrinterStatus publish(PrinterStatus status) {
        lastStatus = status;
        if (status.state() != lastState) {
            PrinterState was = lastState;
            lastState = status.state();
            events.emit(DeviceEvent.printerStateChanged(name, status.state(), "printer '" + name + "' is now "
                    + status.detail() + " (was " + was.label() + ")"));
        }
        return status;
    }
}
