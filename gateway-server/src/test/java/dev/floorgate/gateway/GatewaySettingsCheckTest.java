package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.internal.LimitsConfiguration;
import dev.floorgate.gateway.internal.clock.ClockConfiguration;
import dev.floorgate.gateway.internal.print.PrintConfiguration;
import dev.floorgate.gateway.internal.tls.HttpsConfiguration;
import dev.floorgate.gateway.internal.tls.TlsConfiguration;
import dev.floorgate.gateway.internal.web.SiteConfiguration;
import dev.floorgate.gateway.internal.web.WebConfiguration;
import dev.floorgate.protocol.SettingsCheck;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18 item 5 for the gateway: every setting's bad value stops the start of the real application (the same
 * {@link TestGateway} as the other tests) with one {@link GatewayConfigurationException} line naming the key, what
 * is wrong and the fix, before gateway.db or the outbox is opened; and the gateway process prints that line alone
 * on standard error and exits 2.
 */
class GatewaySettingsCheckTest {
    @TempDir
    Path dataDir;

    /** key, bad value, words the line must hold. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("fg.gateway.port", "http", "must be a whole number -1..65535, was 'http'"),
                Arguments.of("fg.gateway.https-port", "65536", "must be a whole number -1..65535"),
                Arguments.of("fg.gateway.plain-http", "yes", "must be true or false"),
                Arguments.of("fg.gateway.host-name", "gw sh01", "must be a host name"),
                Arguments.of("fg.gateway.hsts-max-age", "a year", "is not a duration"),
                Arguments.of("fg.gateway.id", "gw/sh01", "must be 1 to 64 letters"),
                Arguments.of("fg.data-dir", "/etc/hostname", "is a file, not a directory"),
                Arguments.of("fg.templates-dir", "/nonexistent/templates", "is not a readable directory"),
                Arguments.of("fg.apk.path", "/nonexistent/floorgate-picker.apk", "is not a readable file"),
                Arguments.of("fg.admin-token", "letmein-123", "is 11 characters; a secret must be at least 16"),
                Arguments.of("fg.core.url", "core.example:8081", "must start with http://, https://"),
                Arguments.of("fg.core.url", "http://core.example:8081,https://b:1", "is plain http:// to core.example"),
                Arguments.of("fg.core.url", "https://a:1,core.example:8081", "must start with http://, https://"),
                Arguments.of("fg.core.key-id", "gw 1", "must be 1 to 64 letters"),
                Arguments.of("fg.core.probe-interval", "0s", "must be 100ms..1h"),
                Arguments.of("fg.core.allow-plain-http", "maybe", "must be true or false"),
                Arguments.of("fg.core.tls.ca-file", "/nonexistent/core-ca.pem", "is not a readable file"),
                Arguments.of("fg.core.tls.ca-file", "/etc/hostname", "PEM certificate"),
                Arguments.of("fg.core.tls.pin", "sha256/c2hvcnQ=", "is neither sha256/<base64 of 32 bytes>"),
                Arguments.of("fg.core.tls.pin", "AB:CD", "64 hex digits"),
                Arguments.of("fg.core.tls.client-cert", "/nonexistent/gw.pem", "is not a readable file"),
                Arguments.of("fg.core.tls.client-key", "/nonexistent/gw.key", "is not a readable file"),
                Arguments.of("fg.core.secret", "s3cret", "is 6 characters; a secret must be at least 16"),
                Arguments.of("fg.sync.warehouses", "SH01,SH 02", "'SH 02' is not a warehouse code"),
                Arguments.of("fg.sync.batch-size", "5000", "must be a whole number 1..1000"),
                Arguments.of("fg.sync.poll-interval", "10ms", "must be 100ms..1d"),
                Arguments.of("fg.sync.backoff-min", "quick", "is not a duration"),
                Arguments.of("fg.sync.backoff-max", "0s", "must be 1ms..1d"),
                Arguments.of("fg.sync.disk-floor", "256MB", "must be a whole number, at least 0"),
                Arguments.of("fg.sync.retention", "1s", "must be at least 1m"),
                Arguments.of("fg.sync.append-timeout", "0s", "must be 1ms..10m"),
                Arguments.of("fg.sync.prepare-ahead", "sometimes", "must be true or false"),
                Arguments.of("fg.limits.preview-max-pixels", "0", "must be a whole number 1..1000000000"),
                Arguments.of("fg.limits.preview-concurrency", "0", "must be a whole number 1..64"),
                Arguments.of("fg.limits.preview-queue", "-1", "must be a whole number 0..10000"),
                Arguments.of("fg.limits.preview-timeout", "never", "is not a duration"),
                Arguments.of("fg.limits.min-free-heap-percent", "95", "must be a whole number 0..90"),
                Arguments.of("fg.limits.streams-per-device", "0", "must be a whole number 1..1000"),
                Arguments.of("fg.limits.streams-total", "x", "must be a whole number 1..1000000"),
                Arguments.of("fg.limits.operations-max-chars", "9000000", "must be a whole number 1..8388608"),
                Arguments.of("fg.tls.enabled", "on", "must be true or false"),
                Arguments.of("fg.tls.key-store", "/nonexistent/site.p12", "is not a readable file"),
                Arguments.of("fg.tls.key-store-type", "PEM", "must be one of PKCS12, JKS"),
                Arguments.of("fg.tls.server-validity", "0d", "must be 1d..3650d"),
                Arguments.of("fg.tls.ca-validity", "forever", "is not a duration"),
                Arguments.of("fg.tls.renew-before", "1m", "must be 1h..3650d"),
                Arguments.of("fg.tls.check-interval", "0s", "must be 1s..30d"),
                Arguments.of("fg.tls.store-password", "", "must be 1 to 256 characters"),
                Arguments.of("fg.web.admin-refresh", "0s", "must be 1s..1h"),
                Arguments.of("fg.web.device-stale-after", "soon", "is not a duration"),
                Arguments.of("fg.web.initial-password", "", "must be 1 to 256 characters"),
                Arguments.of("fg.web.session-ttl", "1s", "must be 1m..365d"),
                Arguments.of("fg.web.login-failures", "0", "must be a whole number 1..1000"),
                Arguments.of("fg.web.login-lockout", "0s", "must be 1s..1d"),
                Arguments.of("fg.web.login-address-failures", "none", "must be a whole number 1..100000"),
                Arguments.of("fg.web.audit-keep", "0", "must be a whole number 1..10000000"),
                Arguments.of("fg.web.scan-max-gap", "20s", "must be 1ms..10s"),
                Arguments.of("fg.web.scan-min-length", "0", "must be a whole number 1..1000"),
                Arguments.of("fg.web.scan-suffix", "return", "must be one of enter, tab, enter-or-tab, none"),
                Arguments.of("fg.web.scan-gs-substitute", "a b", "must be 1 to 8 characters, no spaces"),
                Arguments.of("fg.web.scan-duplicate-window", "2m", "must be 0..1m"),
                Arguments.of("fg.web.discovery-port", "0", "must be a whole number 1..65535"),
                Arguments.of("fg.web.discovery-timeout", "10ms", "must be 100ms..1m"),
                Arguments.of("fg.site.time-zone", "Mars/Olympus_Mons", "is not a time zone"),
                Arguments.of("fg.clock.max-offset", "0s", "must be at least 1s"),
                Arguments.of("fg.clock.device-max-offset", "3 minutes", "is not a duration"),
                Arguments.of("fg.clock.set-printers", "sometimes", "must be true or false"),
                Arguments.of("fg.clock.printer-check-interval", "0s", "must be at least 1s"),
                Arguments.of("fg.print.hold-poll-interval", "1ms", "must be 10ms..1h"),
                Arguments.of("fg.print.retention", "0s", "must be at least 1m"),
                Arguments.of("fg.print.max-queued-per-printer", "0", "must be a whole number 1..1000000"),
                Arguments.of("fg.print.tenant-queue-limit", "-1", "must be a whole number 0..1000000"),
                Arguments.of("fg.print.max-copies", "0", "must be a whole number 1..100000"),
                Arguments.of("fg.print.shutdown-grace", "1h", "must be 0..10m"),
                Arguments.of("fg.print.confirm-poll-interval", "0s", "must be 10ms..1m"),
                Arguments.of("fg.print.confirm-settle", "later", "is not a duration"),
                Arguments.of("fg.print.max-unconfirmed-per-printer", "0", "must be a whole number 1..100000"),
                Arguments.of("fg.photos.quota", "2GB", "must be a whole number, at least 1"),
                Arguments.of("fg.photos.disk-floor", "-1", "must be a whole number, at least 0"),
                Arguments.of("fg.photos.disk-floor", "1000", "must be above fg.sync.disk-floor (268435456 bytes)"),
                Arguments.of("fg.photos.max-photo-bytes", "0", "must be a whole number, at least 1"),
                Arguments.of("fg.photos.max-photo-bytes", "9000000", "is above micronaut.server.max-request-size of "
                        + "8388608 bytes"),
                Arguments.of("fg.photos.chunk-bytes", "512", "must be a whole number 1024..67108864"),
                // entries checked by their registries, with the same exception and the general fix
                Arguments.of("fg.printers.p1.url", "http://printer:9100", "fg.printers.p1.url"),
                Arguments.of("fg.scanners.s1.url", "ftp://scanner", "fg.scanners.s1.url"));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("badValues")
    void aBadValueStopsTheStartWithOneLineNamingTheKeyTheProblemAndTheFix(String key, String bad, String words) {
        assertThatThrownBy(() -> new TestGateway(dataDir, Map.of(key, bad)).close()).satisfies(e -> {
            Throwable t = e;
            while (t != null && !(t instanceof GatewayConfigurationException)) {
                t = t.getCause();
            }
            assertThat(t).as("a GatewayConfigurationException in %s", e).isNotNull();
            String line = t.getMessage();
            assertThat(line).as("one line").doesNotContain("\n").startsWith(key).contains(words).contains("fix:");
            if (!key.startsWith("fg.printers") && !key.startsWith("fg.scanners")) {
                assertThat(line).contains("fix: set " + SettingsCheck.envName(key) + " (" + key + ")");
            }
            if (key.equals("fg.admin-token") || key.equals("fg.core.secret")) {
                assertThat(line).as("a secret is never printed").doesNotContain(bad);
            }
        });
        if (!key.startsWith("fg.printers") && !key.startsWith("fg.scanners")) {
            assertThat(dataDir.resolve("gateway.db")).as("nothing opened before the check").doesNotExist();
        }
    }

    @Test
    void everyScalarKeyOfTheConfigurationInterfacesIsInTheTable() {
        Set<String> declared = new TreeSet<>();
        for (Class<?> c : List.of(GatewayConfiguration.class, CoreLinkConfiguration.class,
                CoreTlsConfiguration.class, SyncConfiguration.class,
                LimitsConfiguration.class, HttpsConfiguration.class, TlsConfiguration.class, WebConfiguration.class,
                SiteConfiguration.class, ClockConfiguration.class, PrintConfiguration.class,
                dev.floorgate.gateway.internal.photos.PhotoConfiguration.class)) {
            String prefix = c.getAnnotation(ConfigurationProperties.class).value();
            for (Method m : c.getDeclaredMethods()) {
                String n = m.getName();
                if (m.isDefault() || m.getParameterCount() > 0 || !(n.startsWith("get") || n.startsWith("is"))) {
                    continue;
                }
                String bean = n.substring(n.startsWith("get") ? 3 : 2);
                declared.add(prefix + "." + bean.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
            }
        }
        // free text with no bad value: passwords and aliases of site IT's own key store, extra certificate names,
        // discovery targets (names or addresses, tried one by one and reported on the page)
        declared.removeAll(Set.of("fg.tls.key-store-password", "fg.tls.key-alias", "fg.tls.names",
                "fg.web.discovery-targets"));
        Set<String> tested = badValues().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        assertThat(tested).as("keys with a bad-value case").containsAll(declared);
    }

    @Test
    void theGatewayProcessPrintsOneLineAndExits2() throws Exception {
        Path out = Files.createTempFile("gateway-refused", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GatewayApplication.class.getName());
        pb.environment().put("FG_DATA_DIR", dataDir.toString());
        pb.environment().put("FG_SYNC_BATCH_SIZE", "lots");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the gateway exits by itself").isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        assertThat(p.exitValue()).as("exit status; output: %s", lines)
                .isEqualTo(GatewayApplication.EXIT_REFUSED_CONFIGURATION);
        assertThat(lines).as("output").contains("floorgate-gateway: refusing to start: fg.sync.batch-size: must be a "
                + "whole number 1..1000, was 'lots'; fix: set FG_SYNC_BATCH_SIZE (fg.sync.batch-size) to operations "
                + "per upload, such as 200 (the core takes 1000)");
        assertThat(String.join("\n", lines)).as("no stack trace").doesNotContain("\tat ", "Exception");
        assertThat(dataDir.resolve("gateway.db")).as("nothing opened").doesNotExist();
    }
}
