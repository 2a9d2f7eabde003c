package dev.floorgate.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.systemtests.CoreClientForTests;
import dev.floorgate.systemtests.MariaDbDatabase;
import dev.floorgate.systemtests.RedisServer;
import dev.floorgate.systemtests.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two .deb files this build made, for real, in a throwaway Debian 12 root ({@link DebianRoot}): installed with
 * apt (files, modes, the service user, {@code systemd-analyze verify} of the units), the services started with their
 * units' exact ExecStart as the service user (the gateway answers /health and says where to go), an upgrade from an
 * older build (this commit's gateway package with a lower version) with operations queued and print jobs held
 * (every operation reaches the core's ledger once, every held job is still held), then remove (data kept) and
 * purge (data gone). The steps build on each other, in order, on one root. The numbers the README reports (package
 * sizes, install time, install to /health, RSS) are printed to the test's output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackagesTest {
    private static final String KEY_ID = "site-test";
    private static final String SECRET = "site-test-secret-0123456789";
    private static final String ADMIN = "admin-token-0123456789abc";
    private static final String OLD_VERSION = "0.0.1";
    private static final int QUEUED_OPS = 40;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private Path work;
    private DebianRoot root;
    private String gatewayDeb;
    private String coreDeb;
    private String newVersion;
    private RedisServer redis;
    private MariaDbDatabase db;
    private PrinterSimulator printer;
    private int corePort;
    private int gatewayPort;
    private Process core;
    private Process gateway;
    private Path gatewayLog;
    private final List<String> opIds = new ArrayList<>();

    @BeforeAll
    void makeRoot() throws Exception {
        long t0 = System.nanoTime();
        Path built = Path.of(System.getProperty("fg.packages.dir", "target"));
        work = Files.createTempDirectory(built, "debian-root-");
        Path packages = Files.createDirectories(work.resolve("packages"));
        gatewayDeb = copy(built, "floorgate-gateway_", packages);
        coreDeb = copy(built, "floorgate-core_", packages);
        System.out.printf("packages: %s %d KiB, %s %d KiB%n", gatewayDeb, Files.size(packages.resolve(gatewayDeb))
                / 1024, coreDeb, Files.size(packages.resolve(coreDeb)) / 1024);
        root = DebianRoot.create(work.resolve("root"), packages);
        newVersion = root.ok("dpkg-deb -f /srv/packages/" + gatewayDeb + " Version").strip();
        // the older build: this commit's package with a lower version (dpkg-deb in the root, not on the host)
        root.ok("set -e; mkdir -p /tmp/old && dpkg-deb -R /srv/packages/" + gatewayDeb + " /tmp/old/pkg"
                + " && sed -i 's/^Version: .*/Version: " + OLD_VERSION + "/' /tmp/old/pkg/DEBIAN/control"
                + " && dpkg-deb -Znone -b /tmp/old/pkg /tmp/old/floorgate-gateway_" + OLD_VERSION + "_all.deb >/dev/null");
        redis = new RedisServer(work);
        db = new MariaDbDatabase();
        printer = PrinterSimulator.builder().captureDir(work.resolve("labels")).start();
        corePort = ServiceProcess.freePort();
        gatewayPort = ServiceProcess.freePort();
        System.out.printf("root, older package, Redis, MariaDB database, printer ready: %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static String copy(Path built, String prefix, Path to) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(built, prefix + "*_all.deb")) {
            for (Path p : s) {
                Files.copy(p, to.resolve(p.getFileName()));
                return p.getFileName().toString();
            }
        }
        throw new IllegalStateException("no " + prefix + "*_all.deb in " + built + ": jdeb runs before the tests "
                + "(process-test-classes); build with mvn verify");
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (root != null) {
            root.close();
        }
        if (printer != null) {
            printer.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void bothPackagesInstallWithTheirUserFilesAndUnits() throws Exception {
        long t0 = System.nanoTime();
        String out = root.ok("DEBIAN_FRONTEND=noninteractive apt-get install -y /srv/packages/" + coreDeb
                + " /tmp/old/floorgate-gateway_" + OLD_VERSION + "_all.deb");
        long installMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("apt-get install of both packages (Java already in the root): %d ms%n", installMs);
        assertThat(out).contains("Setting up floorgate-gateway (" + OLD_VERSION + ")")
                .contains("Setting up floorgate-core (" + newVersion + ")");

        assertThat(root.ok("getent passwd floorgate")).matches("floorgate:x:\\d{3}:\\d+:[^:]*:/var/lib/floorgate:"
                + "/usr/sbin/nologin\\s*");
        assertThat(root.ok("id -nG floorgate").split("\\s+")).contains("floorgate", "dialout");
        String modes = root.ok("stat -c '%a %U:%G %n' /usr/bin/floorgate-gateway /usr/bin/floorgate-core "
                + "/usr/share/floorgate-gateway/gateway-server.jar /usr/share/floorgate-gateway/floorgate-picker.apk "
                + "/usr/share/floorgate-core/inventory-core.jar "
                + "/lib/systemd/system/floorgate-gateway.service /lib/systemd/system/floorgate-core.service "
                + "/etc/floorgate/gateway.env /etc/floorgate/core.env /var/lib/floorgate /var/lib/floorgate/gateway "
                + "/var/backups/floorgate");
        assertThat(modes.strip().split("\n")).containsExactly(
                "755 root:root /usr/bin/floorgate-gateway",
                "755 root:root /usr/bin/floorgate-core",
                "644 root:root /usr/share/floorgate-gateway/gateway-server.jar",
                "644 root:root /usr/share/floorgate-gateway/floorgate-picker.apk",
                "644 root:root /usr/share/floorgate-core/inventory-core.jar",
                "644 root:root /lib/systemd/system/floorgate-gateway.service",
                "644 root:root /lib/systemd/system/floorgate-core.service",
                "640 root:floorgate /etc/floorgate/gateway.env",
                "640 root:floorgate /etc/floorgate/core.env",
                "750 floorgate:floorgate /var/lib/floorgate",
                "700 floorgate:floorgate /var/lib/floorgate/gateway",
                "700 floorgate:floorgate /var/backups/floorgate");
        // the settings are commented defaults: nothing set until site IT sets it
        assertThat(root.ok("grep -v '^#' /etc/floorgate/gateway.env | grep -v '^$' || true")).isBlank();
        // enabled for the next boot (deb-systemd-helper works without a running systemd)
        assertThat(root.ok("ls /etc/systemd/system/multi-user.target.wants/")).contains("floorgate-gateway.service",
                "floorgate-core.service");
        DebianRoot.Result verify = root.run("systemd-analyze verify /lib/systemd/system/floorgate-gateway.service "
                + "/lib/systemd/system/floorgate-core.service", Duration.ofMinutes(1));
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("systemd-analyze verify").doesNotContainIgnoringCase("floorgate-gateway.service:")
                .doesNotContainIgnoringCase("floorgate-core.service:");
        assertThat(root.ok("dpkg-query -W -f '${Status} ${Version}' floorgate-gateway"))
                .isEqualTo("install ok installed " + OLD_VERSION);
    }

    @Test
    @Order(2)
    void theServicesStartWithTheirUnitsExecStartAndTheGatewayAnswersHealth() throws Exception {
        configure();
        core = startService("floorgate-core", work.resolve("core.log"));
        awaitHealth("http://127.0.0.1:" + corePort + "/health", core, work.resolve("core.log"));
        CoreClientForTests coreApi = new CoreClientForTests("http://127.0.0.1:" + corePort, KEY_ID, SECRET);
        coreApi.ok("PUT", "/v1/locations/acme/SH01/A-01-01", "{\"type\":\"BIN\"}");
        for (int i = 0; i < 4; i++) {
            coreApi.ok("PUT", "/v1/skus/acme/SKU-" + i, "{\"name\":\"Item " + i + "\",\"unit\":\"EA\"}");
        }

        long t0 = System.nanoTime();
        gatewayLog = work.resolve("gateway-old.log");
        gateway = startService("floorgate-gateway", gatewayLog);
        awaitHealth(gatewayUrl("/health"), gateway, gatewayLog);
        System.out.printf("gateway start (unit's ExecStart) to /health 200: %d ms%n", (System.nanoTime() - t0)
                / 1_000_000);

        ProcessHandle java = DebianRoot.program(gateway, "java").orElseThrow();
        String status = Files.readString(Path.of("/proc/" + java.pid() + "/status"));
        String uid = root.ok("id -u floorgate").strip();
        String dialout = root.ok("getent group dialout | cut -d: -f3").strip();
        assertThat(status).containsPattern("(?m)^Uid:\\s+" + uid + "\\s+" + uid + "\\s+" + uid);
        assertThat(status).containsPattern("(?m)^Groups:.*\\b" + dialout + "\\b");

        String log = Files.readString(gatewayLog);
        assertThat(log).contains("FloorGate gateway ready, ONLINE: syncing to http://127.0.0.1:" + corePort)
                .containsPattern("site IT page: +https://[^ ]+:\\d+/admin/")
                .containsPattern("picker app: +https://[^ ]+:\\d+/pick/")
                .containsPattern("plain HTTP: +http://[^ ]+:" + gatewayPort + "/")
                .contains("first sign-in: user 'admin' with the default password 'floorgate'")
                .contains("data folder:   /var/lib/floorgate/gateway");
        assertThat(log).as("no terminal colour codes in the journal").doesNotContain("\u001b[");
        // the pages are reachable where the log says: HTTPS with the gateway's own certificate
        Matcher admin = Pattern.compile("site IT page: +https://[^ :]+:(\\d+)/admin/").matcher(log);
        assertThat(admin.find()).isTrue();
        for (String page : List.of("/admin/", "/pick/")) {
            assertThat(httpsPage("https://127.0.0.1:" + admin.group(1) + page)).as(page).containsIgnoringCase(
                    "<html");
        }
        // the picker app the package carries is served without any setting (issue 13)
        assertThat(httpsPage("https://127.0.0.1:" + admin.group(1) + "/api/v1/app")).as("/api/v1/app")
                .contains("\"path\":\"/app/floorgate-picker.apk\"").containsPattern("\"versionCode\"\\s*:\\s*\\d+");

        Thread.sleep(3000);
        long rssKiB = Long.parseLong(Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB").matcher(
                Files.readString(Path.of("/proc/" + java.pid() + "/status"))).results().findFirst().orElseThrow()
                .group(1));
        System.out.printf("installed gateway RSS after start: %d MiB%n", rssKiB / 1024);
        assertThat(rssKiB).as("RSS of the installed gateway").isLessThan(400 * 1024);

        // the tools run from the package as root switch to the service user and read /etc/floorgate/gateway.env
        DebianRoot.Result doctor = root.run("floorgate-gateway doctor", Duration.ofMinutes(1));
        assertThat(doctor.output()).contains("OK   core reachable").contains("OK   core key")
                .contains("OK   clock").contains("in use by the running gateway").contains("OK   printer dock1")
                .contains("doctor: no failed check");
        assertThat(doctor.exit()).as(doctor.output()).isZero();
        root.ok("floorgate-gateway backup /var/backups/floorgate/before-upgrade.fgbackup");
        assertThat(root.ok("stat -c '%a %U' /var/backups/floorgate/before-upgrade.fgbackup").strip())
                .isEqualTo("600 floorgate");
    }

    @Test
    @Order(3)
    void anUpgradeWithOperationsQueuedAndJobsHeldSyncsEachOnceAndKeepsTheJobsHeld() throws Exception {
        String token = enroll();
        // the gateway has pulled SH01's master data once the first operation validates
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                post("/api/v1/operations", token, receive(opId(0), 0)).statusCode() == 202);
        opIds.add(opId(0));
        // stopped only once the first is at the core: otherwise it may be applied with its answer cut off, and
        // come back DUPLICATE (also once, but this test counts APPLIED)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> opState(token, opId(0)).equals("APPLIED"));
        stop(core, "floorgate-core");
        for (int i = 1; i < QUEUED_OPS; i++) {
            assertThat(post("/api/v1/operations", token, receive(opId(i), i % 4)).statusCode()).isEqualTo(202);
            opIds.add(opId(i));
        }
        printer.paperOut(true);
        for (String job : List.of("held-1", "held-2")) {
            assertThat(post("/api/v1/print-jobs", token, "{\"jobId\":\"" + job + "\",\"printer\":\"dock1\","
                    + "\"template\":\"bin-location\",\"data\":{\"bin\":\"" + job + "\",\"warehouse\":\"SH01\"}}")
                    .statusCode()).isEqualTo(202);
        }
        // the head of the printer's queue is HELD (nothing sent); the job behind it waits QUEUED in order
        awaitJob(token, "held-1", "HELD");
        Thread.sleep(500);
        Map<String, String> jobsBefore = Map.of("held-1", jobState(token, "held-1"), "held-2",
                jobState(token, "held-2"));
        assertThat(jobsBefore.get("held-2")).isIn("HELD", "QUEUED");
        // all but the first wait at the gateway, PENDING or in a failing attempt
        long waiting = opIds.stream().filter(id -> !opState(token, id).equals("APPLIED")).count();
        assertThat(waiting).as("queued while the core is down").isEqualTo(QUEUED_OPS - 1);

        // what prerm does under systemd: stop the service; a clean stop is SIGTERM -> exit 143 (SuccessExitStatus)
        assertThat(stop(gateway, "floorgate-gateway")).isEqualTo(143);
        assertThat(Files.readString(gatewayLog)).as("every part closed").doesNotContainPattern("stopping .* failed");
        String upgrade = root.ok("DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confold "
                + "/srv/packages/" + gatewayDeb);
        assertThat(upgrade).contains("Unpacking floorgate-gateway (" + newVersion + ") over (" + OLD_VERSION + ")");
        assertThat(root.ok("dpkg-query -W -f '${Version}' floorgate-gateway")).isEqualTo(newVersion);
        assertThat(root.ok("grep -c '^FG_CORE_URL=' /etc/floorgate/gateway.env").strip()).as("settings kept")
                .isEqualTo("1");

        gatewayLog = work.resolve("gateway-new.log");
        gateway = startService("floorgate-gateway", gatewayLog);
        awaitHealth(gatewayUrl("/health"), gateway, gatewayLog);
        // the jobs stay held (the printer is still out of paper) while the core is still down
        Thread.sleep(1500);
        for (String job : List.of("held-1", "held-2")) {
            assertThat(jobState(token, job)).as(job).isEqualTo(jobsBefore.get(job));
        }
        core = startService("floorgate-core", work.resolve("core-2.log"));
        awaitHealth("http://127.0.0.1:" + corePort + "/health", core, work.resolve("core-2.log"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                opIds.stream().allMatch(id -> opState(token, id).equals("APPLIED")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                ledger("SELECT COUNT(*) FROM ledger WHERE op_id = ?", opIds) >= QUEUED_OPS);
        assertThat(ledger("SELECT COUNT(*) FROM ledger WHERE op_id = ?", opIds)).isEqualTo(QUEUED_OPS);
        assertThat(ledger("SELECT COUNT(*) FROM ledger WHERE status = 'APPLIED' AND op_id = ?", opIds))
                .isEqualTo(QUEUED_OPS);
        for (String job : List.of("held-1", "held-2")) {
            assertThat(jobState(token, job)).as(job).isEqualTo(jobsBefore.get(job));
        }
        int before = printer.printed().size();
        printer.paperOut(false);
        awaitJob(token, "held-1", "PRINTED");
        awaitJob(token, "held-2", "PRINTED");
        Thread.sleep(500);
        assertThat(printer.printed().size() - before).as("each held job printed once").isEqualTo(2);
    }

    @Test
    @Order(4)
    void removeKeepsTheDataAndSettingsAndPurgeDeletesThem() throws Exception {
        stop(gateway, "floorgate-gateway");
        stop(core, "floorgate-core");
        root.ok("DEBIAN_FRONTEND=noninteractive apt-get remove -y floorgate-gateway");
        assertThat(root.ok("dpkg-query -W -f '${db:Status-Abbrev}' floorgate-gateway").strip()).isEqualTo("rc");
        assertThat(root.ok("test ! -e /usr/bin/floorgate-gateway && ls /var/lib/floorgate/gateway"))
                .contains("gateway.db").contains("outbox.db").contains("cache.db").contains("tls");
        assertThat(root.ok("grep -c '^FG_CORE_URL=' /etc/floorgate/gateway.env").strip()).isEqualTo("1");

        root.ok("DEBIAN_FRONTEND=noninteractive apt-get purge -y floorgate-gateway");
        assertThat(root.ok("test ! -e /var/lib/floorgate/gateway && test ! -e /etc/floorgate/gateway.env "
                + "&& test -e /etc/floorgate/core.env && echo gone").strip()).isEqualTo("gone");
        root.ok("DEBIAN_FRONTEND=noninteractive apt-get purge -y floorgate-core");
        assertThat(root.ok("test ! -e /etc/floorgate && test ! -e /var/lib/floorgate && echo gone").strip())
                .isEqualTo("gone");
        assertThat(root.ok("ls /var/backups/floorgate")).as("purge leaves the backups").contains("before-upgrade");
        assertThat(root.ok("getent passwd floorgate || true")).as("the system user stays (Debian practice)")
                .startsWith("floorgate:");
    }

    // ---- helpers

    private void configure() throws Exception {
        root.ok("cat >> /etc/floorgate/core.env <<'EOF'\n"
                + "FG_CORE_PORT=" + corePort + "\n"
                + "FG_REDIS_URI=" + redis.uri() + "\n"
                + "FG_MYSQL_URL=" + db.jdbcUrl() + "\n"
                + "FG_CORE_KEYS=" + KEY_ID + ":" + SECRET + ":acme\n"
                + "FG_CORE_ADMIN_TOKEN=" + ADMIN + "\n"
                + "EOF");
        root.ok("cat >> /etc/floorgate/gateway.env <<'EOF'\n"
                + "FG_GATEWAY_PORT=" + gatewayPort + "\n"
                + "FG_GATEWAY_HTTPS_PORT=" + ServiceProcess.freePort() + "\n"
                + "FG_GATEWAY_PLAIN_HTTP=true\n"
                + "FG_CORE_URL=http://127.0.0.1:" + corePort + "\n"
                + "FG_CORE_KEY_ID=" + KEY_ID + "\n"
                + "FG_CORE_SECRET=" + SECRET + "\n"
                + "FG_ADMIN_TOKEN=" + ADMIN + "\n"
                + "FG_SYNC_WAREHOUSES=SH01\n"
                + "FG_SYNC_POLL_INTERVAL=1s\n"
                + "FG_SYNC_BACKOFF_MIN=100ms\n"
                + "FG_SYNC_BACKOFF_MAX=1s\n"
                + "FG_PRINT_HOLD_POLL_INTERVAL=200ms\n"
                + "FG_PRINTERS_DOCK1_URL='tcp://127.0.0.1:" + printer.port()
                + "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms'\n"
                + "EOF");
    }

    private Process startService(String unit, Path log) throws Exception {
        UnitFile u = UnitFile.parse(root.ok("cat /lib/systemd/system/" + unit + ".service"));
        assertThat(u.user()).isEqualTo("floorgate");
        return root.start(u.command(), log);
    }

    /** SIGTERM to the service's JVM, as systemd's stop; returns the exit status. */
    private int stop(Process service, String name) throws Exception {
        if (service == null || !service.isAlive()) {
            return service == null ? -1 : service.exitValue();
        }
        DebianRoot.program(service, "java").ifPresent(ProcessHandle::destroy);
        if (!service.waitFor(45, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not stop within 45 s of SIGTERM (TimeoutStopSec)");
        }
        return service.exitValue();
    }

    private void awaitHealth(String url, Process service, Path log) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited " + service.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** A page over HTTPS, trusting the gateway's self-made certificate (the PDAs install its site CA instead). */
    private static String httpsPage(String url) throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        javax.net.ssl.HttpsURLConnection c = (javax.net.ssl.HttpsURLConnection) URI.create(url).toURL().openConnection();
        c.setSSLSocketFactory(tls.getSocketFactory());
        c.setHostnameVerifier((host, session) -> true);
        c.setConnectTimeout(5000);
        c.setReadTimeout(20000);
        assertThat(c.getResponseCode()).as(url).isEqualTo(200);
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private String gatewayUrl(String path) {
        return "http://127.0.0.1:" + gatewayPort + path;
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl(path))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gatewayUrl(path))).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    private String enroll() throws Exception {
        String code = field(post("/api/v1/admin/enrollment-codes", ADMIN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}").body(), "code");
        return field(post("/api/v1/devices/enroll", null, "{\"code\":\"" + code + "\",\"deviceId\":\"pda-1\"}")
                .body(), "token");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private String opState(String token, String opId) {
        return field(get("/api/v1/operations/" + opId, token), "state");
    }

    private String jobState(String token, String jobId) {
        return field(get("/api/v1/print-jobs/" + jobId, token), "state");
    }

    private void awaitJob(String token, String jobId, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobState(token, jobId).equals(state));
    }

    private long ledger(String sql, List<String> ids) throws Exception {
        long n = 0;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : ids) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
        }
        return n;
    }

    /** Fresh UUIDv7 opIds (the core checks an opId's embedded time against its clock). */
    private final List<String> ids = java.util.stream.Stream.generate(OperationIds::newId).limit(QUEUED_OPS).toList();

    private String opId(int n) {
        return ids.get(n);
    }

    private static String receive(String opId, int sku) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\","
                + "\"sku\":\"SKU-" + sku + "\",\"qty\":1,\"location\":\"A-01-01\"}";
    }
}
