package dev.floorgate.core.internal;

import dev.floorgate.core.CoreConfiguration;
import dev.floorgate.core.CoreConfigurationException;
import dev.floorgate.core.ReplenishmentConfiguration;
import dev.floorgate.protocol.ApiKeys;
import dev.floorgate.protocol.SettingsCheck;
import dev.floorgate.replenishment.ReplenishmentSettings;
import io.micronaut.core.value.PropertyResolver;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every {@code fg.*} setting of the core, checked as text before anything is bound, connected or migrated (issue 18
 * item 5). The Redis connector and the database take {@link Checked} as a parameter, so no store is opened, no
 * worker started and no port bound with a bad value; the first bad value is one {@link CoreConfigurationException}
 * line naming the key, what is wrong and the fix, which {@code CoreApplication} prints before exiting 2. The keys
 * are those of {@code CoreConfiguration}, {@code RedisConfiguration}, {@code MysqlConfiguration},
 * {@code BusConfiguration}, {@code OrderSagaConfiguration} and {@code ReplenishmentConfiguration}.
 */
public final class CoreSettingsCheck {
    private static final Duration ZERO = Duration.ZERO;
    private static final Duration MS = Duration.ofMillis(1);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    /** The bean that says the check ran. */
    public static final class Checked {
        private Checked() {
        }
    }

    private CoreSettingsCheck() {
    }

    /** @throws CoreConfigurationException naming the first bad key */
    public static Checked run(PropertyResolver config) {
        try {
            check(new SettingsCheck(key -> config.getProperty(key, String.class).orElse(null)),
                    config.getPropertyEntries(TenantPhotoSettings.PREFIX));
        } catch (CoreConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CoreConfigurationException(e.getMessage());
        }
        return new Checked();
    }

    static void check(SettingsCheck s) {
        check(s, List.of());
    }

