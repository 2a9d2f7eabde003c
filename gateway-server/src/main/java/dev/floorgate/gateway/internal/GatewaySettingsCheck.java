package dev.floorgate.gateway.internal;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.protocol.SettingsCheck;
import io.micronaut.core.value.PropertyResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every scalar {@code fg.*} setting of the gateway, checked as text before anything is bound or opened (issue 18
 * item 5): the keys of {@code GatewayConfiguration}, {@code CoreLinkConfiguration}, {@code SyncConfiguration},
 * {@code LimitsConfiguration}, {@code HttpsConfiguration}, {@code TlsConfiguration}, {@code WebConfiguration},
 * {@code SiteConfiguration}, {@code ClockConfiguration}, {@code PrintConfiguration}, {@code PhotoConfiguration},
 * {@code fg.gateway.id},
 * {@code fg.gateway.port} and {@code fg.templates-dir}. The first bad value is one
 * {@link GatewayConfigurationException} line naming the key, what is wrong and the fix; {@code GatewayApplication}
 * prints it and exits 2. Printers, scanners and stations ({@code fg.printers.*}, {@code fg.scanners.*},
 * {@code fg.stations.*}) are checked by their registries, which need them parsed, with the same exception.
 * GatewayBeans makes this the first thing built: the secrets check, gateway.db, the sync engine and every
 * component started at start-up take {@link Checked}.
 */
