package dev.floorgate.gateway.internal.tools;

import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.sqlite.ProcessLock;
import dev.floorgate.sync.CoreTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code floorgate-gateway doctor}: the things site IT gets wrong, one line each with what to do. Read-only: it
 * reads the configuration the server would read ({@link ToolSettings}), asks the core, the devices and the
 * operating system, and changes nothing, so it may run beside a running gateway.
 *
 * <p>Checks: clock skew against the core (its {@code Date} header; a signed request more than the core's signature
 * window (300 s) off is refused), the core reachable and this gateway's key accepted (a signed
 * {@code GET /v1/changes}), each configured core URL ({@code fg.core.url}, one line each: OK, TLS refused naming
 * the {@code fg.core.tls.*} setting, or unreachable) through the same TLS verification as the sync client
 * ({@link CoreTls}), disk free against {@code fg.sync.disk-floor}, the HTTP and HTTPS ports (in use by
 * another program while the gateway is stopped), every configured printer and scanner (a TCP connect, or a serial
 * device the service user may open), the clocks of PDAs and printers as the running gateway knows them (its
 * plain-port {@code /metrics}: one line per clock off by more than {@code fg.clock.device-max-offset}, or one
 * summary line), and the HTTPS certificate's expiry.
 */
public final class GatewayDoctor {
    /** How a check ended. */
    public enum Status { OK, WARN, FAIL, SKIP }

    /** One line of the report: what, how, and what to do about it (empty when nothing). */
    public record Check(Status status, String name, String detail, String advice) {
        @Override
        public String toString() {
            return String.format("%-4s %-20s %s%s", status, name, detail, advice.isEmpty() ? "" : " -> " + advice);
        }
    }

    static final Duration CLOCK_WARN = Duration.ofSeconds(5);
    static final Duration CLOCK_FAIL = Duration.ofSeconds(120);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final ToolSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final List<Check> checks = new ArrayList<>();

