package dev.floorgate.devices.internal;

import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Netty futures as CompletableFutures, failures as IOExceptions that keep their cause. */
final class ChannelFutures {

    private ChannelFutures() {
    }

    static CompletableFuture<Void> toCompletable(ChannelFuture future, String device) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                Throwable cause = f.cause();
                done.completeExceptionally(cause instanceof IOException ? cause
                        : new IOException("write to '" + device + "' failed: " + TcpClientTransport.describe(cause), cause));
            }
        });
        return done;
    }
}
