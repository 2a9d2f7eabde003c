package dev.floorgate.gateway.internal.tls;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The names and addresses by which LAN devices reach this machine: what the server certificate must list and what
 * site IT's page shows. Read from the host name and the network interfaces each time (a DHCP lease may change).
 */
public final class HostNames {
    private HostNames() {
    }

    /**
     * The machine's host name in lower case (a DNS name for the server certificate), or "localhost" when it cannot
     * be read. Not the gateway's id: that is {@code internal.GatewayIdentity}.
     */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Every address of every interface that is up, as text without an IPv6 scope ({@code 10.0.0.5}, {@code ::1}),
     * non-loopback ones first, each group sorted.
     */
    public static List<String> addresses(boolean includeLoopback) {
        TreeSet<String> lan = new TreeSet<>();
        TreeSet<String> loopback = new TreeSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    (a.isLoopbackAddress() ? loopback : lan).add(text(a));
                }
            }
        } catch (SocketException e) {
            // No interface list (a locked-down container): the loopback addresses below still serve the machine.
        }
        loopback.add("127.0.0.1");
        List<String> out = new ArrayList<>(lan);
        if (includeLoopback) {
            out.addAll(loopback);
        }
        return out;
    }

    /** The names a server certificate should carry: host name, localhost, every address, then {@code extra}. */
    public static List<String> certificateNames(List<String> extra) {
        TreeSet<String> dns = new TreeSet<>();
        dns.add("localhost");
        String host = hostName();
        dns.add(host);
        List<String> out = new ArrayList<>();
        List<String> ips = new ArrayList<>(addresses(true));
        for (String name : extra) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (isIpAddress(n)) {
                if (!ips.contains(n)) {
                    ips.add(n);
                }
            } else {
                dns.add(n);
            }
        }
        out.addAll(dns);
        out.addAll(ips);
        return out;
    }

    /** Whether {@code name} is an IPv4 or IPv6 literal (no DNS lookup is made). */
    public static boolean isIpAddress(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (name.contains(":") && name.matches("[0-9a-fA-F:.]+"));
    }

    private static String text(InetAddress a) {
        String s = a.getHostAddress();
        int scope = s.indexOf('%');
        if (a instanceof Inet6Address && scope >= 0) {
            s = s.substring(0, scope);
        }
        return (a instanceof Inet6Address ? compress(s) : s).toLowerCase(Locale.ROOT);
    }

    /** The RFC 5952 short form of an IPv6 literal as Java prints it (Java never compresses zero runs). */
    static String compress(String ipv6) {
        String[] parts = ipv6.split(":", -1);
        if (parts.length != 8) {
            return ipv6;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (parts[i].replaceFirst("^0+", "").isEmpty()) {
                int j = i;
                while (j < 8 && parts[j].replaceFirst("^0+", "").isEmpty()) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            String p = parts[i].replaceFirst("^0+(?=.)", "");
            sb.append(p);
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