public final class GatewaySettingsCheck {
    private static final Duration ZERO = Duration.ZERO;
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** An id that may also be empty: an env file's {@code FG_GATEWAY_ID=} means unset, as it did before. */
    private static final Pattern OPTIONAL_ID = Pattern.compile("|[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("|[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?|\\[[0-9A-Fa-f:.]+\\]");
    private static final String PORT_FIX = "a free TCP port (0 or -1 = any free port)";

    /** The bean that says the check ran. */
    public static final class Checked {
        private Checked() {
        }
    }

    private GatewaySettingsCheck() {
    }

    /** @throws GatewayConfigurationException naming the first bad key */
    public static Checked run(PropertyResolver config) {
        SettingsCheck s = new SettingsCheck(key -> config.getProperty(key, String.class).orElse(null));
        try {
            check(s);
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigurationException(e.getMessage());
        }
        StartupSecrets.check(s.value("fg.admin-token"), s.value("fg.core.secret"));
        return new Checked();
    }

    static void check(SettingsCheck s) {
        s.integer("fg.gateway.port", -1, 65535, PORT_FIX)
                .integer("fg.gateway.https-port", -1, 65535, PORT_FIX)
                .bool("fg.gateway.plain-http")
                .matches("fg.gateway.host-name", HOST, "a host name or [IPv6 address]", "the name PDAs reach this "
                        + "gateway by, such as gw-sh01.example.com")
                .duration("fg.gateway.hsts-max-age", ZERO, Duration.ofDays(3650), "a value such as 365d")
                .matches("fg.gateway.id", OPTIONAL_ID, "1 to 64 letters, digits, '.', '_' or '-'", "this gateway's name at "
                        + "the core, such as gw-sh01, or leave it unset for the host name")
                .writableDirectory("fg.data-dir", "a directory this user may write, such as /var/lib/floorgate/gateway")
                .check("fg.templates-dir", GatewaySettingsCheck::readableDirectoryProblem, "the directory of the "
                        + "site's .zpl templates, or leave it unset")
                .check("fg.apk.path", GatewaySettingsCheck::readableFileProblem, "the picker app's signed APK "
                        + "(pda-android-app/target/floorgate-picker.apk), or leave it unset")
                .check("fg.rate-cards-dir", GatewaySettingsCheck::readableDirectoryProblem, "the directory of the "
                        + "tenants' rate card folders (<dir>/<tenant>/*.yml), or leave it unset")
                .duration("fg.packing.scale-wait", MS, Duration.ofSeconds(30), "a value such as 3s");
        s.uri("fg.core.url", List.of("http", "https"), true, false, "the core's base URL, such as "
                        + "https://core.example:8081 (several instances: comma-separated, the first preferred), or "
                        + "leave it unset for offline mode")
                .bool("fg.core.allow-plain-http")
                .duration("fg.core.probe-interval", Duration.ofMillis(100), Duration.ofHours(1), "a value such as 10s")
                .check("fg.core.tls.ca-file", GatewaySettingsCheck::readableFileProblem, "a PEM file of the CA "
                        + "certificates to trust for the core, or leave it unset for the JDK's CAs")
                .check("fg.core.tls.client-cert", GatewaySettingsCheck::readableFileProblem, "the gateway's PEM "
                        + "client certificate for mutual TLS, or leave it unset")
                .check("fg.core.tls.client-key", GatewaySettingsCheck::readableFileProblem, "the PKCS#8 PEM key of "
                        + "fg.core.tls.client-cert, or leave it unset")
                .matches("fg.core.key-id", OPTIONAL_ID, "1 to 64 letters, digits, '.', '_' or '-'", "this gateway's key id "
                        + "at the core (one entry of the core's FG_CORE_KEYS)");
        corePlainHttp(s);
        coreTls(s);
        s.check("fg.sync.warehouses", GatewaySettingsCheck::warehousesProblem, "a comma-separated list of "
                        + "warehouse codes, such as SH01,SH02")
                .integer("fg.sync.batch-size", 1, 1000, "operations per upload, such as 200 (the core takes 1000)")
                .duration("fg.sync.poll-interval", Duration.ofMillis(100), Duration.ofDays(1), "a value such as 30s")
                .duration("fg.sync.backoff-min", MS, Duration.ofHours(1), "a value such as 500ms")
                .duration("fg.sync.backoff-max", MS, Duration.ofDays(1), "a value such as 60s")
                .integer("fg.sync.disk-floor", 0, Long.MAX_VALUE, "free bytes to keep, such as 268435456 (256 MiB)")
                .duration("fg.sync.retention", Duration.ofMinutes(1), null, "a value such as 7d")
                .duration("fg.sync.append-timeout", MS, Duration.ofMinutes(10), "a value such as 10s")
                .bool("fg.sync.prepare-ahead");
        s.integer("fg.limits.preview-max-pixels", 1, 1_000_000_000L, "a value such as 10000000")
                .integer("fg.limits.preview-concurrency", 1, 64, "a value such as 2")
                .integer("fg.limits.preview-queue", 0, 10_000, "a value such as 8")
                .duration("fg.limits.preview-timeout", MS, Duration.ofMinutes(10), "a value such as 10s")
                .integer("fg.limits.min-free-heap-percent", 0, 90, "a value such as 15")
                .integer("fg.limits.streams-per-device", 1, 1000, "a value such as 4")
                .integer("fg.limits.streams-total", 1, 1_000_000, "a value such as 1000")
                .integer("fg.limits.operations-max-chars", 1, 8_388_608, "a value such as 2097152 (at most the 8 MiB "
                        + "request limit)");
        s.bool("fg.tls.enabled")
                .check("fg.tls.key-store", GatewaySettingsCheck::readableFileProblem, "the PKCS12 or JKS file site "
                        + "IT provides, or leave it unset for the gateway's own site CA")
                .oneOf("fg.tls.key-store-type", List.of("PKCS12", "JKS"))
                .duration("fg.tls.server-validity", Duration.ofDays(1), Duration.ofDays(3650), "a value such as 730d")
                .duration("fg.tls.ca-validity", Duration.ofDays(1), Duration.ofDays(36500), "a value such as 3650d")
                .duration("fg.tls.renew-before", Duration.ofHours(1), Duration.ofDays(3650), "a value such as 30d")
                .duration("fg.tls.check-interval", SECOND, Duration.ofDays(30), "a value such as 1h")
                .matches("fg.tls.store-password", Pattern.compile(".{1,256}"), "1 to 256 characters",
                        "a password for the generated key files, such as the default floorgate");
        s.duration("fg.web.admin-refresh", SECOND, Duration.ofHours(1), "a value such as 5s")
                .duration("fg.web.device-stale-after", SECOND, null, "a value such as 10m")
                .matches("fg.web.initial-password", Pattern.compile(".{1,256}"), "1 to 256 characters",
                        "the first password of the admin account, such as the default floorgate")
                .duration("fg.web.session-ttl", Duration.ofMinutes(1), Duration.ofDays(365), "a value such as 12h")
                .integer("fg.web.login-failures", 1, 1000, "a value such as 5")
                .duration("fg.web.login-lockout", SECOND, Duration.ofDays(1), "a value such as 1m")
                .integer("fg.web.login-address-failures", 1, 100_000, "a value such as 20")
                .integer("fg.web.audit-keep", 1, 10_000_000, "a value such as 5000")
                .duration("fg.web.scan-max-gap", MS, Duration.ofSeconds(10), "a value such as 40ms")
                .integer("fg.web.scan-min-length", 1, 1000, "a value such as 4")
                .oneOf("fg.web.scan-suffix", List.of("enter", "tab", "enter-or-tab", "none"))
                .matches("fg.web.scan-gs-substitute", Pattern.compile("\\S{1,8}"), "1 to 8 characters, no spaces",
                        "the characters a scanner sends for GS, such as ~")
                .duration("fg.web.scan-duplicate-window", ZERO, Duration.ofMinutes(1), "a value such as 1s")
                .port("fg.web.discovery-port", false, "the printer discovery port, such as 4201")
                .duration("fg.web.discovery-timeout", Duration.ofMillis(100), Duration.ofMinutes(1), "a value such as 3s")
                .check("fg.site.time-zone", GatewaySettingsCheck::zoneProblem, "an IANA zone such as Europe/Berlin, "
                        + "or leave it empty for the machine's zone");
        s.duration("fg.clock.max-offset", SECOND, null, "a value such as 60s")
                .duration("fg.clock.device-max-offset", SECOND, null, "a value such as 3m")
                .bool("fg.clock.set-printers")
                .duration("fg.clock.printer-check-interval", SECOND, null, "a value such as 10m");
        s.duration("fg.print.hold-poll-interval", Duration.ofMillis(10), Duration.ofHours(1), "a value such as 2s")
                .duration("fg.print.retention", Duration.ofMinutes(1), null, "a value such as 7d")
                .integer("fg.print.max-queued-per-printer", 1, 1_000_000, "a value such as 10000")
                .integer("fg.print.tenant-queue-limit", 0, 1_000_000, "a value such as 0 (a fair share)")
                .integer("fg.print.max-copies", 1, 100_000, "a value such as 1000")
                .duration("fg.print.shutdown-grace", ZERO, Duration.ofMinutes(10), "a value such as 10s")
                .duration("fg.print.confirm-poll-interval", Duration.ofMillis(10), Duration.ofMinutes(1),
                        "a value such as 200ms")
                .duration("fg.print.confirm-settle", ZERO, Duration.ofMinutes(1), "a value such as 1s")
                .integer("fg.print.max-unconfirmed-per-printer", 1, 100_000, "a value such as 50");
        photos(s);
    }

    /** fg.photos.*: each in range, the largest photo within the quota and the request limit, the floor above ops'. */
    private static void photos(SettingsCheck s) {
        s.integer("fg.photos.quota", 1, Long.MAX_VALUE, "bytes of photos to buffer, such as 2147483648 (2 GiB)")
                .integer("fg.photos.disk-floor", 0, Long.MAX_VALUE, "free bytes below which photos are refused, "
                        + "above fg.sync.disk-floor, such as 1073741824 (1 GiB), or leave it unset")
                .integer("fg.photos.max-photo-bytes", 1, Long.MAX_VALUE, "the largest photo in bytes, such as "
                        + "8388608 (8 MiB)")
                .integer("fg.photos.chunk-bytes", 1024, 64L << 20, "bytes per upload chunk, at most the core's "
                        + "fg.photos.max-chunk-bytes, such as 262144 (256 KiB)");
        long quota = number(s, "fg.photos.quota", dev.floorgate.gateway.internal.photos.PhotoConfiguration
                .DEFAULT_QUOTA);
        String max = s.value("fg.photos.max-photo-bytes");
        if (max != null) {
            long maxBytes = Long.parseLong(max.trim());
            if (maxBytes > quota) {
                throw SettingsCheck.refused("fg.photos.max-photo-bytes", "is above fg.photos.quota of " + quota
                        + " bytes", max, "at most the quota, such as 8388608 (8 MiB)");
            }
            long request = number(s, "micronaut.server.max-request-size", 8L << 20);
            if (request > 0 && maxBytes > request) {
                throw SettingsCheck.refused("fg.photos.max-photo-bytes", "is above micronaut.server.max-request-size "
                        + "of " + request + " bytes: such a photo could never arrive", max, "at most " + request);
            }
        }
        String floor = s.value("fg.photos.disk-floor");
        long operationsFloor = number(s, "fg.sync.disk-floor", 268_435_456L);
        if (floor != null && operationsFloor > 0 && Long.parseLong(floor.trim()) <= operationsFloor) {
            throw SettingsCheck.refused("fg.photos.disk-floor", "must be above fg.sync.disk-floor ("
                    + operationsFloor + " bytes) so that a filling disk refuses photos before operations", floor,
                    "a larger number, such as " + (operationsFloor + (768L << 20)) + ", or leave it unset");
        }
    }

    /** A whole number setting already checked (or a plain number Micronaut reads), else {@code fallback}. */
    private static long number(SettingsCheck s, String key, long fallback) {
        String v = s.value(key);
        try {
            return v == null ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback; // such as "10MB" for the request size: Micronaut's business, checked by Micronaut
        }
    }

    /** Plain http:// to a core that is not on this machine is refused unless fg.core.allow-plain-http=true. */
    private static void corePlainHttp(SettingsCheck s) {
        String urls = s.value("fg.core.url");
        if (urls == null || "true".equalsIgnoreCase(String.valueOf(s.value("fg.core.allow-plain-http")).trim())) {
            return;
        }
        for (String url : urls.split(",")) {
            String u = url.trim();
            if (!u.regionMatches(true, 0, "http://", 0, 7)) {
                continue;
            }
            okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(u);
            String host = parsed == null ? u : parsed.host();
            if (!loopback(host)) {
                throw SettingsCheck.refused("fg.core.url", "is plain http:// to " + host + ", which is not this "
                        + "machine: anyone on the WAN path could read the operations", u, "an https:// URL (with "
                        + "fg.core.tls.ca-file or fg.core.tls.pin), or set FG_CORE_ALLOW_PLAIN_HTTP=true to accept "
                        + "plain HTTP on a trusted link");
            }
        }
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /** Reads the TLS files and pins as the sync engine will; a bad one is one line naming the setting. */
    private static void coreTls(SettingsCheck s) {
        dev.floorgate.sync.CoreTls tls = coreTls(s.value("fg.core.tls.ca-file"), s.value("fg.core.tls.pin"),
                s.value("fg.core.tls.client-cert"), s.value("fg.core.tls.client-key"));
        if (tls == null) {
            return;
        }
        try {
            tls.check();
        } catch (java.io.IOException e) {
            // CoreTls names the setting first: "fg.core.tls.pin 'x' is neither ..."
            String message = e.getMessage().replaceAll("\\s+", " ");
            int space = message.indexOf(' ');
            String key = space > 0 && message.startsWith("fg.core.tls.") ? message.substring(0, space)
                    : "fg.core.tls.ca-file";
            throw SettingsCheck.refused(key, message.substring(key.length()).trim(), null, "the right PEM file or "
                    + "pin (see the README's \"TLS to the core\"), or leave it unset");
        }
    }

    /** The sync engine's TLS settings toward the core, or null when none is set. */
    public static dev.floorgate.sync.CoreTls coreTls(String caFile, String pin, String clientCert, String clientKey) {
        dev.floorgate.sync.CoreTls tls = dev.floorgate.sync.CoreTls.of(path(caFile), pin, path(clientCert),
                path(clientKey));
        return tls.isEmpty() ? null : tls;
    }

    private static Path path(String v) {
        return v == null || v.trim().isEmpty() ? null : Paths.get(v.trim());
    }

    private static String readableDirectoryProblem(String v) {
        if (v.isEmpty()) {
            return null;
        }
        Path p = Paths.get(v);
        return Files.isDirectory(p) && Files.isReadable(p) ? null : "is not a readable directory";
    }

    private static String readableFileProblem(String v) {
        if (v.isEmpty()) {
            return null;
        }
        Path p = Paths.get(v);
        return Files.isRegularFile(p) && Files.isReadable(p) ? null : "is not a readable file";
    }

    private static String zoneProblem(String v) {
        if (v.isEmpty()) {
            return null;
        }
        try {
            ZoneId.of(v);
            return null;
        } catch (DateTimeException e) {
            return "is not a time zone";
        }
    }

    private static String warehousesProblem(String v) {
        for (String code : v.replace("[", "").replace("]", "").split(",")) {
            if (!code.trim().isEmpty() && !ID.matcher(code.trim()).matches()) {
                return "'" + code.trim() + "' is not a warehouse code (1 to 64 letters, digits, '.', '_' or '-')";
            }
        }
        return null;
    }
}
