package dev.floorgate.devices.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP half of discovery: connect to a host's raw port, ask {@code ~HI} for the model and SGD
 * {@code device.friendly_name} for the name, each within the probe timeout. A host that accepts the connection
 * but answers nothing is still a candidate (some port-9100 device), with an empty model.
 */
public final class RawPortProbe {

    private static final int MAX_REPLY = 4096;

    private RawPortProbe() {
    }

    /** What one probe found, or null when nothing listens. */
    public static final class Result {
        public final String address;
        public final String model;
        public final String name;

        Result(String address, String model, String name) {
            this.address = address;
            this.model = model;
            this.name = name;
        }
    }

    public static Result probe(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String address = socket.getInetAddress().getHostAddress();
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("~HI".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String hi = readUntil(in, ZebraFrames.ETX, 1, timeoutMillis);
            String model = "";
            if (hi != null && !ZebraFrames.split(hi.getBytes(StandardCharsets.ISO_8859_1)).isEmpty()) {
                model = ZebraFrames.split(hi.getBytes(StandardCharsets.ISO_8859_1)).get(0).split(",", 2)[0].trim();
            }
            String name = "";
            if (hi != null) {
                out.write("! U1 getvar \"device.friendly_name\"\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = readUntil(in, (byte) '"', 2, timeoutMillis);
                if (reply != null) {
                    name = ZebraRequest.quotedValue(reply.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            return new Result(address, model, name);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads until {@code count} occurrences of {@code stop}; null on timeout or end of stream. */
    private static String readUntil(InputStream in, byte stop, int count, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        StringBuilder sb = new StringBuilder();
        int seen = 0;
        try {
            while (sb.length() < MAX_REPLY && System.nanoTime() < deadline) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                sb.append((char) b);
                if ((byte) b == stop && ++seen >= count) {
                    return sb.toString();
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        return null;
    }

    /**
     * Expands hosts and IPv4 CIDR blocks ({@code 192.168.1.0/28}: the addresses inside it, without network and
     * broadcast addresses for blocks up to /30) into a list of at most {@code max} hosts.
     *
     * @throws IllegalArgumentException for a malformed block or more than {@code max} hosts
     */
    public static List<String> expand(List<String> hostsOrCidrs, int max) {
        List<String> hosts = new ArrayList<>();
        for (String entry : hostsOrCidrs) {
            String text = entry.trim();
            int slash = text.indexOf('/');
            if (slash < 0) {
                hosts.add(text);
            } else {
                int bits;
                byte[] base;
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                    InetAddress address = InetAddress.getByName(text.substring(0, slash));
                    if (!(address instanceof Inet4Address) || bits < 0 || bits > 32) {
                        throw new IllegalArgumentException("probe block '" + text + "' is not an IPv4 CIDR block");
                    }
                    base = address.getAddress();
                } catch (NumberFormatException | UnknownHostException e) {
                    throw new IllegalArgumentException("probe block '" + text + "' is not an IPv4 CIDR block such as"
                            + " 192.168.1.0/28", e);
                }
                long size = 1L << (32 - bits);
                if (hosts.size() + size > max + (size > 2 ? 2 : 0)) {
                    throw new IllegalArgumentException("probe block '" + text + "' holds " + size
                            + " addresses; at most " + max + " hosts are probed");
                }
                long network = ((base[0] & 0xffL) << 24 | (base[1] & 0xffL) << 16 | (base[2] & 0xffL) << 8 | (base[3] & 0xffL))
                        & (0xffffffffL << (32 - bits)) & 0xffffffffL;
                long first = size > 2 ? network + 1 : network;
                long last = size > 2 ? network + size - 2 : network + size - 1;
                for (long a = first; a <= last; a++) {
                    hosts.add(((a >> 24) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff));
                }
            }
            if (hosts.size() > max) {
                throw new IllegalArgumentException("discovery would probe " + hosts.size() + " hosts; at most " + max);
            }
        }
        return hosts;
    }
}
