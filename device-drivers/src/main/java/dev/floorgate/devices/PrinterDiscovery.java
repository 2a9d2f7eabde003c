package dev.floorgate.devices;

import dev.floorgate.devices.internal.DiscoveryPacket;
import dev.floorgate.devices.internal.RawPortProbe;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Zebra printers on the network: the UDP discovery request (PROTOCOLS.md 3) to broadcast, multicast or
 * given addresses, answers collected until the timeout, plus an optional probe of the raw port (9100) on given
 * hosts or a small CIDR block. A printer that answers more than once is reported once (by address); one found by
 * UDP wins over the same address found by the probe, since it carries the serial number. Blocks for about the
 * discovery timeout.
 */
public final class PrinterDiscovery {

    private static final Logger log = LoggerFactory.getLogger(PrinterDiscovery.class);
    private static final int PROBE_THREADS = 16;

    private PrinterDiscovery() {
    }

    /**
     * @throws IOException when the UDP socket cannot be opened, or when the request could be sent to no target
     * @throws IllegalArgumentException for a malformed or too large probe block
     */
    public static List<DiscoveredPrinter> discover(DiscoveryOptions options) throws IOException {
        List<String> probeHosts = RawPortProbe.expand(options.probeHosts(), options.maxProbeHosts());
        ExecutorService probes = probeHosts.isEmpty() ? null : Executors.newFixedThreadPool(
                Math.min(PROBE_THREADS, probeHosts.size()), runnable -> {
                    Thread t = new Thread(runnable, "fg-discovery-probe");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<RawPortProbe.Result>> probing = new ArrayList<>();
            for (String host : probeHosts) {
                probing.add(probes.submit(() -> RawPortProbe.probe(host, options.probePort(),
                        (int) options.probeTimeout().toMillis())));
            }
            Map<String, DiscoveredPrinter> found = new LinkedHashMap<>();
            if (!options.targets().isEmpty()) {
                udp(options, found);
            }
            for (Future<RawPortProbe.Result> f : probing) {
                RawPortProbe.Result r = get(f, options);
                if (r != null && !found.containsKey(r.address)) {
                    found.put(r.address, new DiscoveredPrinter(r.address, r.model, "", r.name, options.probePort(),
                            DiscoveredPrinter.Source.TCP_PROBE));
                }
            }
            return new ArrayList<>(found.values());
        } finally {
            if (probes != null) {
                probes.shutdownNow();
            }
        }
    }

    private static void udp(DiscoveryOptions options, Map<String, DiscoveredPrinter> found) throws IOException {
        try (MulticastSocket socket = new MulticastSocket(0)) {
            socket.setBroadcast(true);
            socket.setTimeToLive(options.multicastTtl());
            byte[] request = DiscoveryPacket.request();
            int sent = 0;
            List<String> failures = new ArrayList<>();
            for (String target : options.targets()) {
                try {
                    socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(target), options.port()));
                    sent++;
                } catch (IOException e) {
                    // A container without a multicast route, say: the other targets may still work.
                    failures.add(target + ": " + e.getMessage());
                    log.debug("discovery request to {}:{} failed: {}", target, options.port(), e.toString());
                }
            }
            if (sent == 0) {
                throw new IOException("printer discovery could not send its request to any target on UDP port "
                        + options.port() + ": " + String.join("; ", failures));
            }
            long deadline = System.nanoTime() + options.timeout().toNanos();
            byte[] buffer = new byte[2048];
            while (true) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, remaining));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                DiscoveryPacket.Reply reply = DiscoveryPacket.parse(packet.getData(), packet.getLength());
                if (reply == null) {
                    continue;
                }
                // A printer that does not know its address says 0.0.0.0; the packet's source then tells.
                String address = reply.address.equals("0.0.0.0") ? packet.getAddress().getHostAddress() : reply.address;
                found.putIfAbsent(address, new DiscoveredPrinter(address, reply.model, reply.serial, reply.name, 9100,
                        DiscoveredPrinter.Source.UDP_DISCOVERY));
            }
        }
    }

    private static RawPortProbe.Result get(Future<RawPortProbe.Result> f, DiscoveryOptions options) {
        try {
            return f.get(options.probeTimeout().toMillis() * 3 + options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }
}
