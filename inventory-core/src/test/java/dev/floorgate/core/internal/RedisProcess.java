package dev.floorgate.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real redis-server processes on loopback ports, owned by one test: one node, or a 3-master Redis Cluster made
 * with {@code redis-cli --cluster create}. No persistence; everything is removed on {@link #close()}.
 */
final class RedisProcess implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final boolean cluster;
    private int nodeTimeoutMs = 5000;

    private RedisProcess(boolean cluster) throws IOException {
        this.cluster = cluster;
        this.dir = Files.createTempDirectory("fg-redis-");
    }

    static RedisProcess standalone() throws Exception {
        RedisProcess r = new RedisProcess(false);
        int port = freePort(false);
        r.launch(port);
        return r;
    }

    static RedisProcess cluster(int masters) throws Exception {
        return cluster(masters, 0, 5000);
    }

    /**
     * A cluster of {@code masters} masters with {@code replicasEach} replicas each; {@code nodeTimeoutMs} is
     * cluster-node-timeout, after which a replica of a dead master is promoted.
     */
    static RedisProcess cluster(int masters, int replicasEach, int nodeTimeoutMs) throws Exception {
        RedisProcess r = new RedisProcess(true);
        r.nodeTimeoutMs = nodeTimeoutMs;
        for (int i = 0; i < masters * (1 + replicasEach); i++) {
            r.launch(freePort(true));
        }
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (int p : r.ports) {
            cmd.add("127.0.0.1:" + p);
        }
        cmd.addAll(List.of("--cluster-replicas", Integer.toString(replicasEach), "--cluster-yes"));
        Process create = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
            r.close();
            throw new IllegalStateException("redis-cli --cluster create failed: " + out);
        }
        long deadline = System.currentTimeMillis() + 20_000;
        for (int p : r.ports) {
            while (!command(p, "CLUSTER", "INFO").contains("cluster_state:ok")) {
                if (System.currentTimeMillis() > deadline) {
                    r.close();
                    throw new IllegalStateException("cluster node " + p + " never reached cluster_state:ok");
                }
                Thread.sleep(50);
            }
        }
        // replicas done with their first sync, so a test's first WAIT can count them
        for (int p : r.ports) {
            while (true) {
                String info = command(p, "INFO", "replication");
                if (!info.contains("role:slave") || (info.contains("master_link_status:up")
                        && info.contains("master_sync_in_progress:0"))) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    r.close();
                    throw new IllegalStateException("cluster replica " + p + " never finished its first sync");
                }
                Thread.sleep(50);
            }
        }
        return r;
    }

    private void launch(int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
        if (cluster) {
            cmd.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", Integer.toString(nodeTimeoutMs)));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        processes.add(p);
        ports.add(port);
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                if (command(port, "PING").contains("PONG")) {
                    return;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                    throw new IllegalStateException("redis-server on port " + port + " did not start: "
                            + Files.readString(dir.resolve("redis-" + port + ".log")), e);
                }
            }
            Thread.sleep(20);
        }
    }

    /** fg.redis.uri for this server or cluster. */
    String uri() {
        List<String> uris = new ArrayList<>();
        for (int p : ports) {
            uris.add("redis://127.0.0.1:" + p);
        }
        return String.join(",", uris);
    }

    List<Integer> ports() {
        return ports;
    }

    /** Sends one command in RESP and returns the raw reply text (for test set-up and checks). */
    static String command(int port, String... args) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) {
                req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a)
                        .append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            int n = in.read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** Runs a command on every node (FLUSHALL on a cluster must reach each master). */
    void onEveryNode(String... args) throws IOException {
        for (int i = 0; i < ports.size(); i++) {
            if (i < processes.size() && !processes.get(i).isAlive()) {
                continue;
            }
            command(ports.get(i), args);
        }
    }

    /** Stops the server(s) (SIGTERM, then SIGKILL) but keeps the ports recorded, for a later {@link #restart()}. */
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        processes.clear();
    }

    /** The ports of the nodes that call themselves master with slots, as node {@code asker} sees the cluster. */
    List<Integer> masterPorts(int asker) throws IOException {
        List<Integer> masters = new ArrayList<>();
        for (String line : command(asker, "CLUSTER", "NODES").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 8 && f[2].contains("master") && !f[2].contains("fail")) {
                masters.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
            }
        }
        return masters;
    }

    /** The ports of the replicas of the master on {@code masterPort}, as that master sees the cluster. */
    List<Integer> replicasOf(int masterPort) throws IOException {
        String nodes = command(masterPort, "CLUSTER", "NODES");
        String masterId = null;
        for (String line : nodes.split("\n")) {
            if (line.contains("myself")) {
                masterId = line.trim().split(" ")[0];
            }
        }
        List<Integer> replicas = new ArrayList<>();
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 3 && f[2].contains("slave") && f[3].equals(masterId)) {
                replicas.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
            }
        }
        return replicas;
    }

    /** Kills one node with SIGKILL (no shutdown, no last write): a crashed master. */
    void kill(int port) throws InterruptedException {
        Process p = processes.get(ports.indexOf(port));
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** Starts a stopped standalone server again on the same port (empty: no persistence). */
    void restart() throws Exception {
        if (cluster || !processes.isEmpty()) {
            throw new IllegalStateException("restart is for a stopped standalone server");
        }
        List<Integer> old = new ArrayList<>(ports);
        ports.clear();
        for (int p : old) {
            launch(p);
        }
    }

    static int freePort(boolean withBusPort) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            if (!withBusPort) {
                return port;
            }
            if (port + 10000 > 65535) {
                continue;
            }
            try (ServerSocket bus = new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free loopback port pair (port, port + 10000) found");
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