    GatewayDoctor(ToolSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Runs every check in order. */
    List<Check> run() {
        Path dataDir = Path.of(settings.text("fg.data-dir", "./data")).toAbsolutePath().normalize();
        boolean gatewayRunning = gatewayRunning(dataDir);
        core();
        disk(dataDir);
        ports(gatewayRunning);
        deviceClocks(gatewayRunning);
        devices("printer", "fg.printers");
        devices("scanner", "fg.scanners");
        certificate(dataDir);
        return Collections.unmodifiableList(checks);
    }

    private void add(Status s, String name, String detail, String advice) {
        checks.add(new Check(s, name, detail, advice));
    }

    // ---- the core: clock, reachable, key

    private void core() {
        String url = settings.text("fg.core.url", null);
        if (url == null) {
            add(Status.SKIP, "core", "offline mode (fg.core.url unset): operations queue here", "to sync, set "
                    + "FG_CORE_URL, FG_CORE_KEY_ID and FG_CORE_SECRET in /etc/floorgate/gateway.env");
            return;
        }
        OkHttpClient core;
        try {
            core = coreClient();
        } catch (IOException e) {
            add(Status.FAIL, "core TLS", e.getMessage(), "fix the fg.core.tls.* setting named (FG_CORE_TLS_*); "
                    + "the gateway refuses to start with it");
            return;
        }
        try {
            // every configured core, in order of preference: a failover target that cannot be reached is found now
            List<String> urls = new ArrayList<>();
            for (String part : url.split(",")) {
                String u = part.trim().replaceAll("/+$", "");
                if (!u.isEmpty()) {
                    urls.add(u);
                }
            }
            String answering = null;
            for (int i = 0; i < urls.size(); i++) {
                String name = urls.size() == 1 ? "core reachable" : "core " + (i + 1) + "/" + urls.size();
                if (health(core, urls.get(i), name) && answering == null) {
                    answering = urls.get(i);
                }
            }
            if (answering != null) {
                key(core, answering);
            }
        } finally {
            core.dispatcher().executorService().shutdown();
            core.connectionPool().evictAll();
        }
    }

    /** The same TLS verification as the sync client ({@link CoreTls}, {@code fg.core.tls.*}). */
    private OkHttpClient coreClient() throws IOException {
        OkHttpClient.Builder b = new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(CONNECT_TIMEOUT).callTimeout(CONNECT_TIMEOUT.multipliedBy(2));
        CoreTls tls = CoreTls.of(path("fg.core.tls.ca-file"), settings.text("fg.core.tls.pin", null),
                path("fg.core.tls.client-cert"), path("fg.core.tls.client-key"));
        if (!tls.isEmpty()) {
            tls.apply(b);
        }
        return b.build();
    }

    private Path path(String key) {
        String value = settings.text(key, null);
        return value == null ? null : Path.of(value);
    }

    /** One line for one core's {@code /health}; the clock is compared with the first core that answers. */
    private boolean health(OkHttpClient core, String base, String name) {
        Instant sent = clock.instant();
        Request request;
        try {
            request = new Request.Builder().url(base + "/health").get().build();
        } catch (IllegalArgumentException e) {
            add(Status.FAIL, name, base + " is not an http(s) URL: " + e.getMessage(), "check FG_CORE_URL");
            return false;
        }
        try (Response health = core.newCall(request).execute()) {
            Instant received = clock.instant();
            int status = health.code();
            add(status / 100 == 2 ? Status.OK : Status.WARN, name, base + "/health answered " + status + " in "
                    + Duration.between(sent, received).toMillis() + " ms", status / 100 == 2 ? ""
                    : "the core is up but not healthy: see its journal (journalctl -u floorgate-core)");
            if (checks.stream().noneMatch(c -> c.name().equals("clock"))) {
                clockSkew(health.header("Date"), sent, received);
            }
            return true;
        } catch (IOException e) {
            String refusal = CoreTls.refusal(e);
            if (refusal != null) {
                add(Status.FAIL, name, base + ": TLS refused: " + refusal, "compare the core's certificate with "
                        + "FG_CORE_TLS_CA_FILE / FG_CORE_TLS_PIN (openssl s_client -connect HOST:PORT -showcerts)");
            } else {
                add(Status.FAIL, name, base + " unreachable: " + e, "check FG_CORE_URL, the network and the "
                        + "core's firewall (curl " + base + "/health)");
            }
            return false;
        }
    }

    private void clockSkew(String dateHeader, Instant sent, Instant received) {
        if (dateHeader == null) {
            add(Status.WARN, "clock", "the core sent no Date header; skew unknown", "compare `date -u` here and "
                    + "on the core");
            return;
        }
        Instant coreTime = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant here = sent.plus(Duration.between(sent, received).dividedBy(2));
        // the Date header has whole seconds: up to 1 s of the difference is its rounding
        Duration skew = Duration.between(here, coreTime).abs();
        long ms = Duration.between(here, coreTime).toMillis();
        String detail = "this clock is " + Math.abs(ms) / 1000.0 + " s " + (ms > 0 ? "behind" : "ahead of")
                + " the core's (+/-1 s)";
        if (skew.compareTo(CLOCK_FAIL) > 0) {
            add(Status.FAIL, "clock", detail, "signed requests over 300 s off are refused: run `timedatectl "
                    + "set-ntp true` (systemd-timesyncd) here and on the core");
        } else if (skew.compareTo(CLOCK_WARN) > 0) {
            add(Status.WARN, "clock", detail, "turn on time sync: `timedatectl set-ntp true`");
        } else {
            add(Status.OK, "clock", detail, "");
        }
    }

    private void key(OkHttpClient core, String base) {
        String keyId = settings.text("fg.core.key-id", null);
        String secret = settings.text("fg.core.secret", null);
        if (keyId == null || secret == null) {
            add(Status.FAIL, "core key", "fg.core.url is set but fg.core.key-id / fg.core.secret are not: the "
                    + "gateway stays offline", "set FG_CORE_KEY_ID and FG_CORE_SECRET (the key given by the core's "
                    + "FG_CORE_KEYS)");
            return;
        }
        String warehouse = settings.text("fg.sync.warehouses", "doctor").split(",")[0].trim();
        String path = "/v1/changes?warehouse=" + URLEncoder.encode(warehouse, StandardCharsets.UTF_8) + "&limit=1";
        Request.Builder b = new Request.Builder().url(base + path).get();
        for (Map.Entry<String, String> h : new RequestSigner(keyId, secret).headers("GET", path, new byte[0])
                .entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        try (Response r = core.newCall(b.build()).execute()) {
            String body = r.body() == null ? "" : r.body().string();
            if (r.code() == 401) {
                add(Status.FAIL, "core key", "the core refused key '" + keyId + "': " + shortBody(body),
                        "FG_CORE_KEY_ID and FG_CORE_SECRET must match an entry of the core's FG_CORE_KEYS "
                                + "(and the clock be within 300 s)");
            } else if (r.code() / 100 == 2 || r.code() == 403 || r.code() == 404) {
                add(Status.OK, "core key", "key '" + keyId + "' accepted (GET /v1/changes for " + warehouse
                        + " answered " + r.code() + ")", "");
            } else {
                add(Status.WARN, "core key", "GET /v1/changes answered " + r.code() + ": " + shortBody(body),
                        "see the core's journal (journalctl -u floorgate-core)");
            }
        } catch (IOException e) {
            add(Status.FAIL, "core key", "signed request failed: " + e, "check the core (journalctl -u "
                    + "floorgate-core)");
        }
    }

    private static String shortBody(String body) {
        String s = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    // ---- disk

    private void disk(Path dataDir) {
        long floor = settings.longValue("fg.sync.disk-floor", 268_435_456L);
        Path existing = dataDir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            String detail = mib(free) + " MiB free under " + dataDir + " (floor " + mib(floor) + " MiB)";
            if (free < floor) {
                add(Status.FAIL, "disk", detail, "the gateway refuses new operations below the floor: free space "
                        + "(journalctl --vacuum-size=100M, old files) or lower FG_SYNC_DISK_FLOOR");
            } else if (free < 2 * floor) {
                add(Status.WARN, "disk", detail, "less than twice the floor: free space soon");
            } else {
                add(Status.OK, "disk", detail, "");
            }
        } catch (IOException | NullPointerException e) {
            add(Status.FAIL, "disk", "cannot read free space of " + dataDir + ": " + e, "check FG_DATA_DIR");
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    // ---- ports

    private static boolean gatewayRunning(Path dataDir) {
        Path db = dataDir.resolve("gateway.db");
        if (!Files.exists(db)) {
            return false;
        }
        try (ProcessLock ignored = ProcessLock.acquire(ProcessLock.lockFileOf(db), "gateway.db")) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void ports(boolean gatewayRunning) {
        int plain = settings.integer("fg.gateway.port", 8080);
        port("HTTP port", plain, "FG_GATEWAY_PORT", gatewayRunning);
        if (settings.flag("fg.tls.enabled", true)) {
            port("HTTPS port", settings.integer("fg.gateway.https-port", 8443), "FG_GATEWAY_HTTPS_PORT",
                    gatewayRunning);
        }
    }

    private void port(String name, int port, String env, boolean gatewayRunning) {
        boolean free;
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            free = true;
        } catch (IOException e) {
            free = false;
        }
        if (free) {
            add(gatewayRunning ? Status.WARN : Status.OK, name, port + " is free" + (gatewayRunning
                    ? " although the gateway runs" : ""), gatewayRunning ? "the gateway did not bind it: see "
                    + "journalctl -u floorgate-gateway" : "");
        } else if (gatewayRunning) {
            add(Status.OK, name, port + " in use by the running gateway", "");
        } else {
            add(Status.FAIL, name, port + " is in use by another program while the gateway is stopped",
                    "find it with `ss -ltnp 'sport = :" + port + "'` or move the gateway (" + env + ")");
        }
    }

    // ---- PDA and printer clocks, as the running gateway knows them

    private static final java.util.regex.Pattern DEVICE_CLOCK = java.util.regex.Pattern.compile(
            "^floorgate_(pda|printer)_clock_(offset_seconds|set)\\{(?:device|printer)=\"((?:[^\"\\\\]|\\\\.)*)\"} (\\S+)$",
            java.util.regex.Pattern.MULTILINE);

    /**
     * Only the running gateway knows PDA clocks (from their requests) and printer clocks (it reads them), so they
     * are read from its {@code /metrics} on the plain port, which answers on localhost without a token.
     */
    private void deviceClocks(boolean gatewayRunning) {
        if (!gatewayRunning) {
            add(Status.SKIP, "device clocks", "the gateway is not running: PDA and printer clocks are known only to "
                    + "the running gateway", "start it (systemctl start floorgate-gateway) and run doctor again");
            return;
        }
        int port = settings.integer("fg.gateway.port", 8080);
        String body;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).timeout(CONNECT_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            body = r.body();
        } catch (IOException | IllegalArgumentException e) {
            add(Status.WARN, "device clocks", "the running gateway's /metrics on port " + port + " did not answer ("
                    + e.getMessage() + ")", "curl http://127.0.0.1:" + port + "/metrics; see journalctl -u "
                    + "floorgate-gateway");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long max = settings.duration("fg.clock.device-max-offset", Duration.ofMinutes(3)).toSeconds();
        java.util.Map<String, Double> offsets = new java.util.TreeMap<>();
        java.util.Set<String> setByGateway = new java.util.HashSet<>();
        java.util.regex.Matcher m = DEVICE_CLOCK.matcher(body);
        while (m.find()) {
            String key = m.group(1) + " " + m.group(3);
            double value;
            try {
                value = Double.parseDouble(m.group(4));
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (m.group(2).equals("set")) {
                if (value == 1) {
                    setByGateway.add(key);
                }
            } else {
                offsets.put(key, value);
            }
        }
        int pdas = 0;
        int printers = 0;
        int unknown = 0;
        int off = 0;
        for (java.util.Map.Entry<String, Double> e : offsets.entrySet()) {
            boolean printer = e.getKey().startsWith("printer ");
            if (printer) {
                printers++;
            } else {
                pdas++;
            }
            double v = e.getValue();
            if (Double.isNaN(v)) {
                unknown++;
                continue;
            }
            if (Math.abs(v) <= max) {
                continue;
            }
            off++;
            String detail = "clock is " + Math.round(Math.abs(v)) + " s " + (v > 0 ? "ahead of" : "behind")
                    + " core time (more than fg.clock.device-max-offset " + max + " s)";
            String name = e.getKey().replaceFirst("^(pda|printer) ", "");
            if (printer) {
                add(Status.WARN, "printer " + name + " clock", detail, "dates it prints itself (^FC) are wrong: "
                        + "allow the gateway to set it (FG_PRINTERS_" + name.toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "_") + "_SET_CLOCK=true or FG_CLOCK_SET_PRINTERS=true) or set it "
                        + "on the printer's panel; templates can print gateway-time instead");
            } else {
                add(Status.WARN, "pda " + name + " clock", detail, "turn on automatic date and time on the PDA "
                        + "(Settings > System > Date & time); the gateway stamps its operations in core time "
                        + "meanwhile");
            }
        }
        if (off == 0) {
            add(Status.OK, "device clocks", pdas + " PDA(s) and " + printers + " printer(s) within " + max
                    + " s of core time" + (unknown > 0 ? " (" + unknown + " printer(s) without a clock)" : ""), "");
        }
    }

    // ---- printers and scanners

    private void devices(String kind, String prefix) {
        List<String> names = settings.names(prefix);
        if (names.isEmpty()) {
            add(Status.SKIP, kind + "s", "none configured (" + prefix + ".<name>.url)", "");
            return;
        }
        Collections.sort(names);
        for (String n : names) {
            String url = settings.text(prefix + "." + n + ".url", null);
            String name = kind + " " + n;
            if (url == null) {
                add(Status.FAIL, name, "no url", "set " + prefix + "." + n + ".url");
                continue;
            }
            device(name, url);
        }
    }

    private void device(String name, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            add(Status.FAIL, name, "url '" + url + "' is not a URL: " + e.getMessage(), "fix it in the configuration");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "tcp" -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) CONNECT_TIMEOUT.toMillis());
                    add(Status.OK, name, url + " accepts connections", "");
                } catch (IOException | IllegalArgumentException e) {
                    add(Status.FAIL, name, url + " does not accept a connection: " + e.getMessage(), "is it on, "
                            + "on the network, at that address and port? (nc -vz " + uri.getHost() + " "
                            + uri.getPort() + ")");
                }
            }
            case "tcp-listen" -> add(Status.SKIP, name, url + ": the device connects to the gateway", "");
            case "serial" -> {
                Path dev = Path.of(uri.getPath());
                if (!Files.exists(dev)) {
                    add(Status.FAIL, name, dev + " does not exist", "plug the cable in; ls /dev/ttyUSB* /dev/ttyS* "
                            + "/dev/serial/by-id/ shows the ports");
                } else if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
                    add(Status.FAIL, name, dev + " cannot be opened by this user", "the service user must be in "
                            + "the device's group (dialout): adduser floorgate dialout");
                } else {
                    add(Status.OK, name, dev + " can be opened", "");
                }
            }
            default -> add(Status.FAIL, name, "unknown scheme in '" + url + "'", "use tcp://, tcp-listen:// or "
                    + "serial://");
        }
    }

    // ---- certificate

    private void certificate(Path dataDir) {
        if (!settings.flag("fg.tls.enabled", true)) {
            add(Status.SKIP, "certificate", "HTTPS off (fg.tls.enabled false)", "");
            return;
        }
        String own = settings.text("fg.tls.key-store", null);
        Path file = own != null ? Path.of(own) : dataDir.resolve("tls").resolve("server.p12");
        String password = own != null ? settings.text("fg.tls.key-store-password", "")
                : settings.text("fg.tls.store-password", "floorgate");
        if (!Files.exists(file)) {
            add(own != null ? Status.FAIL : Status.OK, "certificate", file + " does not exist" + (own != null ? ""
                    : ": the gateway makes it at its first start"), own != null ? "fix FG_TLS_KEY_STORE" : "");
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(settings.text("fg.tls.key-store-type", "PKCS12"));
            ks.load(in, password.toCharArray());
            String alias = settings.text("fg.tls.key-alias", own != null ? null : "server");
            if (alias == null) {
                alias = Collections.list(ks.aliases()).stream().filter(a -> isKey(ks, a)).findFirst().orElse(null);
            }
            X509Certificate cert = alias == null ? null : (X509Certificate) ks.getCertificate(alias);
            if (cert == null) {
                add(Status.FAIL, "certificate", "no certificate in " + file, "fix FG_TLS_KEY_STORE / FG_TLS_KEY_ALIAS");
                return;
            }
            Instant notAfter = cert.getNotAfter().toInstant();
            long days = Duration.between(clock.instant(), notAfter).toDays();
            Duration renewBefore = settings.duration("fg.tls.renew-before", Duration.ofDays(30));
            String detail = file + " valid until " + notAfter + " (" + days + " days)";
            if (notAfter.isBefore(clock.instant())) {
                add(Status.FAIL, "certificate", detail, own != null ? "replace the key store named by FG_TLS_KEY_STORE"
                        : "restart the gateway: it issues a new one from its site CA");
            } else if (Duration.between(clock.instant(), notAfter).compareTo(renewBefore) < 0) {
                add(Status.WARN, "certificate", detail, own != null ? "replace it before it expires"
                        : "the gateway renews it by itself; if this stays, restart it");
            } else {
                add(Status.OK, "certificate", detail, "");
            }
        } catch (IOException | GeneralSecurityException e) {
            add(Status.FAIL, "certificate", "cannot read " + file + ": " + e.getMessage(), "check the key store and "
                    + "its password");
        }
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
