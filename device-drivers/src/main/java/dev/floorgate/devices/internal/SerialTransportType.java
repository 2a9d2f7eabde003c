package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import java.util.Set;

/**
 * {@code serial:///dev/ttyUSB0?baud=9600&parity=none}: a serial port by path, with its line settings
 * ({@link SerialSettings}) as URL options, checked when the URL is parsed.
 */
public final class SerialTransportType implements TransportType {

    @Override
    public List<String> schemes() {
        return List.of("serial");
    }

    @Override
    public String example() {
        return "serial:///dev/ttyX";
    }

    @Override
    public DeviceUrl.Kind kind() {
        return DeviceUrl.Kind.SERIAL;
    }

    @Override
    public DeviceLocation locate(String url, String location) {
        return DeviceLocation.path(url, location, "serial:///dev/ttyUSB0");
    }

    @Override
    public Set<String> optionNames() {
        return SerialSettings.OPTIONS;
    }

    @Override
    public void checkOptions(DeviceUrl url) {
        SerialSettings.fromUrl(url);
    }

    @Override
    public DeviceTransport create(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline,
                                  TransportSettings settings, DeviceEventSink events) {
        return new SerialTransport(device, url, SerialSettings.fromUrl(url), pipeline, settings, events);
    }
}
