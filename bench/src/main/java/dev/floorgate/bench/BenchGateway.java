package dev.floorgate.bench;

import java.io.IOException;
import java.net.InetAddress;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's shaded jar started as its own process for a benchmark, as site IT runs it (the benchmark JVM
 * stays the load generator and never shares the gateway's CPU budget in-process). Plain HTTP on a free loopback
 * port, an admin token, and whatever else {@code env} sets.
 */
final class BenchGateway implements AutoCloseable {
    static final String ADMIN = "bench-admin-token-0123456789";
    private final Process process;
    private final int port;
    private final Path log;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar at {@code gateway-server/target/gateway-server.jar} (or -Dfg.gateway.jar) and waits for /health. */
    static BenchGateway start(Path dataDir, Map<String, String> env, List<String> jvmArgs) throws Exception {
        Path jar = Paths.get(System.getProperty("fg.gateway.jar", "gateway-server/target/gateway-server.jar"));
        return start(jar, List.of(), dataDir, env, jvmArgs);
    }

    /**
     * Starts {@code jar} with {@code launcher} in front of the java command (e.g. {@code taskset -c 0}, so the
     * gateway gets a core of its own) and waits for /health.
     */
    static BenchGateway start(Path jar, List<String> launcher, Path dataDir, Map<String, String> env,
            List<String> jvmArgs) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no gateway jar at " + jar.toAbsolutePath() + "; run ./floorgate build");
        }
        int port = freePort();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("gateway.log");
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FG_GATEWAY_PORT", Integer.toString(port));
        pb.environment().put("FG_GATEWAY_PLAIN_HTTP", "true");
        pb.environment().put("FG_GATEWAY_HTTPS_PORT", Integer.toString(freePort()));
        pb.environment().put("FG_DATA_DIR", dataDir.resolve("data").toString());
        pb.environment().put("FG_ADMIN_TOKEN", ADMIN);
        pb.environment().put("MALLOC_ARENA_MAX", "2"); // as ./floorgate gateway runs it
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        BenchGateway g = new BenchGateway(pb.start(), port, log);
        g.awaitHealth();
        System.out.printf("gateway started in %.1f s (pid %d, RSS %s)%n", (System.nanoTime() - t0) / 1e9,
                g.process.pid(), g.rss());
        return g;
    }

    private void awaitHealth() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(url("/health"))).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the gateway did not answer /health within 120 s; see " + log);
    }

    /** Where the gateway's standard output and error go. */
    Path logFile() {
        return log;
    }

    /** The gateway JVM's process id (the launcher execs java, so it is the same process). */
    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The gateway process's resident set size as /proc reports it, e.g. "183456 kB". */
    String rss() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Enrolls a device through the admin and device endpoints; returns its bearer token. */
    String enroll(String deviceId, String tenant, String warehouse) throws IOException, InterruptedException {
        String code = field(post("/api/v1/admin/enrollment-codes", ADMIN, "{\"tenant\":\"" + tenant
                + "\",\"warehouse\":\"" + warehouse + "\"}").body(), "code");
        return field(post("/api/v1/devices/enroll", null, "{\"code\":\"" + code + "\",\"deviceId\":\"" + deviceId
                + "\"}").body(), "token");
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no '" + name + "' in " + json);
        }
        return m.group(1);
    }

    static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no number '" + name + "' in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
