package dev.floorgate.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, joined to the host by two veth pairs: a WAN link (the namespace's way to
 * the core) and a LAN link (the PDAs' way in), so a fault on the WAN never touches the LAN. Loss and partitions are
 * the kernel's: iptables in the namespace drops a share or all of what goes out or comes in on the WAN link, so a
 * one-way fault is a rule on one chain only ({@code tc netem} would do the same, but this machine's kernel is built
 * without it; latency comes from {@link LatencyRelay}). Needs root, iproute2 and iptables; {@link #create} throws
 * with the command's own message when the kernel refuses. Addresses are in 10.231.0.0/16, a block no test host here uses.
 *
 * <pre>
 *   host                                 namespace (the gateway)
 *   fgwH{n} 10.231.{n}.1/30  ---WAN---  fgwN{n} 10.231.{n}.2/30
 *   fglH{n} 10.231.{n}.5/30  ---LAN---  fglN{n} 10.231.{n}.6/30
 * </pre>
 */
final class NetNs implements AutoCloseable {
    final String name;
    final String wanHost;
    final String wanNs;
    final String lanNs;
    final String hostWanIp;
    final String nsLanIp;
    private final java.util.Map<Integer, String> lossRules = new java.util.HashMap<>();

    private NetNs(int n) {
        this.name = "fgnet" + n;
        this.wanHost = "fgwH" + n;
        this.wanNs = "fgwN" + n;
        this.lanNs = "fglN" + n;
        this.hostWanIp = "10.231." + n + ".1";
        this.nsLanIp = "10.231." + n + ".6";
    }

    /** Makes the namespace and both links; {@code n} (1..250) keeps parallel runs apart. */
    static NetNs create(int n) throws IOException, InterruptedException {
        NetNs ns = new NetNs(n);
        ns.removeLeftovers();
        String lanHost = "fglH" + n;
        try {
            run("ip", "netns", "add", ns.name);
            run("ip", "link", "add", ns.wanHost, "type", "veth", "peer", "name", ns.wanNs);
            run("ip", "link", "add", lanHost, "type", "veth", "peer", "name", ns.lanNs);
            run("ip", "link", "set", ns.wanNs, "netns", ns.name);
            run("ip", "link", "set", ns.lanNs, "netns", ns.name);
            run("ip", "addr", "add", ns.hostWanIp + "/30", "dev", ns.wanHost);
            run("ip", "addr", "add", "10.231." + n + ".5/30", "dev", lanHost);
            run("ip", "link", "set", ns.wanHost, "up");
            run("ip", "link", "set", lanHost, "up");
            ns.exec("ip", "addr", "add", "10.231." + n + ".2/30", "dev", ns.wanNs);
            ns.exec("ip", "addr", "add", ns.nsLanIp + "/30", "dev", ns.lanNs);
            ns.exec("ip", "link", "set", ns.wanNs, "up");
            ns.exec("ip", "link", "set", ns.lanNs, "up");
            ns.exec("ip", "link", "set", "lo", "up");
            return ns;
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** The command prefix that runs a program inside the namespace. */
    List<String> launcher() {
        return List.of("ip", "netns", "exec", name);
    }

    /**
     * Drops this fraction (0 = none, 1 = all) of what the namespace sends over the WAN (the requests to the core),
     * with iptables' statistic match in the namespace's own tables.
     */
    void towardsCore(double loss) throws IOException, InterruptedException {
        drop("OUTPUT", "-o", loss);
    }

    /** Drops this fraction (0 = none, 1 = all) of what arrives over the WAN (the core's responses). */
    void fromCore(double loss) throws IOException, InterruptedException {
        drop("INPUT", "-i", loss);
    }

    void clearFaults() throws IOException, InterruptedException {
        drop("OUTPUT", "-o", 0);
        drop("INPUT", "-i", 0);
    }

    /** The host's end of the LAN link: where a device on the site's LAN (a printer simulator) listens. */
    String hostLanIp() {
        return "10.231." + name.substring(5) + ".5";
    }

    /**
     * Drops this fraction (0 clears it) of the packets to and from the device on {@code port} at
     * {@link #hostLanIp}; TCP resends them, so what it shows is a lossy cable or a weak radio, not lost bytes.
     */
    void lanDeviceLoss(int port, double loss) throws IOException, InterruptedException {
        String p = Integer.toString(port);
        String old = lossRules.remove(port);
        String[][] chains = {{"OUTPUT", "-o", "--dport"}, {"INPUT", "-i", "--sport"}};
        if (old != null) {
            for (String[] c : chains) {
                exec("iptables", "-D", c[0], c[1], lanNs, "-p", "tcp", c[2], p, "-m", "statistic", "--mode",
                        "random", "--probability", old, "-j", "DROP");
            }
        }
        if (loss > 0) {
            String probability = String.format(java.util.Locale.ROOT, "%.4f", loss);
            for (String[] c : chains) {
                exec("iptables", "-A", c[0], c[1], lanNs, "-p", "tcp", c[2], p, "-m", "statistic", "--mode",
                        "random", "--probability", probability, "-j", "DROP");
            }
            lossRules.put(port, probability);
        }
    }

    /**
     * Unplugs ({@code true}) or plugs back the cable of the device listening on {@code port} at {@link #hostLanIp}:
     * every packet to and from that port on the LAN link is dropped, the rest of the LAN (the PDAs) goes on.
     */
    void lanDevice(int port, boolean unplugged) throws IOException, InterruptedException {
        String p = Integer.toString(port);
        String action = unplugged ? "-A" : "-D";
        if (unplugged) {
            lanDevice(port, false); // at most one pair of rules per device
        }
        try {
            exec("iptables", action, "OUTPUT", "-o", lanNs, "-p", "tcp", "--dport", p, "-j", "DROP");
            exec("iptables", action, "INPUT", "-i", lanNs, "-p", "tcp", "--sport", p, "-j", "DROP");
        } catch (IOException e) {
            if (unplugged) {
                throw e;
            } // plugging in a device that was not unplugged: nothing to remove
        }
    }

    private void drop(String chain, String direction, double loss) throws IOException, InterruptedException {
        exec("iptables", "-F", chain);
        if (loss >= 1) {
            exec("iptables", "-A", chain, direction, wanNs, "-j", "DROP");
        } else if (loss > 0) {
            exec("iptables", "-A", chain, direction, wanNs, "-m", "statistic", "--mode", "random", "--probability",
                    String.format(java.util.Locale.ROOT, "%.4f", loss), "-j", "DROP");
        }
    }

    /** Packets the namespace's DROP rules have dropped so far (iptables' own counters), to show a fault was real. */
    long droppedPackets() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(launcher());
        cmd.addAll(List.of("iptables", "-L", "-v", "-n", "-x"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        long dropped = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 2 && f[2].equals("DROP") && f[0].matches("\\d+")) {
                dropped += Long.parseLong(f[0]);
            }
        }
        return dropped;
    }

    void exec(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(launcher());
        cmd.addAll(List.of(command));
        run(cmd.toArray(new String[0]));
    }

    private void removeLeftovers() throws InterruptedException {
        runQuietly(List.of("ip", "netns", "del", name));
        runQuietly(List.of("ip", "link", "del", wanHost));
        runQuietly(List.of("ip", "link", "del", "fglH" + name.substring(5)));
    }

    /** Deleting the namespace deletes its veth ends, and with them their host-side peers. */
    @Override
    public void close() throws InterruptedException {
        removeLeftovers();
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", command) + "' did not finish within 20 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (exit " + p.exitValue() + "): " + out);
        }
    }

    private static void runQuietly(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // nothing to remove
        }
    }
}
