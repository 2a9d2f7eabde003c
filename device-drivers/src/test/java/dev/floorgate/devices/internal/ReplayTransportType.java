package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.DeviceUrl;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A transport added by a test, as a site would add one: this class plus one line in the test resources'
 * {@code META-INF/services/dev.floorgate.devices.internal.TransportType}, nothing edited in the module.
 * {@code replay://host:port?reads=...} plays the URL-decoded {@code reads} bytes into the device pipeline when
 * started, as if a device had sent them, and refuses writes.
 */
public final class ReplayTransportType implements TransportType {

    @Override
    public List<String> schemes() {
        return List.of("replay");
    }

    @Override
    public String example() {
        return "replay://host:port?reads=...";
    }

    @Override
    public DeviceUrl.Kind kind() {
        return DeviceUrl.Kind.TCP;
    }

    @Override
    public DeviceLocation locate(String url, String location) {
        return DeviceLocation.hostAndPort(url, location, false, example());
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("reads");
    }

    @Override
    public void checkOptions(DeviceUrl url) {
        if (url.option("reads", "").isEmpty()) {
            throw DeviceLocation.problem(url.toString(), "option 'reads' is missing or empty");
        }
    }

    @Override
    public DeviceTransport create(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline,
                                  TransportSettings settings, DeviceEventSink events) {
        return new DeviceTransport() {
            private EmbeddedChannel channel;

            @Override
            public void start() {
                channel = new EmbeddedChannel(pipeline);
                events.emit(DeviceEvent.Kind.CONNECTED, "'" + device + "' replaying " + url);
                channel.writeInbound(Unpooled.copiedBuffer(url.option("reads", ""), StandardCharsets.ISO_8859_1));
            }

            @Override
            public boolean isConnected() {
                return channel != null;
            }

            @Override
            public boolean awaitConnected(Duration timeout) {
                return isConnected();
            }

            @Override
            public CompletableFuture<Void> write(Object message) {
                return CompletableFuture.failedFuture(new IOException("replay transport of '" + device
                        + "' takes no writes"));
            }

            @Override
            public void disconnect(String reason) {
            }

            @Override
            public InetSocketAddress localAddress() {
                return null;
            }

            @Override
            public void close() {
                if (channel != null) {
                    channel.finishAndReleaseAll();
                }
            }
        };
    }
}
