package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole chain for real: a private Redis, a throwaway MariaDB database, the core's jar and the gateway's jar
 * as their own processes, wired by signed keys. Tests drive it through the gateway's LAN API and check the core's
 * ledger and stock, and may kill -9 or stop either process and start it again on the same data.
 */
public final class Chain implements AutoCloseable {
    public static final String KEY_ID = "gw-test";
    public static final String SECRET = "gw-test-secret-0123456789";
    public static final String ADMIN = "admin-token-0123456789";

    public final Path dir;
    public final RedisServer redis;
    public final MariaDbDatabase db;
    public final int corePort;
    public final int gatewayPort;
    private final Map<String, String> gatewayExtraEnv = new HashMap<>();
    private final Map<String, String> coreExtraEnv = new HashMap<>();
    public ServiceProcess core;
    public ServiceProcess gateway;
    public final CoreClientForTests coreApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Chain(Path dir) throws Exception {
        this(dir, new MariaDbDatabase());
    }

    /** The chain on a database of the test's choosing (CoreDatabaseDiskFullTest: a private server). */
    public Chain(Path dir, MariaDbDatabase db) throws Exception {
        this.dir = dir;
        this.redis = new RedisServer(dir);
        this.db = db;
        this.corePort = ServiceProcess.freePort();
        this.gatewayPort = ServiceProcess.freePort();
        this.coreApi = new CoreClientForTests("http://127.0.0.1:" + corePort, KEY_ID, SECRET);
    }

    /** Starts (or restarts) the core on its port against the same Redis and database. */
    public Chain startCore() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FG_CORE_PORT", Integer.toString(corePort));
        env.put("FG_REDIS_URI", redis.uri());
        env.put("FG_MYSQL_URL", db.jdbcUrl());
        env.put("FG_CORE_KEYS", KEY_ID + ":" + SECRET + ":acme|beta");
        env.put("FG_CORE_ADMIN_TOKEN", ADMIN);
        env.putAll(coreExtraEnv);
        core = new ServiceProcess("core", "fg.core.jar", corePort, env, dir).start(Duration.ofSeconds(90));
        return this;
    }

    /** Extra core settings (env form) for the next start, e.g. FG_BUS_URI. */
    public Chain coreEnv(String name, String value) {
        coreExtraEnv.put(name, value);
        return this;
    }

    /** Extra gateway settings (env form) for the next start. */
    public Chain gatewayEnv(String name, String value) {
        gatewayExtraEnv.put(name, value);
        return this;
    }

    /** Starts (or restarts) the gateway on its port and data directory, syncing to {@code coreUrl}. */
    public Chain startGateway(String coreUrl) throws Exception {
        return startGateway(coreUrl, List.of(), "127.0.0.1");
    }

    /**
     * Starts (or restarts) the gateway inside {@code ns}: it reaches the core ({@code coreUrl}, an address on the
     * host's end of the WAN link) over the namespace's WAN link and the
     * test reaches it over the LAN link, so a WAN fault leaves the PDAs' side alone.
     */
    public Chain startGatewayIn(NetNs ns, String coreUrl) throws Exception {
        return startGateway(coreUrl, ns.launcher(), ns.nsLanIp);
    }

    private Chain startGateway(String coreUrl, List<String> launcher, String host) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FG_GATEWAY_PORT", Integer.toString(gatewayPort));
        env.put("FG_GATEWAY_PLAIN_HTTP", "true");
        env.put("FG_GATEWAY_HTTPS_PORT", Integer.toString(ServiceProcess.freePort()));
        env.put("FG_DATA_DIR", dir.resolve("gateway-data").toString());
        env.put("FG_CORE_URL", coreUrl);
        env.put("FG_CORE_ALLOW_PLAIN_HTTP", "true"); // inside a namespace the core is not on loopback
        env.put("FG_CORE_KEY_ID", KEY_ID);
        env.put("FG_CORE_SECRET", SECRET);
        env.put("FG_ADMIN_TOKEN", ADMIN);
        env.put("FG_SYNC_BACKOFF_MIN", "100ms");
        env.put("FG_SYNC_BACKOFF_MAX", "1s");
        env.putAll(gatewayExtraEnv);
        gateway = new ServiceProcess("gateway", "fg.gateway.jar", gatewayPort, env, dir).behind(launcher, host)
                .start(Duration.ofSeconds(90));
        return this;
    }

    public Chain startGateway() throws Exception {
        return startGateway("http://127.0.0.1:" + corePort);
    }

    /** Master data at the core: SKUs SKU-0..n-1 and bin A-01-01 in SH01 for a tenant. */
    public void seed(String tenant, int skus) throws Exception {
        coreApi.ok("PUT", "/v1/locations/" + tenant + "/SH01/A-01-01", "{\"type\":\"BIN\"}");
        for (int i = 0; i < skus; i++) {
            coreApi.ok("PUT", "/v1/skus/" + tenant + "/SKU-" + i, "{\"name\":\"Item " + i + "\",\"unit\":\"EA\"}");
        }
    }

    /** Enrolls a device at the gateway and returns its token. */
    public String enroll(String deviceId, String tenant) throws IOException, InterruptedException {
        String code = field(gatewayPost("/api/v1/admin/enrollment-codes", ADMIN,
                "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\"}").body(), "code");
        return field(gatewayPost("/api/v1/devices/enroll", null, "{\"code\":\"" + code + "\",\"deviceId\":\""
                + deviceId + "\"}").body(), "token");
    }

    public HttpResponse<String> gatewayPost(String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> gatewayGet(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A RECEIVE of {@code qty} of SKU-{@code sku} into A-01-01. */
    public static String receive(String opId, String tenant, int sku, int qty) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\","
                + "\"sku\":\"SKU-" + sku + "\",\"qty\":" + qty + ",\"location\":\"A-01-01\"}";
    }

    /** onHand of a stock record as the core reports it (Redis path). */
    public long onHand(String tenant, int sku) throws Exception {
        HttpResponse<String> r = coreApi.send("GET", "/v1/stock/" + tenant + "/SH01/SKU-" + sku, null);
        if (r.statusCode() == 404) {
            return 0;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"onHand\"\\s*:\\s*(-?\\d+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A single number from the core's MariaDB (ledger, stock tables). */
    public long queryLong(String sql, Object... args) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the core's schema exists yet (Flyway ran). */
    public boolean ledgerExists() {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM ledger LIMIT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no field '" + name + "' in " + json);
        }
        return m.group(1);
    }

    @Override
    public void close() throws Exception {
        if (gateway != null) {
            gateway.kill9();
        }
        if (core != null) {
            core.kill9();
        }
        redis.close();
        db.close();
    }
}
