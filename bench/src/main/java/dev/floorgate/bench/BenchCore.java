package dev.floorgate.bench;

import dev.floorgate.protocol.RequestSigner;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inventory core in the benchmark's JVM (the bench module holds only the core's beans, never the gateway's),
 * on its own Redis and a fresh MariaDB database that is dropped at the end, with one gateway key for tenant acme.
 */
final class BenchCore implements AutoCloseable {
    static final String KEY_ID = "bench-gw";
    static final String SECRET = "bench-gw-secret-0123456789";
    static final String MYSQL = "jdbc:mariadb://127.0.0.1:3306/";
    private final LocalRedis redis;
    private final String database;
    private EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final RequestSigner signer = new RequestSigner(KEY_ID, SECRET);
    private int port;

    BenchCore() throws Exception {
        redis = LocalRedis.start();
        database = "floorgate_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Starts the core on {@code port} (0 = any free one). */
    BenchCore start(int wantedPort) {
        return start(wantedPort, Map.of());
    }

    /** Starts the core with extra properties (e.g. {@code fg.bus.uri}); stop() first to start it again. */
    BenchCore start(int wantedPort, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", wantedPort == 0 ? -1 : wantedPort);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("fg.redis.uri", redis.uri());
        props.put("fg.mysql.url", MYSQL + database + "?createDatabaseIfNotExist=true");
        props.put("fg.core.keys", KEY_ID + ":" + SECRET + ":acme");
        props.put("fg.core.reconcile.interval", "0s");
        props.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        port = server.getPort();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String redisUri() {
        return redis.uri();
    }

    /** A JDBC connection to this core's database (benches that seed the ledger directly). */
    Connection database() throws SQLException {
        return DriverManager.getConnection(MYSQL + database, "root", "");
    }

    /** A signed call; fails loudly on anything but 2xx. */
    String call(String method, String path, String body) throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signer.headers(method, path, bytes).forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Stops the core (Redis and the database stay for the next start). */
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
        redis.close();
        try (Connection c = DriverManager.getConnection(MYSQL, "root", ""); Statement s = c.createStatement()) {
            dropTenants(s);
            s.execute("DROP DATABASE IF EXISTS " + database);
        } catch (SQLException e) {
            System.err.println("could not drop " + database + " and its tenants' schemas and users: "
                    + e.getMessage());
        }
    }

    /**
     * The tenants' schemas and users the core made on the first call for a tenant (docs/TENANTS.md), which would
     * otherwise outlive the bench's database: the users named in its tenant_credentials and every schema named
     * after the database and "_t_" (as system-tests' MariaDbDatabase drops them).
     */
    private void dropTenants(Statement s) throws SQLException {
        List<String> drops = new ArrayList<>();
        boolean credentials;
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                + database + "' AND table_name = 'tenant_credentials'")) {
            rs.next();
            credentials = rs.getInt(1) > 0;
        }
        if (credentials) {
            try (ResultSet rs = s.executeQuery("SELECT user_name FROM " + database + ".tenant_credentials")) {
                while (rs.next()) {
                    drops.add("DROP USER IF EXISTS '" + rs.getString(1) + "'@'%'");
                }
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata WHERE schema_name "
                + "LIKE '" + database + "\\_t\\_%'")) {
            while (rs.next()) {
                drops.add("DROP DATABASE IF EXISTS `" + rs.getString(1) + "`");
            }
        }
        for (String drop : drops) {
            s.execute(drop);
        }
    }
}
