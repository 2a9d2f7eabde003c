package dev.floorgate.devices.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty event loop group shared by every driver in the process. Device traffic is small (scans, labels,
 * status replies), so two daemon threads serve tens of devices; they live as long as the process, which is why
 * nobody shuts them down.
 */
public final class EventLoops {

    private static final int THREADS = 2;

    private EventLoops() {
    }

    public static EventLoopGroup shared() {
        return Holder.GROUP;
    }

    /** A group of its own, for a component that must shut its threads down (the simulators). */
    public static EventLoopGroup newGroup(String poolName, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(poolName, true), NioIoHandler.newFactory());
    }

    private static final class Holder {
        static final EventLoopGroup GROUP = newGroup("fg-devices", THREADS);
    }
}
