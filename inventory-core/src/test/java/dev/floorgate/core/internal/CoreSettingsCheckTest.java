package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.core.BusConfiguration;
import dev.floorgate.core.CoreConfiguration;
import dev.floorgate.core.CoreConfigurationException;
import dev.floorgate.core.MysqlConfiguration;
import dev.floorgate.core.OrderSagaConfiguration;
import dev.floorgate.core.PhotosConfiguration;
import dev.floorgate.core.RedisConfiguration;
import dev.floorgate.core.ReplenishmentConfiguration;
import dev.floorgate.core.TrafficConfiguration;
import dev.floorgate.protocol.SettingsCheck;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18 item 5 for the core: every setting's bad value stops the start of the real application (the same
 * {@code CoreHarness.start} as every core test) with one {@link CoreConfigurationException} line naming the key,
 * what is wrong and the fix, before any store is touched: Redis and MySQL point at closed ports here, so a check
 * that ran after them would fail with a connection error instead. {@code StartupSecretsTest} runs the core's
 * process for the one-line output and exit status 2.
 */
class CoreSettingsCheckTest {
    private static final String CLOSED_REDIS = "redis://127.0.0.1:1";
    private static final String CLOSED_MYSQL = "jdbc:mariadb://127.0.0.1:1/none";
    private static final String R = ReplenishmentConfiguration.PREFIX;
    /** A tenant's own photo credentials (TenantPhotoSettings); acme is a tenant of CoreHarness' keys. */
    private static final String TENANT_PHOTOS = TenantPhotoSettings.PREFIX + ".acme.";

