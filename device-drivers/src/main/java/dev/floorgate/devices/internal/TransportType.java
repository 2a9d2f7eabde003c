package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import java.util.Set;

/**
 * One way of reaching a device, named by its URL scheme(s): it checks the part of a device URL after
 * {@code scheme://}, names the URL options it reads, checks their values, and creates the
 * {@link DeviceTransport} that carries a device pipeline. {@link TransportTypes} finds them by scheme;
 * adding a transport is a new class implementing this, listed in
 * {@code META-INF/services/dev.floorgate.devices.internal.TransportType}. Implementations are stateless and
 * have a public no-argument constructor.
 */
public interface TransportType {

    /** The URL schemes this transport serves, lower case (for example {@code tcp}). */
    List<String> schemes();

    /** An example URL for messages, such as {@code tcp://host:port}. */
    String example();

    /** How a device on this transport is reached (callers decide on it: a printer cannot be tcp-listen). */
    DeviceUrl.Kind kind();

    /**
     * Checks where the device is.
     *
     * @param url the whole URL, for messages
     * @param location the text between {@code scheme://} and {@code ?}
     * @throws IllegalArgumentException naming the URL and the problem ({@link DeviceLocation#problem})
     */
    DeviceLocation locate(String url, String location);

    /** URL options this transport reads (the driver option classes accept them besides their own). */
    default Set<String> optionNames() {
        return Set.of();
    }

    /**
     * Checks the values of this transport's options in {@code url}, when the URL is parsed.
     *
     * @throws IllegalArgumentException naming the URL, the option and the accepted values
     */
    default void checkOptions(DeviceUrl url) {
    }

    /** A transport for one device; it starts when the driver calls {@link DeviceTransport#start()}. */
    DeviceTransport create(String device, DeviceUrl url, ChannelInitializer<Channel> pipeline,
                           TransportSettings settings, DeviceEventSink events);
}
