package dev.floorgate.gateway.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway as its own process with the heap the {@code floorgate} script gives it (GATEWAY_JAVA_OPTS:
 * {@code -Xmx96m}, SerialGC), started from this test's class path, so an attack on memory meets the real limit.
 * Its output goes to a log file the test can search (for an OutOfMemoryError, say).
 */
final class GatewayProcess implements AutoCloseable {
    /** The floorgate script's GATEWAY_JAVA_OPTS default. */
    static final List<String> SCRIPT_HEAP = List.of("-Xms32m", "-Xmx96m", "-XX:+UseSerialGC",
            "-XX:MaxDirectMemorySize=64m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
            "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000");
    static final String ADMIN_TOKEN = "process-admin-token-0123456789";
    private final Process process;
    private final int port;
    final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayProcess(Path dataDir, List<String> properties) throws IOException, InterruptedException {
        port = freePort();
        log = dataDir.resolve("gateway.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SCRIPT_HEAP);
        cmd.add("-Dmicronaut.server.port=" + port);
        cmd.add("-Dmicronaut.server.host=127.0.0.1");
        cmd.add("-Dfg.data-dir=" + dataDir.resolve("data"));
        cmd.add("-Dfg.admin-token=" + ADMIN_TOKEN);
        cmd.add("-Dfg.gateway.plain-http=true");
        cmd.add("-Dfg.tls.enabled=false");
        cmd.add("-Dfg.gateway.https-port=-1");
        for (String p : properties) {
            cmd.add("-D" + p);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.floorgate.gateway.GatewayApplication");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway process exited " + process.exitValue() + ": " + log());
            }
            try {
                if (get("/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the gateway process did not answer /health in 90 s: " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Enrolls a device through the API; its token. */
    String enroll(String deviceId, String tenant) throws IOException, InterruptedException {
        HttpResponse<String> code = post("/api/v1/admin/enrollment-codes", ADMIN_TOKEN,
                "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\"}");
        HttpResponse<String> token = post("/api/v1/devices/enroll", null,
                "{\"code\":\"" + field(code.body(), "code") + "\",\"deviceId\":\"" + deviceId + "\"}");
        if (token.statusCode() != 200) {
            throw new IllegalStateException("enrollment failed: " + code.body() + " / " + token.body());
        }
        return field(token.body(), "token");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
