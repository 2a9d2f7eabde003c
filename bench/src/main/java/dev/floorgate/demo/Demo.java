package dev.floorgate.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./floorgate demo} (issue 12 item 6): a private Redis, the core with the sample data of docs/examples/demo,
 * two printer simulators, a scanner simulator at packing station {@code pack-1} and the gateway, every one a child
 * process of the real jars, until Ctrl-C. Each line typed on standard input is scanned at {@code pack-1}.
 *
 * <p>Options: {@code --root DIR} (the repository, default .), {@code --data-dir DIR} (./data/demo),
 * {@code --port N} (8080), {@code --https-port N} (8443; a taken port is replaced by a free one),
 * {@code --database NAME} (floorgate_demo), {@code --mysql HOST:PORT} (127.0.0.1:3306, user root, no password).
 */
public final class Demo {
    static final String TENANT = "acme";
    static final String WAREHOUSE = "SH01";
    static final String KEY_ID = "gw-sh01";
    /** As ./floorgate gateway runs it (GATEWAY_JAVA_OPTS; DemoFailFastTest compares). */
    static final String GATEWAY_JVM = "-Xms32m -Xmx96m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -Xss512k "
            + "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m "
            + "-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000";
    private static final String SERVICE_JVM = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final Path root;
    private final Path data;
    private final int wantedPort;
    private final int wantedHttpsPort;
    private final String database;
    private final String mysql;
    private final PrintStream out;
    /** In start order; stopped in the reverse order but the gateway first (its group commit drains). */
    private final List<Child> children = new ArrayList<>();
    private Child gateway;
    private Child scanner;

