package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway on a random loopback port with a temp data dir, plus small HTTP helpers for tests. The API is
 * served on plain HTTP ({@code fg.gateway.plain-http}) and HTTPS is off unless a test turns it on with
 * {@code fg.tls.enabled=true}; then {@link #httpsUrl} names the HTTPS listener (also on a random port).
 */
public final class TestGateway implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestGateway(Path dataDir, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("fg.data-dir", dataDir.toString());
        props.put("fg.admin-token", ADMIN_TOKEN);
        props.put("fg.gateway.plain-http", true);
        props.put("fg.tls.enabled", false);
        props.put("fg.gateway.https-port", -1);
        props.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** A URL on the plain-HTTP listener. */
    public String url(String path) {
        return "http://127.0.0.1:" + plainPort() + path;
    }

    /** A URL on the HTTPS listener (only with fg.tls.enabled=true). */
    public String httpsUrl(String path) {
        if (!"https".equals(server.getScheme())) {
            throw new IllegalStateException("HTTPS is off in this gateway; start it with fg.tls.enabled=true");
        }
        return "https://127.0.0.1:" + server.getPort() + path;
    }

    /** The plain-HTTP port: with HTTPS on, the listener that is not the HTTPS one (which Micronaut lists first). */
    public int plainPort() {
        if (!"https".equals(server.getScheme())) {
            return server.getPort();
        }
        for (int p : ((io.micronaut.http.server.netty.NettyHttpServer) server).getBoundPorts()) {
            if (p != server.getPort()) {
                return p;
            }
        }
        throw new IllegalStateException("no plain-HTTP listener beside HTTPS port " + server.getPort());
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Enrolls a device for tenant/warehouse through the admin and device endpoints; returns its token. */
    public String enroll(String deviceId, String tenant, String warehouse) throws IOException, InterruptedException {
        HttpResponse<String> code = post("/api/v1/admin/enrollment-codes", ADMIN_TOKEN,
                "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"" + warehouse + "\"}");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        HttpResponse<String> token = post("/api/v1/devices/enroll", null,
                "{\"code\":\"" + field(code.body(), "code") + "\",\"deviceId\":\"" + deviceId + "\"}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return field(token.body(), "token");
    }

    /**
     * Enrolls an already enrolled device id again, with a code site IT issued for that id (a generic code cannot
     * take a device id over); returns the new token.
     */
    public String reenroll(String deviceId, String tenant, String warehouse) throws IOException, InterruptedException {
        HttpResponse<String> code = post("/api/v1/admin/enrollment-codes", ADMIN_TOKEN, "{\"tenant\":\"" + tenant
                + "\",\"warehouse\":\"" + warehouse + "\",\"deviceId\":\"" + deviceId + "\"}");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        HttpResponse<String> token = post("/api/v1/devices/enroll", null,
                "{\"code\":\"" + field(code.body(), "code") + "\",\"deviceId\":\"" + deviceId + "\"}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return field(token.body(), "token");
    }

    /** A top-level string field of a JSON body (tests only). */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() {
        server.close();
    }
}