    /** @param photoTenantEntries the names under fg.photos.tenants (TenantPhotoSettings) */
    static void check(SettingsCheck s, Collection<String> photoTenantEntries) {
        s.port("fg.core.port", true, "the TCP port of the sync API, such as 8081");
        String keys = s.value("fg.core.keys");
        if (keys != null && !keys.isEmpty()) {
            try {
                ApiKeys.parse(keys);
            } catch (IllegalArgumentException e) {
                // the message names the entry and the lengths, never the secret (StartupSecretsTest)
                throw new CoreConfigurationException(e.getMessage() + "; " + CoreConfiguration.KEYS_FIX, e);
            }
        }
        String admin = s.value("fg.core.admin-token");
        if (admin != null && !admin.isEmpty() && admin.length() < CoreConfiguration.MIN_ADMIN_TOKEN_LENGTH) {
            throw new CoreConfigurationException("fg.core.admin-token must be at least "
                    + CoreConfiguration.MIN_ADMIN_TOKEN_LENGTH + " characters, was " + admin.length() + "; "
                    + CoreConfiguration.ADMIN_TOKEN_FIX);
        }
        s.duration("fg.core.idempotency-ttl", Duration.ofSeconds(1), null, "how long first results stay in Redis, "
                        + "a value such as 7d")
                .duration("fg.core.clock-skew-margin", ZERO, Duration.ofDays(30), "the device clock error to allow "
                        + "for, such as 24h")
                .integer("fg.core.buckets", 1, 16384, "the bucket count pinned at the first start (16 unless changed "
                        + "then)")
                .duration("fg.core.retry-after", Duration.ofSeconds(1), Duration.ofHours(1), "the Retry-After of a "
                        + "shedding core, such as 5s")
                .duration("fg.core.signature-window", Duration.ofSeconds(1), Duration.ofHours(1), "the accepted "
                        + "clock difference of signed requests, such as 300s")
                .duration("fg.core.health-interval", MS, Duration.ofMinutes(10), "how often the stores are probed, "
                        + "a value such as 500ms");
        s.integer("fg.core.writeback.max-lag", 1, Long.MAX_VALUE, "the write-back backlog that sheds load, such as "
                        + "200000")
                .integer("fg.core.writeback.batch-size", 1, 10_000, "events per bucket per round, such as 500")
                .duration("fg.core.writeback.poll-interval", MS, Duration.ofMinutes(1), "a value such as 5ms")
                .duration("fg.core.writeback.trim-interval", MS, Duration.ofHours(1), "a value such as 1s")
                .duration("fg.core.writeback.claim-idle", Duration.ofSeconds(1), null, "a value such as 60s")
                .matches("fg.core.writeback.consumer", NAME, "a name of letters, digits, '.', '_', ':' or '-'",
                        "this instance's name in the consumer group, such as core-1")
                .bool("fg.core.writeback.enabled")
                .duration("fg.core.writeback.consumer-expiry", Duration.ofSeconds(1), null, "a value such as 1h")
                .matches("fg.core.instance-id", NAME, "a name of letters, digits, '.', '_', ':' or '-'",
                        "this instance's name among several, such as core-a (or unset for host-pid-random)")
                .duration("fg.core.job-lease-ttl", Duration.ofMillis(300), Duration.ofHours(1), "a value such as 30s")
                .bool("fg.core.tls.enabled")
                .duration("fg.core.reconcile.interval", ZERO, null, "a value such as 5m (0s = only on demand)")
                .integer("fg.core.reconcile.max-differences", 1, 1_000_000, "a value such as 1000");
        String redisUri = s.value("fg.redis.uri");
        if (RedisSentinelUri.isSentinel(redisUri)) {
            String problem = RedisSentinelUri.problem(redisUri);
            if (problem != null) { // the URI may carry a password: never printed
                throw SettingsCheck.refused("fg.redis.uri", problem, null, RedisSentinelUri.FIX);
            }
        } else {
            s.uri("fg.redis.uri", List.of("redis", "rediss"), true, true,
                    "redis://host:6379, a comma list of cluster nodes or " + RedisSentinelUri.FIX);
        }
        s.bool("fg.redis.cluster")
                .duration("fg.redis.timeout", MS, Duration.ofMinutes(5), "a value such as 2s")
                .integer("fg.redis.wait-replicas", 0, 64, "the number of replicas that must hold a write before it "
                        + "is answered, such as 1 with Sentinel (0 = off)")
                .duration("fg.redis.wait-timeout", MS, Duration.ofMinutes(1), "a value such as 1s");
        s.jdbcUrl("fg.mysql.url", List.of("mariadb", "mysql"),
                        "jdbc:mariadb://host:3306/floorgate?createDatabaseIfNotExist=true")
                .matches("fg.mysql.user", Pattern.compile("\\S{1,80}"), "a user name", "the MariaDB user, such as root")
                .integer("fg.mysql.pool-size", 1, 1000, "connections in the pool, such as 8")
                .duration("fg.mysql.timeout", MS, Duration.ofMinutes(10), "a value such as 5s")
                .integer("fg.mysql.tenant-pool-size", 1, 100, "connections of each tenant's own pool, such as 8")
                .bool("fg.mysql.add-tenants-at-start");
        s.uri("fg.bus.uri", List.of("amqp", "amqps"), false, true, "amqp://user:password@host:5672/vhost, or unset "
                        + "for no bus")
                .matches("fg.bus.exchange", NAME, "an exchange name", "a value such as floorgate.events")
                .matches("fg.bus.orders-exchange", NAME, "an exchange name", "a value such as floorgate.orders")
                .matches("fg.bus.orders-queue", NAME, "a queue name", "a value such as floorgate.core.orders")
                .matches("fg.bus.parcels-exchange", NAME, "an exchange name", "a value such as floorgate.parcels")
                .matches("fg.bus.parcels-queue", NAME, "a queue name", "a value such as floorgate.core.parcels")
                .bool("fg.bus.parcels-enabled")
                .integer("fg.bus.publish-batch", 1, 10_000, "a value such as 500")
                .duration("fg.bus.poll-interval", MS, Duration.ofMinutes(10), "a value such as 50ms")
                .duration("fg.bus.confirm-timeout", Duration.ofMillis(100), Duration.ofMinutes(10), "a value such as 15s")
                .duration("fg.bus.outbox-retention", Duration.ofMinutes(1), null, "a value such as 1d")
                .integer("fg.bus.prefetch", 1, 65_535, "a value such as 16")
                .duration("fg.bus.retry-delay", ZERO, Duration.ofHours(1), "a value such as 1s");
        s.duration("fg.core.orders.pending-timeout", Duration.ofSeconds(1), null, "a value such as 30s")
                .duration("fg.core.orders.stuck-after", Duration.ofSeconds(1), null, "a value such as 24h")
                .duration("fg.core.orders.scan-interval", ZERO, null, "a value such as 10s (0s = on demand)");
        String r = ReplenishmentConfiguration.PREFIX;
        s.integer(r + ".history-days", 1, ReplenishmentConfiguration.MAX_HISTORY_DAYS, "a value such as 182")
                .integer(r + ".lead-time-days", 0, ReplenishmentSettings.MAX_DAYS, "a value such as 7")
                .integer(r + ".review-period-days", 0, ReplenishmentSettings.MAX_DAYS, "a value such as 7 (0 = continuous)")
                .decimal(r + ".service-level", ReplenishmentSettings.MIN_SERVICE_LEVEL,
                        ReplenishmentSettings.MAX_SERVICE_LEVEL, "a value such as 0.95")
                .integer(r + ".moq", 0, Long.MAX_VALUE, "a value such as 0 (none)")
                .integer(r + ".pack-size", 1, Long.MAX_VALUE, "a value such as 1")
                .duration(r + ".publish-interval", ZERO, null, "a value such as 1d (0s = only on demand)")
                .check(r + ".publish-at", CoreSettingsCheck::timeOfDayProblem, "a UTC time of day HH:mm, such as "
                        + "02:00");
        checkTraffic(s);
        checkPhotos(s, photoTenantEntries);
    }