    Demo(Path root, Path data, int port, int httpsPort, String database, String mysql, PrintStream out) {
        this.root = root;
        this.data = data;
        this.wantedPort = port;
        this.wantedHttpsPort = httpsPort;
        this.database = database;
        this.mysql = mysql;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        Path data = null;
        int port = 8080;
        int httpsPort = 8443;
        String database = "floorgate_demo";
        String mysql = "127.0.0.1:3306";
        try {
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--root" -> root = Path.of(need(args[i], v));
                    case "--data-dir" -> data = Path.of(need(args[i], v));
                    case "--port" -> port = port(args[i], need(args[i], v));
                    case "--https-port" -> httpsPort = port(args[i], need(args[i], v));
                    case "--database" -> database = need(args[i], v);
                    case "--mysql" -> mysql = need(args[i], v);
                    default -> {
                        System.err.println("floorgate demo: unknown option '" + args[i] + "' (options: --data-dir DIR "
                                + "--port N --https-port N --database NAME --mysql HOST:PORT --root DIR)");
                        System.exit(2);
                    }
                }
                i++;
            }
        } catch (IllegalArgumentException e) { // a missing value or a port that is no number: one line
            System.err.println("floorgate demo: " + e.getMessage());
            System.exit(2);
        }
        root = root.toAbsolutePath().normalize();
        Demo demo = new Demo(root, (data == null ? root.resolve("data/demo") : data).toAbsolutePath().normalize(),
                port, httpsPort, database, mysql, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "demo-stop"));
        try {
            demo.start();
        } catch (IOException | IllegalStateException e) {
            System.err.println("floorgate demo: " + e.getMessage());
            System.exit(1); // the shutdown hook stops what did start
        }
        demo.forwardScans();
        // The children die with this thread (setpriv --pdeathsig, see Child): it waits until the JVM exits.
        new CountDownLatch(1).await();
    }

    private static int port(String option, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the message below says it
        }
        throw new IllegalArgumentException(option + " needs a port from 0 (any free one) to 65535, got '" + value
                + "'");
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    void start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path coreJar = jar("inventory-core/target/inventory-core.jar", "core");
        Path gatewayJar = jar("gateway-server/target/gateway-server.jar", "gateway");
        Path simulatorsJar = jar("device-simulators/target/device-simulators.jar", "device simulators");
        checkMariaDb();
        Files.createDirectories(data);
        Properties secrets = secrets(data.resolve("demo-secrets.properties"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path logs = data.resolve("logs");

        int redisPort = Child.portOr(0);
        Child redis = started(Child.start("redis", List.of("redis-server", "--port", Integer.toString(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", logs.toString()), Map.of(),
                logs.resolve("redis.log")));
        redis.awaitPort(redisPort, Duration.ofSeconds(10));

        int corePort = Child.portOr(0);
        String coreUrl = "http://127.0.0.1:" + corePort;
        String secret = secrets.getProperty("core.secret");
        Child core = started(Child.start("core", command(java, SERVICE_JVM, "-jar", coreJar.toString()), Map.of(
                "FG_CORE_PORT", Integer.toString(corePort),
                "FG_REDIS_URI", "redis://127.0.0.1:" + redisPort,
                "FG_MYSQL_URL", "jdbc:mariadb://" + mysql + "/" + database + "?createDatabaseIfNotExist=true",
                "FG_CORE_KEYS", KEY_ID + ":" + secret + ":" + TENANT,
                "FG_CORE_ADMIN_TOKEN", secrets.getProperty("core.admin-token")), logs.resolve("core.log")));
        // printers and the scanner start while the core's JVM starts (2 cores: the simulators are small)
        int[] printerPorts = {Child.portOr(0), Child.portOr(0)};
        for (int i = 0; i < 2; i++) {
            Path capture = data.resolve("printer-" + (i + 1));
            started(Child.start("printer-" + (i + 1), command(java, "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                    "-jar", simulatorsJar.toString(), "printer", "--port", Integer.toString(printerPorts[i]),
                    "--capture-dir", capture.toString(), "--name", "DEMO-PRINTER-" + (i + 1), "--serial-number",
                    "DEMO000000" + (i + 1)), Map.of(), logs.resolve("printer-" + (i + 1) + ".log")));
        }
        int scannerPort = Child.portOr(0);
        scanner = started(Child.start("scanner", command(java, "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                "-jar", simulatorsJar.toString(), "scanner", "--listen", Integer.toString(scannerPort), "--interactive",
                "--wait-ms", Long.toString(Duration.ofDays(365).toMillis())), Map.of(), logs.resolve("scanner.log")));
        core.awaitHttp(coreUrl + "/health", Duration.ofMinutes(3));
        out.printf("core ready at %s (database %s on %s, Redis on port %d)%n", coreUrl, database, mysql, redisPort);
        new SampleData(root.resolve("docs/examples/demo"), coreUrl, KEY_ID, secret, out)
                .loadUnlessLoaded(data.resolve("sample-data-loaded.txt"));

        int port = Child.portOr(wantedPort);
        int httpsPort = Child.portOr(wantedHttpsPort == port ? 0 : wantedHttpsPort);
        Path config = data.resolve("demo-gateway.yml");
        Files.writeString(config, gatewayYml(printerPorts, scannerPort));
        String admin = secrets.getProperty("gateway.admin-token");
        List<String> gatewayCommand = command(java, GATEWAY_JVM, "-jar", gatewayJar.toString());
        gateway = started(Child.start("gateway", gatewayCommand, Map.ofEntries(
                Map.entry("FG_GATEWAY_PORT", Integer.toString(port)),
                Map.entry("FG_GATEWAY_PLAIN_HTTP", "true"),
                Map.entry("FG_GATEWAY_HTTPS_PORT", Integer.toString(httpsPort)),
                Map.entry("FG_DATA_DIR", data.resolve("gateway").toString()),
                Map.entry("FG_ADMIN_TOKEN", admin),
                Map.entry("FG_CORE_URL", coreUrl),
                Map.entry("FG_CORE_KEY_ID", KEY_ID),
                Map.entry("FG_CORE_SECRET", secret),
                Map.entry("FG_SYNC_WAREHOUSES", WAREHOUSE),
                Map.entry("FG_SYNC_POLL_INTERVAL", "2s"),
                Map.entry("MICRONAUT_CONFIG_FILES", config.toString()),
                Map.entry("MALLOC_ARENA_MAX", "2")), logs.resolve("gateway.log")));
        gateway.awaitHttp("http://127.0.0.1:" + port + "/health", Duration.ofMinutes(3));
        double seconds = (System.nanoTime() - t0) / 1e9;

        out.println();
        out.printf("FloorGate demo ready in %.1f s%n", seconds);
        out.println("  picker app:   http://localhost:" + port + "/pick/   (HTTPS: https://localhost:" + httpsPort
                + "/pick/)");
        out.println("  site IT page: http://localhost:" + port + "/admin/  (HTTPS: https://localhost:" + httpsPort
                + "/admin/)");
        out.println("  sign in as 'admin' with the initial password 'floorgate' (kept in " + data.resolve("gateway")
                + " once changed; the page makes you choose your own)");
        out.println("  enrollment link for a PDA: site IT page, 'PDAs and scanners', Enroll a PDA (tenant acme, "
                + "warehouse SH01), or");
        out.println("    curl -s -X POST -H 'Authorization: Bearer " + admin + "' -H 'Content-Type: application/json' "
                + "-d '{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}' http://localhost:" + port
                + "/api/v1/admin/enrollment");
        out.println("  packing station pack-1 (rehearse: true) prints on printer-1 (labels in "
                + data.resolve("printer-1")
                + "); type a barcode and Enter here to scan it at pack-1");
        out.println("  data folder: " + data + " (logs in " + logs + "; core database " + database + ")");
        out.println("  pids: " + pids());
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    private Path jar(String relative, String what) {
        Path jar = root.resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the " + what + " jar " + jar + " is missing; run ./floorgate build");
        }
        return jar;
    }

    private void checkMariaDb() {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + mysql + "/?connectTimeout=3000", "root",
                "")) {
            c.isValid(3);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is not reachable at " + mysql + " as root without a password ("
                    + e.getMessage().lines().findFirst().orElse("") + "); start it, e.g. scripts/ensure-services.sh",
                    e);
        }
    }

    /** The key secret and tokens of this data folder, made on the first run and kept (owner-only file). */
    private static Properties secrets(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            return p;
        }
        p.setProperty("core.secret", random());
        p.setProperty("core.admin-token", random());
        p.setProperty("gateway.admin-token", random());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var w = Files.newBufferedWriter(file)) {
            p.store(w, "floorgate demo: the core key of gateway gw-sh01 and the admin tokens");
        }
        return p;
    }

    private static String random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String gatewayYml(int[] printerPorts, int scannerPort) {
        return "# written by ./floorgate demo on every start\n"
                + "fg:\n"
                + "  printers:\n"
                + "    printer-1:\n"
                + "      url: tcp://127.0.0.1:" + printerPorts[0] + "\n"
                + "      description: Demo printer 1 (simulator, packing station pack-1)\n"
                + "      tenants: [acme]\n"
                + "    printer-2:\n"
                + "      url: tcp://127.0.0.1:" + printerPorts[1] + "\n"
                + "      description: Demo printer 2 (simulator)\n"
                + "      tenants: [acme]\n"
                + "  scanners:\n"
                + "    pack-1-scanner:\n"
                + "      url: tcp://127.0.0.1:" + scannerPort + "\n"
                + "  stations:\n"
                + "    pack-1:\n"
                + "      scanner: pack-1-scanner\n"
                + "      printer: printer-1\n"
                + "      on-scan: shipping-4x6\n"
                + "      tenant: acme\n"
                + "      warehouse: SH01\n"
                + "      rehearse: true\n";
    }

    private static List<String> command(String java, String jvmOptions, String... rest) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(List.of(jvmOptions.split(" ")));
        cmd.addAll(List.of(rest));
        return cmd;
    }

    private Child started(Child child) {
        synchronized (children) {
            children.add(child);
        }
        return child;
    }

    String pids() {
        StringBuilder b = new StringBuilder();
        synchronized (children) {
            for (Child c : children) {
                b.append(b.length() == 0 ? "" : " ").append(c.name).append('=').append(c.pid());
            }
        }
        return b.toString();
    }

    /** Each line on standard input is a scan at pack-1 (the scanner simulator reads its stdin the same way). */
    void forwardScans() {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                OutputStream to = scanner.stdin();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    // '!' lines are the simulator's own commands (garbage, bursts): a scan here is plain text
                    String scan = (line.startsWith("!") ? line.substring(1) : line).strip();
                    to.write(scan.getBytes(StandardCharsets.UTF_8));
                    to.write('\n');
                    to.flush();
                    out.println("scanned at pack-1: " + line.strip());
                }
            } catch (IOException e) {
                out.println("scans from standard input stopped: " + e.getMessage());
            }
            // end of input (e.g. started in the background) keeps the demo running; only Ctrl-C stops it
        }, "demo-scans");
        t.setDaemon(true);
        t.start();
    }

    /** Stops every child: the gateway first (its group commit and spool drain), then the rest newest first. */
    void stop() {
        List<Child> order = new ArrayList<>();
        synchronized (children) {
            if (children.isEmpty()) {
                return;
            }
            if (gateway != null) {
                order.add(gateway);
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i) != gateway) {
                    order.add(children.get(i));
                }
            }
            children.clear();
        }
        out.println("stopping the demo: " + String.join(", ", order.stream().map(c -> c.name).toList()));
        for (Child c : order) {
            boolean polite = c.stop(Duration.ofSeconds(c == gateway ? 30 : 15));
            out.println("  " + c.name + " (pid " + c.pid() + ") " + (polite ? "stopped" : "killed after the grace"));
        }
        out.flush();
    }
}
