package dev.floorgate.devices;

import dev.floorgate.devices.internal.DiscoveryPacket;
import dev.floorgate.devices.internal.OptionValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PrinterDiscovery} asks and how long it listens. By default: the UDP discovery request to the local
 * broadcast address and the multicast group 224.0.1.55 on port 4201, answers collected for 3 s. Optionally a TCP
 * probe of the raw port on given hosts or a small CIDR block. Immutable.
 */
public final class DiscoveryOptions {

    private final int port;
    private final List<String> targets;
    private final Duration timeout;
    private final int multicastTtl;
    private final List<String> probeHosts;
    private final int probePort;
    private final Duration probeTimeout;
    private final int maxProbeHosts;

    private DiscoveryOptions(Builder b) {
        this.port = b.port;
        this.targets = List.copyOf(b.targets);
        this.timeout = b.timeout;
        this.multicastTtl = b.multicastTtl;
        this.probeHosts = List.copyOf(b.probeHosts);
        this.probePort = b.probePort;
        this.probeTimeout = b.probeTimeout;
        this.maxProbeHosts = b.maxProbeHosts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DiscoveryOptions defaults() {
        return builder().build();
    }

    /** UDP port the request goes to (4201). */
    public int port() { return port; }
    /** Addresses the request goes to: broadcast, multicast or unicast. */
    public List<String> targets() { return targets; }
    /** How long answers are collected. */
    public Duration timeout() { return timeout; }
    public int multicastTtl() { return multicastTtl; }
    /** Hosts (names, addresses or CIDR blocks such as {@code 192.168.1.0/28}) to probe on {@link #probePort()}. */
    public List<String> probeHosts() { return probeHosts; }
    public int probePort() { return probePort; }
    /** Connect and reply timeout of one probe. */
    public Duration probeTimeout() { return probeTimeout; }
    /** The most hosts one discovery probes (a CIDR block larger than this is refused). */
    public int maxProbeHosts() { return maxProbeHosts; }

    /** Builds {@link DiscoveryOptions}. */
    public static final class Builder {
        private int port = DiscoveryPacket.DEFAULT_PORT;
        private List<String> targets = List.of("255.255.255.255", DiscoveryPacket.MULTICAST_GROUP);
        private Duration timeout = Duration.ofSeconds(3);
        private int multicastTtl = 3;
        private final List<String> probeHosts = new ArrayList<>();
        private int probePort = 9100;
        private Duration probeTimeout = Duration.ofMillis(500);
        private int maxProbeHosts = 1024;

        private Builder() {
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("discovery port " + port + " is out of range 1-65535");
            }
            this.port = port;
            return this;
        }

        /** Replaces the targets; an empty list skips UDP discovery (probe only). */
        public Builder targets(List<String> targets) {
            this.targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
            return this;
        }

        public Builder targets(String... targets) {
            return targets(List.of(targets));
        }

        public Builder timeout(Duration timeout) {
            this.timeout = OptionValues.positive(timeout, "discovery timeout");
            return this;
        }

        public Builder multicastTtl(int ttl) {
            if (ttl < 1 || ttl > 255) {
                throw new IllegalArgumentException("multicast TTL " + ttl + " is out of range 1-255");
            }
            this.multicastTtl = ttl;
            return this;
        }

        /** Adds hosts or CIDR blocks to probe on the raw port. */
        public Builder probe(String... hostsOrCidrs) {
            for (String h : hostsOrCidrs) {
                probeHosts.add(Objects.requireNonNull(h, "probe host"));
            }
            return this;
        }

        public Builder probePort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("probe port " + port + " is out of range 1-65535");
            }
            this.probePort = port;
            return this;
        }

        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = OptionValues.positive(timeout, "probe timeout");
            return this;
        }

        public Builder maxProbeHosts(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxProbeHosts must be at least 1, got " + max);
            }
            this.maxProbeHosts = max;
            return this;
        }

        public DiscoveryOptions build() {
            return new DiscoveryOptions(this);
        }
    }
}
