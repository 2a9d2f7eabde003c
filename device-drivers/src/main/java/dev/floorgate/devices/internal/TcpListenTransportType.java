package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;

/**
 * {@code tcp-listen://address:port}: the device dials us ({@code 0.0.0.0} or an empty address for every
 * interface, port 0 for any free port). The number of clients served at once is the scanner option
 * {@code maxClients}, which reaches the transport through {@link TransportSettings}.
 */
public final class TcpListenTransportType implements TransportType {

    @Override
    public List<String> schemes() {
        return List.of("tcp-listen");
    }

    @Override
    public String example() {
        return "tcp-listen://address:port";
    }

    @Override
    public DeviceUrl.Kind kind() {
        return DeviceUrl.Kind.TCP_LISTEN;
    }

    @Override
    public DeviceLocation locate(String url, String location) {
        return DeviceLocation.hostAndPort(url, location, true, "tcp-listen://address:port");
    }

    @Override
    public DeviceTransport create(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline,
                                  TransportSettings settings, DeviceEventSink events) {
        return new TcpListenTransport(device, url, pipeline, settings, events);
    }
}