    /**
     * Issue 17: parcel photos (PhotosConfiguration). The feature exists only with fg.photos.endpoint; then the
     * bucket and both shared keys are required (the keys not when every tenant must have its own), since a core
     * that starts and fails every upload is worse than one that does not start. The tenants' own identities are
     * checked by TenantPhotoSettings.
     */
    private static void checkPhotos(SettingsCheck s, Collection<String> tenantEntries) {
        String p = "fg.photos";
        s.uri(p + ".endpoint", List.of("http", "https"), false, false, "the S3 API URL, such as "
                        + "https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000, or unset for no photos")
                .matches(p + ".region", Pattern.compile("[a-z0-9-]{1,64}"), "a region name", "a value such as "
                        + "us-east-1")
                .matches(p + ".bucket", Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"), "an S3 bucket name "
                        + "(3-63 of a-z, 0-9, '.', '-')", "the bucket that holds the photos, such as fg-photos")
                .matches(p + ".access-key", Pattern.compile("\\S{1,128}"), "an access key id", "the S3 access key id")
                .bool(p + ".path-style")
                .bool(p + ".require-tenant-credentials")
                .integer(p + ".max-photo-bytes", 1024, 512L * 1024 * 1024, "a value such as 20971520 (20 MiB)")
                .integer(p + ".max-chunk-bytes", 1024, 7L * 1024 * 1024, "a value such as 4194304 (4 MiB; a "
                        + "request is at most 8 MiB)")
                .integer(p + ".thumbnail-size", 16, 4096, "the thumbnail's longer side in pixels, such as 320")
                .duration(p + ".url-lifetime", Duration.ofSeconds(1), Duration.ofDays(7), "how long a signed "
                        + "photo URL works, such as 15m (S3 allows 7d at most)");
        String keys = s.value("fg.core.keys");
        TenantPhotoSettings.read(s, keys == null || keys.isEmpty() ? List.of() : KeyRing.parse(keys).tenants(),
                tenantEntries);
        String endpoint = s.value(p + ".endpoint");
        if (endpoint == null || endpoint.isEmpty()) {
            return;
        }
        boolean ownOnly = "true".equalsIgnoreCase(s.value(p + ".require-tenant-credentials"));
        for (String required : ownOnly ? new String[] {"bucket"} : new String[] {"bucket", "access-key",
                "secret-key"}) {
            String v = s.value(p + "." + required);
            if (v == null || v.isEmpty()) {
                throw SettingsCheck.refused(p + "." + required, "must be set when fg.photos.endpoint is set", null,
                        required.equals("bucket") ? "the bucket that holds the photos, such as fg-photos"
                                : "the shared S3 " + (required.equals("access-key") ? "access key id" : "secret key")
                                + " (or set fg.photos.require-tenant-credentials=true and give every tenant its "
                                + "own), or unset fg.photos.endpoint for no photos");
            }
        }
    }

    /** Issue 14: lanes, the hot lane and its detector, the per-tenant switches (TrafficConfiguration). */
    private static void checkTraffic(SettingsCheck s) {
        for (String lane : new String[] {"fg.core.lanes.realtime", "fg.core.lanes.bulk", "fg.core.lanes.sync",
                "fg.core.hotspot"}) {
            s.integer(lane + ".threads", 1, 1024, "the number of requests it runs at once, such as 4")
                    .integer(lane + ".queue", 0, 100_000, "the number of requests that may wait, such as 64 (0 = none)")
                    .duration(lane + ".timeout", MS, Duration.ofMinutes(10), "the longest a request may wait for its "
                            + "turn, such as 5s");
        }
        s.integer("fg.core.lanes.bulk-threshold", 1, 1000, "the batch size above which a batch is bulk, such as 100")
                .duration("fg.core.hotspot.window", Duration.ofMillis(10), Duration.ofMinutes(10), "a value such as 1s")
                .integer("fg.core.hotspot.slices", 1, 1000, "the window's slices, such as 10")
                .integer("fg.core.hotspot.threshold", 1, Long.MAX_VALUE, "the operations per window that make a "
                        + "record hot, such as 2000")
                .bool("fg.core.switches.combining")
                .bool("fg.core.switches.hotspot-isolation")
                .duration("fg.core.switches.refresh", Duration.ofMillis(10), Duration.ofMinutes(10),
                        "a value such as 2s");
        // each slice must be at least 1 ms (HotspotDetector counts in whole-millisecond slices)
        String window = s.value("fg.core.hotspot.window");
        String slices = s.value("fg.core.hotspot.slices");
        long windowMs = window == null || window.isBlank() ? 1000 : SettingsCheck.parseDuration(window).toMillis();
        long sliceCount = slices == null || slices.isBlank() ? 10 : Long.parseLong(slices.trim());
        if (sliceCount > windowMs) {
            throw SettingsCheck.refused("fg.core.hotspot.slices", "must not exceed the window in ms (" + windowMs
                    + ")", Long.toString(sliceCount), "fewer slices, such as 10");
        }
    }

    private static String timeOfDayProblem(String v) {
        try {
            LocalTime.parse(v);
            return null;
        } catch (DateTimeParseException e) {
            return "must be a UTC time of day HH:mm";
        }
    }
}
