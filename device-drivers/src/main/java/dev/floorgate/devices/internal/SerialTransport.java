package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.DeviceUrl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jssc.SerialPort;
import jssc.SerialPortEvent;
import jssc.SerialPortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serial:///dev/ttyX}: a serial port opened with jssc, carrying the same pipeline as the TCP transports.
 *
 * <p>Netty's own serial transports (and the blocking-I/O channels they stood on) are deprecated, so the pipeline
 * runs on an {@link EmbeddedChannel} (as Netty itself does inside its HTTP decompressor) confined to one thread
 * per port, {@code fg-serial-<device>}: jssc's reader thread hands each read to that thread, which feeds the
 * pipeline, writes whatever the pipeline sends to the port, and runs the pipeline's timers. The port is reopened
 * with backoff when it fails or its device file disappears (a USB adapter unplugged, socat gone).
 *
 * <p>jssc's {@code setParams} returns false on a pseudo-terminal although the settings apply (a modem-line
 * ioctl fails with ENOTTY), so false is logged as a warning, not treated as a failure.
 */
final class SerialTransport implements DeviceTransport {

    private static final Logger log = LoggerFactory.getLogger(SerialTransport.class);

    /** Bytes read but not yet fed to the pipeline, at most; beyond it input is dropped with an event. */
    private static final long MAX_PENDING_INPUT = 4L * 1024 * 1024;
    private static final long HEALTH_CHECK_MILLIS = 500;

    private final String device;
    private final String path;
    private final SerialSettings serial;
    private final ChannelInitializer<Channel> pipeline;
    private final DeviceEventSink events;
    private final ScheduledExecutorService thread;
    private final AtomicLong pendingInput = new AtomicLong();
    private final AtomicLong droppedInput = new AtomicLong();

    // Confined to `thread`.
    private final Backoff backoff;
    private SerialPort port;
    private EmbeddedChannel channel;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> health;
    private ScheduledFuture<?> timerWake;
    private long timerWakeAt;

    private final Object stateLock = new Object();
    /** Guarded by stateLock. */
    private boolean connected;
    /** Guarded by stateLock. */
    private long attemptsDone;
    private volatile boolean closed;

    SerialTransport(String device, DeviceUrl url, SerialSettings serial, ChannelInitializer<Channel> pipeline,
                    TransportSettings settings, DeviceEventSink events) {
        this.device = device;
        this.path = url.path();
        this.serial = serial;
        this.pipeline = pipeline;
        this.events = events;
        this.backoff = settings.newBackoff();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "fg-serial-" + device);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    @Override
    public void start() {
        execute(this::open);
    }

    private void open() {
        if (closed || port != null) {
            return;
        }
        retry = null;
        SerialPort candidate = new SerialPort(path);
        try {
            candidate.openPort();
            if (!candidate.setParams(serial.baud(), serial.dataBits(), serial.stopBits(), serial.parity())) {
                log.warn("'{}': setParams({}) on {} returned false; expected on a pseudo-terminal, where the settings "
                        + "apply anyway", device, serial, path);
            }
            channel = new EmbeddedChannel(pipeline);
            port = candidate;
            candidate.addEventListener(event -> onSerialEvent(candidate, event), SerialPort.MASK_RXCHAR);
        } catch (SerialPortException | RuntimeException e) {
            releasePort(candidate);
            attemptDone(false);
            scheduleRetry("opening serial port " + path + " failed: " + describe(e));
            return;
        }
        backoff.reset();
        health = thread.scheduleWithFixedDelay(this::checkPort, HEALTH_CHECK_MILLIS, HEALTH_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        attemptDone(true);
        events.emit(DeviceEvent.Kind.CONNECTED, "'" + device + "' opened serial port " + path + " at " + serial);
        afterPipelineWork();
    }

    /** On jssc's reader thread: read what arrived and hand it to our thread. */
    private void onSerialEvent(SerialPort source, SerialPortEvent event) {
        if (!event.isRXCHAR() || event.getEventValue() <= 0) {
            return;
        }
        try {
            byte[] bytes = source.readBytes();
            if (bytes == null || bytes.length == 0) {
                return;
            }
            if (pendingInput.addAndGet(bytes.length) > MAX_PENDING_INPUT) {
                pendingInput.addAndGet(-bytes.length);
                droppedInput.addAndGet(bytes.length);
                return;
            }
            execute(() -> {
                pendingInput.addAndGet(-bytes.length);
                feed(source, bytes);
            });
        } catch (SerialPortException e) {
            execute(() -> fail(source, "reading failed: " + describe(e)));
        }
    }

    private void feed(SerialPort source, byte[] bytes) {
        if (port != source) {
            return;
        }
        long dropped = droppedInput.getAndSet(0);
        if (dropped > 0) {
            events.emit(DeviceEvent.Kind.ERROR, "'" + device + "' dropped " + dropped + " bytes from " + path
                    + ": more than " + MAX_PENDING_INPUT + " bytes were waiting to be decoded");
        }
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        } catch (RuntimeException e) {
            events.emit(DeviceEvent.Kind.ERROR, "'" + device + "' pipeline failed on input from " + path + ": " + describe(e));
        }
        afterPipelineWork();
    }