    /** key, bad value, words the line must hold. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("fg.core.port", "eighty", "must be a whole number 0..65535, was 'eighty'"),
                Arguments.of("fg.core.port", "70000", "must be a whole number 0..65535, was '70000'"),
                Arguments.of("fg.core.keys", "gw-1:short:acme", "the secret must be at least 16 characters, was 5"),
                Arguments.of("fg.core.keys", "no-colons-at-all", "fg.core.keys"),
                Arguments.of("fg.core.admin-token", "letmein", "must be at least 16 characters, was 7"),
                Arguments.of("fg.core.idempotency-ttl", "forever", "is not a duration"),
                Arguments.of("fg.core.idempotency-ttl", "500ms", "must be at least 1s"),
                Arguments.of("fg.core.clock-skew-margin", "60d", "must be 0..30d"),
                Arguments.of("fg.core.buckets", "0", "must be a whole number 1..16384"),
                Arguments.of("fg.core.retry-after", "0s", "must be 1s..1h"),
                Arguments.of("fg.core.signature-window", "5 minutes", "is not a duration"),
                Arguments.of("fg.core.health-interval", "0ms", "must be 1ms..10m"),
                Arguments.of("fg.core.writeback.max-lag", "lots", "must be a whole number, at least 1"),
                Arguments.of("fg.core.writeback.batch-size", "20000", "must be a whole number 1..10000"),
                Arguments.of("fg.core.writeback.poll-interval", "fast", "is not a duration"),
                Arguments.of("fg.core.writeback.trim-interval", "0s", "must be 1ms..1h"),
                Arguments.of("fg.core.writeback.claim-idle", "10ms", "must be at least 1s"),
                Arguments.of("fg.core.writeback.consumer", "core 1", "must be a name of letters"),
                Arguments.of("fg.core.writeback.enabled", "yes", "must be true or false"),
                Arguments.of("fg.core.writeback.consumer-expiry", "500ms", "must be at least 1s"),
                Arguments.of("fg.core.instance-id", "core a", "must be a name of letters"),
                Arguments.of("fg.core.job-lease-ttl", "100ms", "must be 300ms..1h"),
                Arguments.of("fg.core.tls.enabled", "sure", "must be true or false"),
                Arguments.of("fg.core.reconcile.interval", "often", "is not a duration"),
                Arguments.of("fg.core.reconcile.max-differences", "-1", "must be a whole number 1..1000000"),
                Arguments.of("fg.redis.uri", "http://127.0.0.1:6379", "must start with redis://, rediss://"),
                Arguments.of("fg.redis.uri", "redis://:6379", "has no host name"),
                Arguments.of("fg.redis.cluster", "maybe", "must be true or false"),
                Arguments.of("fg.redis.timeout", "2 seconds", "is not a duration"),
                Arguments.of("fg.redis.uri", "redis-sentinel://127.0.0.1:26379,127.0.0.1:26380", "names no master"),
                Arguments.of("fg.redis.uri", "redis-sentinel://127.0.0.1:26379,:26380#mymaster",
                        "sentinel 1 of the Sentinel URI has no host name"),
                Arguments.of("fg.redis.uri", "redis-sentinel://127.0.0.1:99999#mymaster", "not 1..65535"),
                Arguments.of("fg.redis.wait-replicas", "-1", "must be a whole number 0..64"),
                Arguments.of("fg.redis.wait-timeout", "soon", "is not a duration"),
                Arguments.of("fg.mysql.url", "mariadb://127.0.0.1/x", "must start with jdbc:mariadb://, jdbc:mysql://"),
                Arguments.of("fg.mysql.user", "", "must be a user name"),
                Arguments.of("fg.mysql.pool-size", "0", "must be a whole number 1..1000"),
                Arguments.of("fg.mysql.timeout", "0s", "must be 1ms..10m"),
                Arguments.of("fg.mysql.tenant-pool-size", "0", "must be a whole number 1..100"),
                Arguments.of("fg.mysql.add-tenants-at-start", "sometimes", "must be true or false"),
                Arguments.of("fg.bus.uri", "rabbit://127.0.0.1", "must start with amqp://, amqps://"),
                Arguments.of("fg.bus.exchange", "my exchange", "must be an exchange name"),
                Arguments.of("fg.bus.orders-exchange", "", "must be an exchange name"),
                Arguments.of("fg.bus.orders-queue", "q/1", "must be a queue name"),
                Arguments.of("fg.bus.parcels-exchange", "parcels in", "must be an exchange name"),
                Arguments.of("fg.bus.parcels-queue", "", "must be a queue name"),
                Arguments.of("fg.bus.parcels-enabled", "off", "must be true or false"),
                Arguments.of("fg.bus.publish-batch", "0", "must be a whole number 1..10000"),
                Arguments.of("fg.bus.poll-interval", "0s", "must be 1ms..10m"),
                Arguments.of("fg.bus.confirm-timeout", "1ms", "must be 100ms..10m"),
                Arguments.of("fg.bus.outbox-retention", "1s", "must be at least 1m"),
                Arguments.of("fg.bus.prefetch", "0", "must be a whole number 1..65535"),
                Arguments.of("fg.bus.retry-delay", "soon", "is not a duration"),
                Arguments.of("fg.core.orders.pending-timeout", "0s", "must be at least 1s"),
                Arguments.of("fg.core.orders.stuck-after", "500ms", "must be at least 1s"),
                Arguments.of("fg.core.orders.scan-interval", "-", "is not a duration"),
                Arguments.of(R + ".history-days", "0", "must be a whole number 1..1096"),
                Arguments.of(R + ".lead-time-days", "a week", "must be a whole number 0..365"),
                Arguments.of(R + ".review-period-days", "400", "must be a whole number 0..365"),
                Arguments.of(R + ".service-level", "1.2", "must be a number 0.5..0.9999"),
                Arguments.of(R + ".moq", "-5", "must be a whole number, at least 0"),
                Arguments.of(R + ".pack-size", "0", "must be a whole number, at least 1"),
                Arguments.of(R + ".publish-interval", "-1s", "is not a duration"),
                Arguments.of(R + ".publish-at", "25:00", "must be a UTC time of day HH:mm"),
                Arguments.of("fg.core.lanes.bulk-threshold", "0", "must be a whole number 1..1000"),
                Arguments.of("fg.core.lanes.realtime.threads", "0", "must be a whole number 1..1024"),
                Arguments.of("fg.core.lanes.realtime.queue", "-1", "must be a whole number 0..100000"),
                Arguments.of("fg.core.lanes.realtime.timeout", "0s", "must be 1ms..10m"),
                Arguments.of("fg.core.lanes.bulk.threads", "many", "must be a whole number 1..1024"),
                Arguments.of("fg.core.lanes.bulk.queue", "x", "must be a whole number 0..100000"),
                Arguments.of("fg.core.lanes.bulk.timeout", "later", "is not a duration"),
                Arguments.of("fg.core.lanes.sync.threads", "2000", "must be a whole number 1..1024"),
                Arguments.of("fg.core.lanes.sync.queue", "1e9", "must be a whole number 0..100000"),
                Arguments.of("fg.core.lanes.sync.timeout", "11m", "must be 1ms..10m"),
                Arguments.of("fg.core.hotspot.threads", "0", "must be a whole number 1..1024"),
                Arguments.of("fg.core.hotspot.queue", "-5", "must be a whole number 0..100000"),
                Arguments.of("fg.core.hotspot.timeout", "0ms", "must be 1ms..10m"),
                Arguments.of("fg.core.hotspot.window", "1ms", "must be 10ms..10m"),
                Arguments.of("fg.core.hotspot.slices", "0", "must be a whole number 1..1000"),
                Arguments.of("fg.core.hotspot.threshold", "0", "must be a whole number, at least 1"),
                Arguments.of("fg.core.switches.combining", "on", "must be true or false"),
                Arguments.of("fg.core.switches.hotspot-isolation", "1", "must be true or false"),
                Arguments.of("fg.core.switches.refresh", "1ms", "must be 10ms..10m"),
                Arguments.of("fg.photos.endpoint", "s3://bucket", "must start with http://, https://"),
                Arguments.of("fg.photos.region", "EU Central", "must be a region name"),
                Arguments.of("fg.photos.bucket", "My_Photos", "must be an S3 bucket name"),
                Arguments.of("fg.photos.access-key", "", "must be an access key id"),
                Arguments.of("fg.photos.path-style", "sometimes", "must be true or false"),
                Arguments.of("fg.photos.max-photo-bytes", "1g", "must be a whole number 1024..536870912"),
                Arguments.of("fg.photos.max-chunk-bytes", "16777216", "must be a whole number 1024..7340032"),
                Arguments.of("fg.photos.thumbnail-size", "8", "must be a whole number 16..4096"),
                Arguments.of("fg.photos.url-lifetime", "30d", "must be 1s..7d"),
                Arguments.of("fg.photos.require-tenant-credentials", "maybe", "must be true or false"),
                Arguments.of(TENANT_PHOTOS + "access-key", "", "must be an access key id"),
                Arguments.of(TENANT_PHOTOS + "bucket", "Acme_Photos", "must be an S3 bucket name"),
                Arguments.of(TENANT_PHOTOS + "endpoint", "ftp://127.0.0.1", "must start with http://, https://"),
                Arguments.of(TENANT_PHOTOS + "secret-key-file", "/no/such/fg-secret-file",
                        "cannot be read: no such file, was '/no/such/fg-secret-file'"));
    }

    @Test
    void moreHotspotSlicesThanMillisecondsInTheWindowStopTheStart() {
        assertThatThrownBy(() -> CoreHarness.start(CLOSED_REDIS, CLOSED_MYSQL, Map.of("fg.core.hotspot.window",
                "50ms", "fg.core.hotspot.slices", "100")).close())
                .satisfies(e -> {
                    Throwable t = e;
                    while (t != null && !(t instanceof CoreConfigurationException)) {
                        t = t.getCause();
                    }
                    assertThat(t).isNotNull();
                    assertThat(t.getMessage()).doesNotContain("\n").startsWith("fg.core.hotspot.slices: must not "
                            + "exceed the window in ms (50), was '100'; fix: set FG_CORE_HOTSPOT_SLICES");
                });
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("badValues")
    void aBadValueStopsTheStartWithOneLineNamingTheKeyTheProblemAndTheFix(String key, String bad, String words) {
        assertThatThrownBy(() -> CoreHarness.start(CLOSED_REDIS, CLOSED_MYSQL, Map.of(key, bad)).close())
                .satisfies(e -> {
                    Throwable t = e;
                    while (t != null && !(t instanceof CoreConfigurationException)) {
                        t = t.getCause();
                    }
                    assertThat(t).as("a CoreConfigurationException in %s", e).isNotNull();
                    String line = t.getMessage();
                    assertThat(line).as("one line").doesNotContain("\n").startsWith(key).contains(words)
                            .contains("fix: set " + SettingsCheck.envName(key) + " (" + key + ")");
                    if (key.equals("fg.core.keys") || key.equals("fg.core.admin-token")) {
                        assertThat(line).as("a secret is never printed").doesNotContain("short", "letmein");
                    }
                });
    }

    @Test
    void photosWithAnEndpointButNoBucketOrKeysStopTheStartNamingTheMissingKeyAndNeverTheSecret() {
        assertThatThrownBy(() -> CoreHarness.start(CLOSED_REDIS, CLOSED_MYSQL, Map.of("fg.photos.endpoint",
                "http://127.0.0.1:9000")).close())
                .satisfies(e -> assertThat(rootLine(e)).startsWith("fg.photos.bucket: must be set when "
                        + "fg.photos.endpoint is set"));
        assertThatThrownBy(() -> CoreHarness.start(CLOSED_REDIS, CLOSED_MYSQL, Map.of("fg.photos.endpoint",
                "http://127.0.0.1:9000", "fg.photos.bucket", "fg-photos", "fg.photos.access-key", "AKIA0123")).close())
                .satisfies(e -> assertThat(rootLine(e)).startsWith("fg.photos.secret-key: must be set").contains(
                        "FG_PHOTOS_SECRET_KEY"));
        assertThatThrownBy(() -> CoreHarness.start(CLOSED_REDIS, CLOSED_MYSQL, Map.of("fg.photos.endpoint",
                "http://127.0.0.1:9000", "fg.photos.bucket", "fg-photos", "fg.photos.secret-key",
                "a-secret-never-printed")).close())
                .satisfies(e -> assertThat(rootLine(e)).startsWith("fg.photos.access-key: must be set")
                        .doesNotContain("a-secret-never-printed"));
    }

    @Test
    void aTenantsPhotoCredentialsThatAreIncompleteOrNameNoTenantStopTheStartWithoutPrintingASecret() throws Exception {
        String t = TENANT_PHOTOS;
        assertThat(refusal(Map.of(t + "access-key", "AKIA-ACME"))).startsWith(t + "secret-key: must be set when "
                + t + "access-key is set").contains("FG_PHOTOS_TENANTS_ACME_SECRET_KEY");
        assertThat(refusal(Map.of(t + "secret-key", "a-tenant-secret-never-printed"))).startsWith(t + "access-key: "
                + "must be set when " + t + "secret-key is set").doesNotContain("a-tenant-secret-never-printed");
        assertThat(refusal(Map.of(t + "bucket", "fg-acme"))).startsWith(t + "access-key: must be set when " + t
                + "bucket is set");
        Path file = Files.createTempFile("fg-tenant-secret", ".txt");
        try {
            Files.writeString(file, "a-file-secret-never-printed\n");
            assertThat(refusal(Map.of(t + "secret-key-file", file.toString()))).startsWith(t + "access-key: must be "
                    + "set when " + t + "secret-key-file is set").doesNotContain("a-file-secret-never-printed");
            assertThat(refusal(Map.of(t + "access-key", "AKIA-ACME", t + "secret-key", "a-tenant-secret-never-printed",
                    t + "secret-key-file", file.toString()))).startsWith(t + "secret-key-file: must not be set beside "
                    + t + "secret-key").doesNotContain("never-printed");
            Files.writeString(file, " \n");
            assertThat(refusal(Map.of(t + "access-key", "AKIA-ACME", t + "secret-key-file", file.toString())))
                    .startsWith(t + "secret-key-file: holds no secret (the file is empty), was '" + file + "'");
        } finally {
            Files.delete(file);
        }
        assertThat(refusal(Map.of(TenantPhotoSettings.PREFIX + ".acmee.access-key", "AKIA-ACME",
                TenantPhotoSettings.PREFIX + ".acmee.secret-key", "a-tenant-secret-never-printed")))
                .startsWith(TenantPhotoSettings.PREFIX + ".acmee: names no tenant of fg.core.keys (acme, beta, gamma)")
                .doesNotContain("never-printed");
    }

    private static String refusal(Map<String, Object> settings) {
        Throwable[] thrown = new Throwable[1];
        try {
            CoreHarness.start(CLOSED_REDIS, CLOSED_MYSQL, settings).close();
        } catch (Throwable e) {
            thrown[0] = e;
        }
        assertThat(thrown[0]).as("the start was refused").isNotNull();
        return rootLine(thrown[0]);
    }

    private static String rootLine(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof CoreConfigurationException)) {
            t = t.getCause();
        }
        assertThat(t).as("a CoreConfigurationException in %s", e).isNotNull();
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage();
    }

    @Test
    void everyKeyOfTheConfigurationClassesIsInTheTable() {
        Set<String> declared = new TreeSet<>();
        for (Class<?> c : new Class<?>[] {CoreConfiguration.class, RedisConfiguration.class, MysqlConfiguration.class,
                BusConfiguration.class, OrderSagaConfiguration.class, ReplenishmentConfiguration.class,
                TrafficConfiguration.Lanes.class, TrafficConfiguration.Realtime.class, TrafficConfiguration.Bulk.class,
                TrafficConfiguration.Sync.class, TrafficConfiguration.Hotspot.class,
                TrafficConfiguration.Switches.class, PhotosConfiguration.class}) {
            keys(c, c.getAnnotation(ConfigurationProperties.class).value(), declared);
        }
        Set<String> tested = badValues().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        // fg.mysql.password takes any text (empty = none): there is no bad value to refuse
        declared.remove("fg.mysql.password");
        // fg.photos.secret-key takes any text; it is refused only when missing beside an endpoint (test below)
        declared.remove("fg.photos.secret-key");
        // a tenant's own photo credentials are read by tenant code (TenantPhotoSettings), not bound by a class
        TenantPhotoSettings.KEYS.forEach(k -> declared.add(TENANT_PHOTOS + k));
        declared.remove(TENANT_PHOTOS + "secret-key"); // any text, refused only without its access key (test above)
        assertThat(tested).as("keys with a bad-value case").containsAll(declared);
    }

    @Test
    void goodValuesStart() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.port", "0",
                        "fg.core.idempotency-ttl", "P7D", "fg.core.writeback.poll-interval", "5ms",
                        R + ".service-level", "0.9", "fg.redis.timeout", "1500ms", "fg.core.writeback.enabled",
                        "TRUE"))) {
            assertThat(core.acme.unsigned("GET", "/health", null, Map.of()).status()).isEqualTo(200);
        }
    }

    /** The keys a configuration class binds: its setters, and those of nested configuration classes. */
    private static void keys(Class<?> c, String prefix, Set<String> out) {
        for (Method m : c.getMethods()) {
            if (!m.getName().startsWith("set") || m.getParameterCount() != 1) {
                continue;
            }
            String key = prefix + "." + kebab(m.getName().substring(3));
            ConfigurationProperties nested = m.getParameterTypes()[0].getAnnotation(ConfigurationProperties.class);
            if (nested != null) {
                keys(m.getParameterTypes()[0], prefix + "." + nested.value(), out);
            } else {
                out.add(key);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
