package dev.floorgate.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of the test's own (Debian's rabbitmq-server): its own node name, data directory, Erlang cookie
 * (HOME) and loopback ports, so it can be killed and restarted without touching the machine's broker on 5672.
 * {@link #kill()} is SIGKILL of the node (no clean shutdown); {@link #start()} again recovers its durable queues
 * and persistent messages from the same data directory.
 */
public final class RabbitProcess implements AutoCloseable {
    public static final String BIN = Files.isDirectory(Path.of("/usr/lib/rabbitmq/bin")) ? "/usr/lib/rabbitmq/bin/" : "";
    public final int port;
    private final int distPort;
    private final String node = "fgtest" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    private final Path dir;
    private Process process;

    private RabbitProcess() throws IOException {
        this.dir = Files.createTempDirectory("fg-rabbit-");
        this.port = freePort();
        this.distPort = freePort();
        Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port + "\n"
                + "loopback_users = none\n");
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(dir.resolve("env.conf"), "");
    }

    public static RabbitProcess startNew() throws Exception {
        RabbitProcess r = new RabbitProcess();
        r.start();
        return r;
    }

    /** amqp URI of the default guest account and vhost. */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
    }

    public String node() {
        return node;
    }

    public Map<String, String> env() {
        return Map.of("HOME", dir.toString(), "RABBITMQ_NODENAME", node, "RABBITMQ_MNESIA_BASE",
                dir.resolve("mnesia").toString(), "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                "RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString(), "RABBITMQ_ENABLED_PLUGINS_FILE",
                dir.resolve("enabled_plugins").toString(), "RABBITMQ_CONF_ENV_FILE", dir.resolve("env.conf").toString(),
                "RABBITMQ_DIST_PORT", Integer.toString(distPort), "RABBITMQ_PID_FILE", dir.resolve("pid").toString(),
                "ERL_EPMD_ADDRESS", "127.0.0.1");
    }

    public void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(BIN + "rabbitmq-server").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile()));
        pb.environment().putAll(env());
        process = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!listening()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                String out = Files.exists(dir.resolve("server.out")) ? Files.readString(dir.resolve("server.out")) : "";
                throw new IllegalStateException("rabbitmq-server " + node + " on port " + port + " did not come up: "
                        + out.substring(Math.max(0, out.length() - 2000)));
            }
            Thread.sleep(100);
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@code chars} characters of the node's log (and its console output), for a failure message. */
    public String logTail(int chars) {
        StringBuilder all = new StringBuilder();
        try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("log"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
            Path out = dir.resolve("server.out");
            if (Files.exists(out)) {
                all.append("== server.out\n").append(Files.readString(out));
            }
        } catch (IOException | RuntimeException e) {
            all.append("(log unreadable: ").append(e).append(')');
        }
        return all.substring(Math.max(0, all.length() - chars));
    }

    /** SIGKILL of the node and its launcher: the broker dies as in a crash. */
    public void kill() throws Exception {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        for (ProcessHandle h : all) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            h.onExit().get(10, TimeUnit.SECONDS);
        }
        process = null;
        // epmd forgets the node name only after the dead node's socket closes.
        Thread.sleep(300);
    }

    /** Runs a rabbitmqctl command against this node; returns its output, throws on failure. */
    public String ctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BIN + "rabbitmqctl", "-n", node));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs a script of the repository (scripts/...) against this node, with its environment. */
    public String script(Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private String run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env());
        pb.environment().put("FG_RABBITMQCTL", BIN + "rabbitmqctl -n " + node);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            kill();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
