package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.DeviceUrl;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code tcp://host:port}: we dial the device (a printer's raw port, a fixed-mount reader) and dial again with
 * backoff whenever the connection fails or drops, until closed.
 */
final class TcpClientTransport implements DeviceTransport {

    private final String device;
    private final DeviceUrl url;
    private final DeviceEventSink events;
    private final Bootstrap bootstrap;

    private final Object lock = new Object();
    /** The live connection, or null. Guarded by lock. */
    private Channel channel;
    /** An attempt is under way. Guarded by lock. */
    private boolean connecting;
    /** Attempts finished (either way): lets a waiter see that the attempt it asked for failed. Guarded by lock. */
    private long attemptsDone;
    /** The scheduled next attempt, or null. Guarded by lock. */
    private ScheduledFuture<?> retry;
    /** Guarded by lock. */
    private boolean closed;
    /** Guarded by lock. */
    private final Backoff backoff;

    TcpClientTransport(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline, TransportSettings settings,
                       DeviceEventSink events) {
        this.device = device;
        this.url = url;
        this.events = events;
        this.backoff = settings.newBackoff();
        this.bootstrap = new Bootstrap()
                .group(EventLoops.shared())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(pipeline);
    }

    @Override
    public void start() {
        connect();
    }

    private void connect() {
        synchronized (lock) {
            if (closed || connecting || channel != null) {
                return;
            }
            connecting = true;
            retry = null;
        }
        bootstrap.connect(url.host(), url.port()).addListener((ChannelFuture f) -> onConnectResult(f));
    }

    private void onConnectResult(ChannelFuture f) {
        if (f.isSuccess() && connectedToItself(f.channel().localAddress(), f.channel().remoteAddress())) {
            // Dialing a loopback port nobody listens on, the kernel can pick that very port as the local one:
            // TCP's simultaneous open then "connects" the socket to itself, and the device would look connected
            // while holding the port its real server needs (seen in ScannerDriverTcpTest under load).
            f.channel().close();
            f = f.channel().newFailedFuture(new java.net.ConnectException("connected to itself (nothing listens on "
                    + url.host() + ":" + url.port() + ")"));
        }
        synchronized (lock) {
            connecting = false;
            attemptsDone++;
            if (closed) {
                f.channel().close();
                lock.notifyAll();
                return;
            }
            if (f.isSuccess()) {
                channel = f.channel();
                backoff.reset();
            }
            lock.notifyAll();
        }
        if (f.isSuccess()) {
            Channel connected = f.channel();
            events.emit(DeviceEvent.Kind.CONNECTED, "'" + device + "' connected to " + url.host() + ":" + url.port());
            connected.closeFuture().addListener(c -> onClosed(connected));
        } else {
            scheduleRetry("connecting to " + url.host() + ":" + url.port() + " failed: " + describe(f.cause()));
        }
    }

    /** A TCP self-connection: the same address and port at both ends. */
    static boolean connectedToItself(java.net.SocketAddress local, java.net.SocketAddress remote) {
        return local != null && local.equals(remote);
    }

    private void onClosed(Channel lost) {
        synchronized (lock) {
            if (channel == lost) {
                channel = null;
            }
            if (closed) {
                return;
            }
        }
        events.emit(DeviceEvent.Kind.DISCONNECTED, "'" + device + "' lost its connection to " + url.host() + ":" + url.port());
        scheduleRetry("connection lost");
    }

    private void scheduleRetry(String reason) {
        long delay;
        int attempt;
        synchronized (lock) {
            if (closed || retry != null) {
                return;
            }
            delay = backoff.nextDelayMillis();
            attempt = backoff.failures();
            retry = EventLoops.shared().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
        events.emit(DeviceEvent.Kind.RECONNECTING, "'" + device + "': " + reason + "; next attempt in " + delay
                + " ms (failure " + attempt + ")");
    }

    @Override
    public boolean isConnected() {
        synchronized (lock) {
            return channel != null && channel.isActive();
        }
    }

    @Override
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long startedAttempts;
        synchronized (lock) {
            if (channel != null) {
                return true;
            }
            if (closed) {
                return false;
            }
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            startedAttempts = attemptsDone;
        }
        connect();
        synchronized (lock) {
            while (channel == null && !closed && attemptsDone == startedAttempts) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                lock.wait(remaining);
            }
            return channel != null;
        }
    }

    @Override
    public CompletableFuture<Void> write(Object message) {
        Channel ch;
        synchronized (lock) {
            ch = channel;
        }
        if (ch == null) {
            ReferenceCountUtil.release(message);
            return CompletableFuture.failedFuture(new IOException("'" + device + "' is not connected to "
                    + url.host() + ":" + url.port()));
        }
        return ChannelFutures.toCompletable(ch.writeAndFlush(message), device);
    }

    @Override
    public void disconnect(String reason) {
        Channel ch;
        synchronized (lock) {
            ch = channel;
        }
        if (ch != null) {
            events.emit(DeviceEvent.Kind.ERROR, "'" + device + "' drops its connection: " + reason);
            ch.close();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        Channel ch;
        synchronized (lock) {
            ch = channel;
        }
        return ch == null ? null : (InetSocketAddress) ch.localAddress();
    }

    @Override
    public void close() {
        Channel ch;
        synchronized (lock) {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            ch = channel;
            channel = null;
            lock.notifyAll();
        }
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
