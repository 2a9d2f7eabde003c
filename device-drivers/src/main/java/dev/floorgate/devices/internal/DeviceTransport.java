package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A byte connection to one device that carries a device-type pipeline (see {@link ScannerPipelineInitializer}
 * and {@link PrinterPipelineInitializer}) and keeps itself connected: after a failure or a lost connection it
 * tries again with backoff until closed, reporting CONNECTED, DISCONNECTED and RECONNECTING events. Drivers talk
 * to the pipeline through {@link #write}; what the device sends comes out of the pipeline's last handler.
 */
public interface DeviceTransport extends AutoCloseable {

    /** Starts connecting (or listening) in the background; returns at once. */
    void start();

    boolean isConnected();

    /**
     * Waits until connected. A transport waiting to retry tries at once, and the wait ends early when that
     * attempt fails.
     *
     * @return whether the transport is connected
     */
    boolean awaitConnected(Duration timeout) throws InterruptedException;

    /**
     * Writes a message into the pipeline (bytes or a message a pipeline encoder knows). The future completes when
     * the bytes were handed to the operating system (or written to the serial port), and fails with an
     * IOException when not connected or when the write fails. For tcp-listen the message goes to every client.
     */
    CompletableFuture<Void> write(Object message);

    /** Drops the current connection (after a stuck write); the transport reconnects with backoff. */
    void disconnect(String reason);

    /** The local address we listen on (tcp-listen) or are connected from (tcp); null for serial. */
    InetSocketAddress localAddress();

    /** Stops for good: closes the connection and cancels any retry. */
    @Override
    void close();

    /** The transport for {@code url}'s scheme ({@link TransportTypes}). */
    static DeviceTransport create(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline,
                                  TransportSettings settings, DeviceEventSink events) {
        return TransportTypes.of(url).create(device, url, pipeline, settings, events);
    }
}
