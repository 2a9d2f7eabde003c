package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.DeviceUrl;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code tcp-listen://address:port}: the device dials us (readers configured as TCP clients). Each accepted
 * connection gets its own pipeline; at most {@code maxClients} are served at once and further ones are closed
 * with an event. When the port cannot be bound (in use), binding is retried with backoff.
 */
final class TcpListenTransport implements DeviceTransport {

    private final String device;
    private final DeviceUrl url;
    private final TransportSettings settings;
    private final DeviceEventSink events;
    private final ServerBootstrap bootstrap;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private final Object lock = new Object();
    /** Guarded by lock. */
    private Channel server;
    /** Guarded by lock. */
    private ScheduledFuture<?> retry;
    /** Guarded by lock. */
    private boolean closed;
    /** Guarded by lock. */
    private final Backoff backoff;

    TcpListenTransport(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline, TransportSettings settings,
                       DeviceEventSink events) {
        this.device = device;
        this.url = url;
        this.settings = settings;
        this.events = events;
        this.backoff = settings.newBackoff();
        this.bootstrap = new ServerBootstrap()
                .group(EventLoops.shared())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch, pipeline);
                    }
                });
    }

    private void accept(Channel ch, ChannelInitializer<Channel> pipeline) {
        String peer = String.valueOf(ch.remoteAddress());
        synchronized (lock) {
            if (closed || clients.size() >= settings.maxClients()) {
                if (!closed) {
                    events.emit(DeviceEvent.Kind.ERROR, "'" + device + "' refused a connection from " + peer
                            + ": already " + clients.size() + " of maxClients " + settings.maxClients() + " connected");
                }
                ch.close();
                return;
            }
            clients.add(ch);
            lock.notifyAll();
        }
        ch.pipeline().addLast(pipeline);
        events.emit(DeviceEvent.Kind.CONNECTED, "'" + device + "' accepted a connection from " + peer);
        ch.closeFuture().addListener(f -> {
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            events.emit(DeviceEvent.Kind.DISCONNECTED, "'" + device + "' lost its connection from " + peer);
        });
    }

    /** Binds before returning (so that {@link #localAddress()} answers at once); retries happen later. */
    @Override
    public void start() {
        ChannelFuture first = bind();
        if (first != null && first.awaitUninterruptibly(settings.connectTimeout().toMillis()) && first.isSuccess()) {
            synchronized (lock) {
                if (server == null && !closed) {
                    server = first.channel();
                }
            }
        }
    }

    private ChannelFuture bind() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            retry = null;
        }
        return bootstrap.bind(url.host(), url.port()).addListener((ChannelFuture f) -> {
            synchronized (lock) {
                if (f.isSuccess() && !closed) {
                    server = f.channel();
                    backoff.reset();
                    return;
                }
                if (closed) {
                    f.channel().close();
                    return;
                }
            }
            long delay;
            synchronized (lock) {
                delay = backoff.nextDelayMillis();
                retry = EventLoops.shared().schedule(this::bind, delay, TimeUnit.MILLISECONDS);
            }
            events.emit(DeviceEvent.Kind.RECONNECTING, "'" + device + "' cannot listen on " + url.host() + ":"
                    + url.port() + ": " + TcpClientTransport.describe(f.cause()) + "; next attempt in " + delay + " ms");
        });
    }

    @Override
    public boolean isConnected() {
        return !clients.isEmpty();
    }

    @Override
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (clients.isEmpty() && !closed) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                lock.wait(Math.min(remaining, 50));
            }
            return !clients.isEmpty();
        }
    }

    @Override
    public CompletableFuture<Void> write(Object message) {
        if (clients.isEmpty()) {
            ReferenceCountUtil.release(message);
            return CompletableFuture.failedFuture(new IOException("no device is connected to '" + device + "' on "
                    + url.host() + ":" + url.port()));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        clients.writeAndFlush(message).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new IOException("write to '" + device + "' failed: "
                        + TcpClientTransport.describe(f.cause()), f.cause()));
            }
        });
        return done;
    }

    @Override
    public void disconnect(String reason) {
        if (!clients.isEmpty()) {
            events.emit(DeviceEvent.Kind.ERROR, "'" + device + "' drops its connections: " + reason);
            clients.close();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        synchronized (lock) {
            return server == null ? null : (InetSocketAddress) server.localAddress();
        }
    }

    @Override
    public void close() {
        Channel s;
        synchronized (lock) {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            s = server;
            server = null;
            lock.notifyAll();
        }
        if (s != null) {
            s.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
