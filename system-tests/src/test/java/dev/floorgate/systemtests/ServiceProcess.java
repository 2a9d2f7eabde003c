package dev.floorgate.systemtests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A FloorGate service (the gateway or the core) started from its shaded jar as its own JVM, as site IT runs it,
 * so a test can kill it with SIGKILL and start it again on the same data. Output goes to a log file that the
 * failure messages name.
 */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Path jar;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private List<String> launcher = List.of();
    private String host = "127.0.0.1";
    private Process process;

    public ServiceProcess(String name, String jarProperty, int port, Map<String, String> env, Path logDir) {
        this.name = name;
        this.jar = Paths.get(System.getProperty(jarProperty, "missing-" + jarProperty)).toAbsolutePath().normalize();
        this.port = port;
        this.env = env;
        this.log = logDir.resolve(name + ".log");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": jar " + jar + " is missing; build with mvn package first");
        }
    }

    /**
     * Runs the JVM behind {@code launcher} (e.g. {@code ip netns exec NS}, which execs, so the process is still the
     * JVM a kill -9 reaches) and reaches it at {@code host}; call before {@link #start}.
     */
    public ServiceProcess behind(List<String> launcher, String host) {
        this.launcher = List.copyOf(launcher);
        this.host = host;
        return this;
    }

    /** Starts the JVM and waits until {@code GET /health} answers (any status) or fails after {@code timeout}. */
    public ServiceProcess start(Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see "
                        + log + ":\n" + tail());
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(url("/health"))).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return this;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer /health within " + timeout + "; see " + log
                + ":\n" + tail());
    }

    public String url(String path) {
        return "http://" + host + ":" + port + path;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no flush, as a power cut would leave it. */
    public void kill9() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** A polite stop (SIGTERM), waiting up to 20 s. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The JVM's process id ({@code ip netns exec} execs, so it is the JVM's own); -1 before the start. */
    public long pid() {
        return process != null ? process.pid() : -1;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill9();
    }

    /** A free loopback TCP port (bound and released; a tiny race with other processes is accepted in tests). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
