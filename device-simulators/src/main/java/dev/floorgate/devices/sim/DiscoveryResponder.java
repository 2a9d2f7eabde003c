package dev.floorgate.devices.sim;

import dev.floorgate.devices.internal.DiscoveryPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the Zebra UDP discovery request (PROTOCOLS.md 3) on a configurable port: unicast back to the sender,
 * with the model, serial number, this host's address toward the sender, and the friendly name. Bound to the
 * wildcard address it also receives broadcasts and joins the multicast group 224.0.1.55 (where the host allows
 * it). Runs on a thread of its own until closed.
 */
final class DiscoveryResponder {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryResponder.class);

    private final MulticastSocket socket;
    private final Thread thread;
    private final PrinterSimulator.Settings settings;
    private final SimulatedPrinter printer;

    DiscoveryResponder(String bindAddress, int port, PrinterSimulator.Settings settings, SimulatedPrinter printer)
            throws IOException {
        this.settings = settings;
        this.printer = printer;
        InetAddress bind = InetAddress.getByName(bindAddress);
        this.socket = new MulticastSocket(new InetSocketAddress(bind, port));
        if (bind.isAnyLocalAddress()) {
            try {
                socket.joinGroup(new InetSocketAddress(InetAddress.getByName(DiscoveryPacket.MULTICAST_GROUP), 0), null);
            } catch (IOException | RuntimeException e) {
                log.warn("printer simulator cannot join multicast group {}: {}; broadcast and unicast discovery still work",
                        DiscoveryPacket.MULTICAST_GROUP, e.toString());
            }
        }
        this.thread = new Thread(this::serve, "sim-printer-discovery");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                if (!DiscoveryPacket.isRequest(packet.getData(), packet.getLength())) {
                    continue;
                }
                String name = printer.friendlyName();
                byte[] reply = DiscoveryPacket.reply(settings.model, settings.serial, addressToward(packet.getAddress()), name);
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("printer simulator discovery: {}", e.toString());
                }
            }
        }
    }

    /** The local IPv4 address the sender reaches us on; a connected datagram socket asks the routing table. */
    private byte[] addressToward(InetAddress sender) {
        if (!socket.getLocalAddress().isAnyLocalAddress() && socket.getLocalAddress() instanceof Inet4Address) {
            return socket.getLocalAddress().getAddress();
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(sender, 9);
            InetAddress local = probe.getLocalAddress();
            if (local instanceof Inet4Address && !local.isAnyLocalAddress()) {
                return local.getAddress();
            }
        } catch (SocketException e) {
            log.debug("no route toward {}: {}", sender, e.toString());
        }
        return new byte[4];
    }

    void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