    /** Writes what the pipeline produced and runs its due timers. */
    private void afterPipelineWork() {
        if (channel == null) {
            return;
        }
        try {
            flushOutbound();
            long nextTimerNanos = channel.runScheduledPendingTasks();
            flushOutbound();
            if (nextTimerNanos >= 0) {
                wakeIn(nextTimerNanos);
            }
        } catch (SerialPortException e) {
            fail(port, "writing failed: " + describe(e));
        }
    }

    private void flushOutbound() throws SerialPortException {
        Object message;
        while (channel != null && (message = channel.readOutbound()) != null) {
            try {
                if (message instanceof ByteBuf) {
                    byte[] bytes = ByteBufUtil.getBytes((ByteBuf) message);
                    if (!port.writeBytes(bytes)) {
                        throw new SerialPortException(port, "writeBytes", "not all of " + bytes.length + " bytes were written");
                    }
                } else {
                    log.warn("'{}': pipeline produced a {} instead of bytes; dropped", device, message.getClass().getName());
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    private void wakeIn(long nanos) {
        long at = System.nanoTime() + nanos;
        if (timerWake != null && !timerWake.isDone() && timerWakeAt - at <= 0) {
            return;
        }
        if (timerWake != null) {
            timerWake.cancel(false);
        }
        timerWakeAt = at;
        timerWake = thread.schedule(this::onWake, Math.max(nanos, 100_000), TimeUnit.NANOSECONDS);
    }

    private void onWake() {
        timerWake = null; // this wake is over: the pipeline may need the next one
        afterPipelineWork();
    }

    private void checkPort() {
        if (port != null && !Files.exists(Paths.get(path))) {
            fail(port, "device file " + path + " disappeared");
        }
    }

    private void fail(SerialPort source, String reason) {
        if (source == null || port != source || closed) {
            return;
        }
        releasePort(port);
        events.emit(DeviceEvent.Kind.DISCONNECTED, "'" + device + "' lost serial port " + path + ": " + reason);
        scheduleRetry(reason);
    }

    /** Closes the port and the pipeline (failing anything waiting on it). */
    private void releasePort(SerialPort p) {
        setConnected(false);
        if (health != null) {
            health.cancel(false);
            health = null;
        }
        if (timerWake != null) {
            timerWake.cancel(false);
            timerWake = null;
        }
        if (p != null) {
            try {
                if (p.isOpened()) {
                    p.removeEventListener();
                }
            } catch (SerialPortException | RuntimeException ignored) {
                // The listener is gone with the port.
            }
            try {
                if (p.isOpened()) {
                    p.closePort();
                }
            } catch (SerialPortException | RuntimeException e) {
                log.debug("'{}': closing {} failed: {}", device, path, describe(e));
            }
        }
        if (p == port) {
            port = null;
            if (channel != null) {
                channel.close();
                channel.runPendingTasks();
                channel.releaseInbound();
                channel.releaseOutbound();
                channel = null;
            }
        }
    }

    private void scheduleRetry(String reason) {
        if (closed || retry != null) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        retry = thread.schedule(this::open, delay, TimeUnit.MILLISECONDS);
        events.emit(DeviceEvent.Kind.RECONNECTING, "'" + device + "': " + reason + "; next attempt in " + delay
                + " ms (failure " + backoff.failures() + ")");
    }

    private void attemptDone(boolean success) {
        synchronized (stateLock) {
            attemptsDone++;
            if (success) {
                connected = true;
            }
            stateLock.notifyAll();
        }
    }

    private void setConnected(boolean value) {
        synchronized (stateLock) {
            connected = value;
            stateLock.notifyAll();
        }
    }

    @Override
    public boolean isConnected() {
        synchronized (stateLock) {
            return connected;
        }
    }

    @Override
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long startedAttempts;
        synchronized (stateLock) {
            if (connected) {
                return true;
            }
            startedAttempts = attemptsDone;
        }
        execute(() -> {
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            open();
        });
        synchronized (stateLock) {
            while (!connected && !closed && attemptsDone == startedAttempts) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                stateLock.wait(remaining);
            }
            return connected;
        }
    }

    @Override
    public CompletableFuture<Void> write(Object message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queued = execute(() -> {
            if (channel == null) {
                ReferenceCountUtil.release(message);
                done.completeExceptionally(new IOException("'" + device + "': serial port " + path + " is not open"));
                return;
            }
            SerialPort target = port;
            try {
                channel.writeAndFlush(message);
                flushOutbound();
                done.complete(null);
            } catch (SerialPortException | RuntimeException e) {
                done.completeExceptionally(new IOException("'" + device + "': writing to " + path + " failed: " + describe(e), e));
                fail(target, "writing failed: " + describe(e));
            }
        });
        if (!queued) {
            ReferenceCountUtil.release(message);
            done.completeExceptionally(new IOException("'" + device + "': serial transport for " + path + " is closed"));
        }
        return done;
    }

    @Override
    public void disconnect(String reason) {
        execute(() -> {
            if (port != null) {
                events.emit(DeviceEvent.Kind.ERROR, "'" + device + "' closes serial port " + path + ": " + reason);
                fail(port, reason);
            }
        });
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public void close() {
        closed = true;
        execute(() -> {
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            releasePort(port);
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (stateLock) {
            stateLock.notifyAll();
        }
    }

    private boolean execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("'{}': serial transport task failed", device, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof SerialPortException) {
            SerialPortException s = (SerialPortException) e;
            return s.getExceptionType() + (s.getCause() != null ? " (" + s.getCause().getMessage() + ")" : "");
        }
        return TcpClientTransport.describe(e);
    }
}
