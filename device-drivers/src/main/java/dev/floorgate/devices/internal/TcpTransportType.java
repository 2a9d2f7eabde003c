package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;

/** {@code tcp://host:port}: we dial the device (a printer on 9100, a fixed-mount reader in server mode). */
public final class TcpTransportType implements TransportType {

    @Override
    public List<String> schemes() {
        return List.of("tcp");
    }

    @Override
    public String example() {
        return "tcp://host:port";
    }

    @Override
    public DeviceUrl.Kind kind() {
        return DeviceUrl.Kind.TCP;
    }

    @Override
    public DeviceLocation locate(String url, String location) {
        return DeviceLocation.hostAndPort(url, location, false, "tcp://host:port");
    }

    @Override
    public DeviceTransport create(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline,
                                  TransportSettings settings, DeviceEventSink events) {
        return new TcpClientTransport(device, url, pipeline, settings, events);
    }
}
