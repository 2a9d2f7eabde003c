package dev.floorgate.devices;

import dev.floorgate.devices.internal.DeviceEventSink;
import dev.floorgate.devices.internal.DeviceTransport;
import dev.floorgate.devices.internal.OptionValues;
import dev.floorgate.devices.internal.ScalePipelineInitializer;
import dev.floorgate.devices.internal.ScaleReadings;
import dev.floorgate.devices.internal.SicsSession;
import dev.floorgate.devices.internal.TransportSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A weighing scale on TCP or serial (PROTOCOLS.md 9), speaking MT-SICS ({@code protocol=sics}: the driver asks)
 * or sending continuous output ({@code protocol=continuous}: the driver listens).
 *
 * <p>{@link #readStable(Duration)} waits, within a bound, for a settled weight and returns it, or a reading whose
 * state says why there is none (UNSTABLE, OVERLOAD, UNDERLOAD, REFUSED, GARBAGE, NOT_ANSWERING, DISCONNECTED):
 * device faults are states, never exceptions. The reading listener hears of every change (state, weight, unit,
 * gross/net), from the background poll ({@code SI} every {@code pollInterval}, sics) or from the stream
 * (continuous), and the event listener of connections, garbage lines and silence (NOT_ANSWERING); both are called
 * in order from one thread per scale, never from a network thread. MT-SICS replies carry no tag, so one command is
 * on the wire at a time (a fair lock). The connection reconnects on its own with backoff. Thread-safe.
 *
 * <pre>{@code
 * ScaleDriver pack = ScaleDriver.open("pack-1", DeviceUrl.parse("serial:///dev/ttyUSB1?baud=9600&protocol=sics"),
 *         null, reading -> show(reading), event -> log(event));
 * ScaleReading r = pack.readStable(Duration.ofSeconds(3));
 * if (r.stable()) { record(r.weight(), r.unit()); } else { tellThePacker(r.detail()); }
 * }</pre>
 */
public final class ScaleDriver implements AutoCloseable {

    /** Between two {@code S} asked by {@link #readStable} after the scale could not settle ({@code S I}). */
    private static final long RETRY_MILLIS = 100;

    private final String name;
    private final DeviceUrl url;
    private final ScaleOptions options;
    private final DeviceEventSink events;
    private final ScaleReadings readings;
    private final DeviceTransport transport;
    private final SicsSession sics;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ScheduledExecutorService poller;
    /** Set by close: a poll cut short by it tells the listener nothing. */
    private volatile boolean closed;

    private ScaleDriver(String name, DeviceUrl url, ScaleOptions options, DeviceEventSink events,
                        Consumer<ScaleReading> onReading) {
        this.name = name;
        this.url = url;
        this.options = options;
        this.events = events;
        this.readings = new ScaleReadings(name, onReading, events);
        this.transport = DeviceTransport.create(name, url, new ScalePipelineInitializer(name, options, readings, events),
                new TransportSettings(options.connectTimeout(), options.reconnectBackoffMin(),
                        options.reconnectBackoffMax(), 1),
                events);
        this.sics = options.protocol() == ScaleOptions.Protocol.SICS
                ? new SicsSession(name, transport, options.maxFrameLength(), options.answerTimeout(), events) : null;
        boolean polls = sics == null || !options.pollInterval().isZero();
        this.poller = !polls ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "fg-scale-poll-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens a scale and starts connecting in the background; returns at once.
     *
     * @param options null to read them from the URL's query ({@link ScaleOptions#fromUrl})
     * @param onReading told of each change of reading (may be a no-op)
     * @throws IllegalArgumentException for a bad URL or option, or a tcp-listen URL (scales are dialed)
     */
    public static ScaleDriver open(String name, DeviceUrl url, ScaleOptions options, Consumer<ScaleReading> onReading,
                                   DeviceEventListener events) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(onReading, "onReading");
        Objects.requireNonNull(events, "events");
        if (url.kind() == DeviceUrl.Kind.TCP_LISTEN) {
            throw new IllegalArgumentException("scale '" + name + "': url '" + url
                    + "' is tcp-listen; a scale is reached as tcp://host:port or serial:///dev/ttyX");
        }
        ScaleOptions effective = options != null ? options : ScaleOptions.fromUrl(url);
        ScaleDriver driver = new ScaleDriver(name, url, effective,
                new DeviceEventSink(name, events, effective.eventQueueCapacity()), onReading);
        driver.transport.start();
        if (driver.poller != null) {
            long every = (effective.pollInterval().isZero() ? effective.answerTimeout() : effective.pollInterval()).toMillis();
            driver.poller.scheduleWithFixedDelay(driver::poll, every, every, TimeUnit.MILLISECONDS);
        }
        return driver;
    }

    /** {@link #readStable(Duration)} bounded by the {@code stableWait} option (5 s by default). */
    public ScaleReading readStable() throws InterruptedException {
        return readStable(options.stableWait());
    }

    /**
     * Waits up to {@code bound} for a stable weight. sics: asks {@code S} (the scale itself waits to settle) and
     * asks again while it answers {@code S I} or garbage; continuous: takes the next stable line. OVERLOAD,
     * UNDERLOAD and REFUSED end the wait at once (the scale says so for certain). When the bound passes, returns
     * the last reading seen, whose state says why it is not stable, or NOT_ANSWERING / DISCONNECTED when none came.
     */
    public ScaleReading readStable(Duration bound) throws InterruptedException {
        OptionValues.positive(bound, "readStable bound");
        long deadline = System.nanoTime() + bound.toNanos();
        if (sics == null) {
            return awaitStableLine(bound, deadline);
        }
        lock.lockInterruptibly();
        try {
            ScaleReading last = null;
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return last != null ? last : silence(bound);
                }
                if (!transport.isConnected()) {
                    transport.awaitConnected(Duration.ofNanos(Math.min(remaining, options.connectTimeout().toNanos())));
                }
                ScaleReading r = sics.ask("S", Duration.ofNanos(Math.max(remaining, 1_000_000)));
                if (r.state() == ScaleState.NOT_ANSWERING && last != null && last.state() != ScaleState.DISCONNECTED) {
                    // the bound ran out while the scale held S to settle: it did answer, and its last answer says why
                    return last;
                }
                readings.offer(r);
                if (r.state() == ScaleState.STABLE || r.state() == ScaleState.NOT_ANSWERING || reportedFault(r)) {
                    return r;
                }
                last = r;
                // S I, garbage, no connection: ask again a little later, within the bound
                Thread.sleep(Math.max(0, Math.min(RETRY_MILLIS, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } finally {
            lock.unlock();
        }
    }

    private ScaleReading awaitStableLine(Duration bound, long deadline) throws InterruptedException {
        long seen = readings.count();
        ScaleReading last = null;
        while (true) {
            ScaleReading r = readings.awaitAfter(seen, deadline);
            if (r == null) {
                return last != null ? last : silence(bound);
            }
            seen = readings.count();
            if (r.state() == ScaleState.STABLE || reportedFault(r)) {
                return r;
            }
            last = r;
        }
    }

    /**
     * A state the scale itself reports for certain (over/underload, a refused command): the packer must act, so
     * waiting out the bound would only delay telling them. Line noise (GARBAGE) and S I are waited through.
     */
    private static boolean reportedFault(ScaleReading r) {
        return r.state() == ScaleState.OVERLOAD || r.state() == ScaleState.UNDERLOAD || r.state() == ScaleState.REFUSED;
    }

    private ScaleReading silence(Duration bound) {
        boolean up = transport.isConnected();
        return ScaleReading.without(name, up ? ScaleState.NOT_ANSWERING : ScaleState.DISCONNECTED, "scale '" + name + "' "
                + (up ? "sent no reading" : "was not connected") + " within " + bound.toMillis() + " ms", null, Instant.now());
    }

    /**
     * sics only: the weight now ({@code SI}), stable or not, or why there is none; waits up to the answer timeout.
     * For a continuous scale, the newest line's reading (NOT_ANSWERING before the first).
     */
    public ScaleReading readNow() throws InterruptedException {
        if (sics == null) {
            ScaleReading latest = readings.latest();
            return latest != null ? latest : silence(Duration.ZERO);
        }
        return exchange("SI");
    }

    /**
     * Sets zero ({@code Z}). A STABLE reading without a weight means done; UNSTABLE ({@code Z I}) that the scale
     * could not settle; OVERLOAD/UNDERLOAD that zero is out of range; otherwise REFUSED, NOT_ANSWERING, ...
     *
     * @throws IllegalStateException for a continuous-output scale, which takes no commands
     */
    public ScaleReading zero() throws InterruptedException {
        requireSics("zero");
        return exchange("Z");
    }

    /**
     * Tares ({@code T}): a STABLE reading carries the tare weight stored; later weights are net. Other states as
     * for {@link #zero()}.
     *
     * @throws IllegalStateException for a continuous-output scale, which takes no commands
     */
    public ScaleReading tare() throws InterruptedException {
        requireSics("tare");
        return exchange("T");
    }

    /** The newest reading the driver has (from a poll, a read or the stream), or null before the first. */
    public ScaleReading lastReading() {
        return readings.latest();
    }

    private ScaleReading exchange(String command) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            ScaleReading r = sics.ask(command, options.answerTimeout());
            if (command.equals("SI")) {
                readings.offer(r);
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    private void requireSics(String what) {
        if (sics == null) {
            throw new IllegalStateException("scale '" + name + "' sends continuous output and takes no commands; "
                    + what + " it at the scale");
        }
    }

    /** sics: ask {@code SI} unless a read holds the line; continuous: notice silence and lost connections. */
    private void poll() {
        try {
            if (sics != null) {
                if (transport.isConnected() && lock.tryLock()) {
                    try {
                        ScaleReading r = sics.ask("SI", options.answerTimeout());
                        if (!closed) {
                            readings.offer(r);
                        }
                    } finally {
                        lock.unlock();
                    }
                } else if (!transport.isConnected()) {
                    offerIfChanged(ScaleState.DISCONNECTED, "scale '" + name + "' is not connected");
                }
                return;
            }
            if (!transport.isConnected()) {
                offerIfChanged(ScaleState.DISCONNECTED, "scale '" + name + "' is not connected");
            } else if (readings.quietNanos() > options.answerTimeout().toNanos()) {
                offerIfChanged(ScaleState.NOT_ANSWERING, "scale '" + name + "' sent no line for "
                        + TimeUnit.NANOSECONDS.toMillis(readings.quietNanos()) + " ms (answerTimeout "
                        + options.answerTimeout().toMillis() + " ms)");
            }
        } catch (RuntimeException e) {
            events.emit(DeviceEvent.Kind.ERROR, "scale '" + name + "' poll failed: " + e);
        }
    }

    private void offerIfChanged(ScaleState state, String detail) {
        ScaleReading latest = readings.latest();
        if (latest == null || latest.state() != state) {
            readings.offer(ScaleReading.without(name, state, detail, null, Instant.now()));
        }
    }


    /** Whether a connection is up. */
    public boolean connected() {
        return transport.isConnected();
    }

    /** Waits up to {@code timeout} for a connection; true when connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return transport.awaitConnected(timeout);
    }

    public String name() {
        return name;
    }

    public DeviceUrl url() {
        return url;
    }

    public ScaleOptions options() {
        return options;
    }

    /** Stops polling, closes the connection and stops reconnecting; events already queued are still delivered. */
    @Override
    public void close() {
        closed = true;
        if (poller != null) {
            poller.shutdownNow();
        }
        transport.close();
        events.close();
    }

    @Override
    public String toString() {
        return "ScaleDriver{" + name + ", " + url + ", " + (connected() ? "connected" : "not connected") + "}";
    }
}
