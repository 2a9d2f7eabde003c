package dev.floorgate.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis primary, one replica and three sentinels ({@code redis-server --sentinel}, the same binary the Debian
 * redis-sentinel package runs), all real processes of one test on free loopback ports, no persistence. The test
 * kills the primary with SIGKILL, waits for the sentinels to promote the replica and starts the dead node again,
 * empty, as a replica of the new primary. Everything is removed on {@link #close()}.
 */
final class SentinelProcesses implements AutoCloseable {
    static final String MASTER = "fgmaster";
    private final Path dir;
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();
    private final List<Process> sentinels = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();

    private SentinelProcesses() throws IOException {
        dir = Files.createTempDirectory("fg-sentinel-");
    }

    static SentinelProcesses start() throws Exception {
        SentinelProcesses s = new SentinelProcesses();
        try {
            int primary = RedisProcess.freePort(false);
            s.startNode(primary, null);
            s.startNode(RedisProcess.freePort(false), primary);
            s.awaitReplicasInSync(primary, 1);
            for (int i = 0; i < 3; i++) {
                s.startSentinel(RedisProcess.freePort(false), primary);
            }
            s.awaitSentinelsAgree(1);
            return s;
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    /** fg.redis.uri: the three sentinels and the master name. */
    String uri() {
        List<String> hosts = new ArrayList<>();
        for (int p : sentinelPorts) {
            hosts.add("127.0.0.1:" + p);
        }
        return "redis-sentinel://" + String.join(",", hosts) + "#" + MASTER;
    }

    void startNode(int port, Integer primaryPort) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no",
                "--dbfilename", "dump-" + port + ".rdb", "--repl-diskless-sync-delay", "0"));
        if (primaryPort != null) {
            cmd.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(primaryPort)));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis-" + port + ".log").toFile()))
                .start();
        nodes.put(port, p);
        awaitPing(port, p);
    }

    private void startSentinel(int port, int primary) throws Exception {
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "protected-mode no",
                "dir " + dir, "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 2",
                "sentinel down-after-milliseconds " + MASTER + " 1000",
                "sentinel failover-timeout " + MASTER + " 4000",
                "sentinel parallel-syncs " + MASTER + " 1", ""));
        Process p = new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel-" + port + ".log").toFile()).start();
        sentinels.add(p);
        sentinelPorts.add(port);
        awaitPing(port, p);
    }

    private void awaitPing(int port, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                if (RedisProcess.command(port, "PING").contains("PONG")) {
                    return;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                    throw new IllegalStateException("redis process on port " + port + " did not start", e);
                }
            }
            Thread.sleep(20);
        }
    }

    /** The port the sentinels name as primary (asks the first sentinel that answers). */
    int primary() throws IOException {
        IOException last = null;
        for (int s : sentinelPorts) {
            try {
                return primaryAt(s);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no sentinel answered", last);
    }

    private static int primaryAt(int sentinel) throws IOException {
        String reply = RedisProcess.command(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
        String[] lines = reply.split("\r\n");
        if (lines.length < 5) {
            throw new IOException("sentinel " + sentinel + " answered " + reply.replace("\r\n", " "));
        }
        return Integer.parseInt(lines[4].trim());
    }

    /** SIGKILL of a node (no shutdown, no last words to the replicas). */
    void kill(int port) throws InterruptedException {
        Process p = nodes.remove(port);
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("redis-server " + port + " survived SIGKILL for 10 s");
        }
    }

    /** Waits until every sentinel names a primary other than {@code old}; returns it. */
    int awaitFailover(int old, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Integer agreed = null;
            boolean all = true;
            for (int s : sentinelPorts) {
                int p;
                try {
                    p = primaryAt(s);
                } catch (IOException e) {
                    all = false;
                    break;
                }
                if (p == old || (agreed != null && agreed != p)) {
                    all = false;
                    break;
                }
                agreed = p;
            }
            if (all && agreed != null) {
                return agreed;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no failover away from " + old + " within " + timeoutMillis
                        + " ms; see " + dir);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until the primary has {@code count} online replicas that have caught up with the primary's offset as it
     * was when this was called (under load the offset never stands still).
     */
    void awaitReplicasInSync(int primary, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        long target = -1;
        while (true) {
            String info = RedisProcess.command(primary, "INFO", "replication");
            if (info.contains("role:master")) {
                long offset = field(info, "master_repl_offset");
                target = target < 0 ? offset : target;
                int inSync = 0;
                for (String line : info.split("\r\n")) {
                    int at = line.indexOf(",offset=");
                    if (line.matches("slave\\d+:.*") && line.contains("state=online") && at > 0
                            && Long.parseLong(line.substring(at + 8, line.indexOf(',', at + 1))) >= target) {
                        inSync++;
                    }
                }
                if (inSync >= count) {
                    return;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("primary " + primary + " has no " + count + " replicas past offset "
                        + target + ": " + info.replace("\r\n", " "));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until every sentinel names the same primary, none is failing over and each knows {@code replicas}
     * healthy replicas of it; returns that primary. On a loaded machine the sentinels may fail over once more on
     * their own (a primary slow to answer PING for down-after-milliseconds), so it need not be the one expected.
     */
    int awaitSentinelsAgree(int replicas) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            boolean ok = true;
            Integer primary = null;
            StringBuilder seen = new StringBuilder();
            for (int s : sentinelPorts) {
                String master = RedisProcess.command(s, "SENTINEL", "MASTER", MASTER);
                String list = RedisProcess.command(s, "SENTINEL", "REPLICAS", MASTER);
                int healthy = 0;
                for (String entry : list.split("\\*\\d+\r\n\\$4\r\nname")) {
                    if (entry.contains("\r\nslave\r\n") && !entry.contains("s_down")
                            && !entry.contains("disconnected")) {
                        healthy++;
                    }
                }
                int named = primaryAt(s);
                seen.append(" sentinel ").append(s).append(": primary ").append(named).append(", ").append(healthy)
                        .append(" healthy replicas, replicas ").append(list.replace("\r\n", " "))
                        .append(", master ").append(master.replace("\r\n", " "));
                primary = primary == null ? named : primary;
                if (named != primary || healthy < replicas || master.contains("s_down")
                        || master.contains("failover_in_progress")) {
                    ok = false;
                }
            }
            if (ok) {
                return primary;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("sentinels do not agree on a primary with "
                        + replicas + " healthy replicas:" + seen);
            }
            Thread.sleep(100);
        }
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException(name + " missing from " + info);
    }

    String logs() {
        return dir.toString();
    }

    @Override
    public void close() throws Exception {
        List<Process> all = new ArrayList<>(sentinels);
        all.addAll(nodes.values());
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
