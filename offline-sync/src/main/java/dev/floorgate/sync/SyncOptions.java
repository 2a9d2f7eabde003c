package dev.floorgate.sync;

import dev.floorgate.protocol.BatchRequest;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the sync engine can be told, with defaults that make a local run work (API.md, gateway properties).
 * Immutable; build with {@link #builder()}. Every queue has a bound and every wait a timeout, all listed here.
 */
public final class SyncOptions {
    /** Default floor of free disk space below which new operations are refused: 256 MiB. */
    public static final long DEFAULT_DISK_FLOOR_BYTES = 256L * 1024 * 1024;

    private final Path dataDir;
    private final String gatewayId;
    private final String coreUrl;
    private final String keyId;
    private final String secret;
    private final int batchSize;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final int uploadConcurrency;
    private final Duration pollInterval;
    private final int pollPageSize;
    private final Set<String> warehouses;
    private final long diskFloorBytes;
    private final Duration retention;
    private final Duration pruneInterval;
    private final int groupCommitMaxBatch;
    private final Duration groupCommitMaxWait;
    private final int writeQueueCapacity;
    private final Duration writeQueueTimeout;
    private final Duration httpConnectTimeout;
    private final Duration httpReadTimeout;
    private final Duration httpCallTimeout;
    private final long maxResponseBytes;
    private final Duration coreProbeInterval;
    private final CoreTls coreTls;
    private final boolean prepareAhead;
    private final Clock clock;

    private SyncOptions(Builder b) {
        this.dataDir = b.dataDir;
        this.gatewayId = b.gatewayId;
        this.coreUrl = b.coreUrl;
        this.keyId = b.keyId;
        this.secret = b.secret;
        this.batchSize = b.batchSize;
        this.backoffMin = b.backoffMin;
        this.backoffMax = b.backoffMax;
        this.uploadConcurrency = b.uploadConcurrency;
        this.pollInterval = b.pollInterval;
        this.pollPageSize = b.pollPageSize;
        this.warehouses = Collections.unmodifiableSet(new LinkedHashSet<>(b.warehouses));
        this.diskFloorBytes = b.diskFloorBytes;
        this.retention = b.retention;
        this.pruneInterval = b.pruneInterval;
        this.groupCommitMaxBatch = b.groupCommitMaxBatch;
        this.groupCommitMaxWait = b.groupCommitMaxWait;
        this.writeQueueCapacity = b.writeQueueCapacity;
        this.writeQueueTimeout = b.writeQueueTimeout;
        this.httpConnectTimeout = b.httpConnectTimeout;
        this.httpReadTimeout = b.httpReadTimeout;
        this.httpCallTimeout = b.httpCallTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.coreProbeInterval = b.coreProbeInterval;
        this.coreTls = b.coreTls;
        this.prepareAhead = b.prepareAhead;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults; offline mode, data under {@code ./data}. */
    public static SyncOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.gatewayId = gatewayId;
        b.coreUrl = coreUrl;
        b.keyId = keyId;
        b.secret = secret;
        b.batchSize = batchSize;
        b.backoffMin = backoffMin;
        b.backoffMax = backoffMax;
        b.uploadConcurrency = uploadConcurrency;
        b.pollInterval = pollInterval;
        b.pollPageSize = pollPageSize;
        b.warehouses.addAll(warehouses);
        b.diskFloorBytes = diskFloorBytes;
        b.retention = retention;
        b.pruneInterval = pruneInterval;
        b.groupCommitMaxBatch = groupCommitMaxBatch;
        b.groupCommitMaxWait = groupCommitMaxWait;
        b.writeQueueCapacity = writeQueueCapacity;
        b.writeQueueTimeout = writeQueueTimeout;
        b.httpConnectTimeout = httpConnectTimeout;
        b.httpReadTimeout = httpReadTimeout;
        b.httpCallTimeout = httpCallTimeout;
        b.maxResponseBytes = maxResponseBytes;
        b.coreProbeInterval = coreProbeInterval;
        b.coreTls = coreTls;
        b.prepareAhead = prepareAhead;
        b.clock = clock;
        return b;
    }

    /** Where {@code outbox.db} and {@code cache.db} live ({@code fg.data-dir}). */
    public Path dataDir() {
        return dataDir;
    }

    /** This gateway's name in batches sent to the core. */
    public String gatewayId() {
        return gatewayId;
    }

    /**
     * The core's base URL, or several separated by commas (the first preferred, see {@link #coreUrls}); null for
     * offline mode (everything queues, nothing is polled).
     */
    public String coreUrl() {
        return coreUrl;
    }

    /** The core instances, the preferred first; empty in offline mode. */
    public java.util.List<String> coreUrls() {
        return CoreEndpoints.parse(coreUrl);
    }

    /** While a core other than the preferred one is in use, how often the preferred one's /health is asked. */
    public Duration coreProbeInterval() {
        return coreProbeInterval;
    }

    /** How the gateway verifies an https:// core (CA file, pin, client certificate); null: the JDK's trusted CAs. */
    public CoreTls coreTls() {
        return coreTls;
    }

    /**
     * Whether a tenant lane reads, serialises and signs its next batch while the current one is in flight (true), or
     * only after the answer (false, the behaviour before issue 14; kept for DrainBench's side-by-side run).
     */
    public boolean prepareAhead() {
        return prepareAhead;
    }

    public String keyId() {
        return keyId;
    }

    public String secret() {
        return secret;
    }

    /** Operations per batch to the core (1 to 1000). */
    public int batchSize() {
        return batchSize;
    }

    public Duration backoffMin() {
        return backoffMin;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    /** How many tenants may have a batch in flight at once (each tenant at most one). */
    public int uploadConcurrency() {
        return uploadConcurrency;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** {@code limit} of each {@code GET /v1/changes} page. */
    public int pollPageSize() {
        return pollPageSize;
    }

    /** Warehouses whose master data and orders are pulled into the cache; empty = no polling. */
    public Set<String> warehouses() {
        return warehouses;
    }

    public long diskFloorBytes() {
        return diskFloorBytes;
    }

    /** How long synced operations (APPLIED, DUPLICATE, REJECTED) are kept; unsynced ones never expire. */
    public Duration retention() {
        return retention;
    }

    public Duration pruneInterval() {
        return pruneInterval;
    }

    /** At most this many operations in one group-commit transaction. */
    public int groupCommitMaxBatch() {
        return groupCommitMaxBatch;
    }

    /**
     * How long the writer waits for more appends after the first one of a group; zero (the default) commits what
     * has queued while the previous commit ran, which adds no latency and groups well under load.
     */
    public Duration groupCommitMaxWait() {
        return groupCommitMaxWait;
    }

    /** Bound of the outbox writer's queue (appends and state changes waiting for the writer). */
    public int writeQueueCapacity() {
        return writeQueueCapacity;
    }

    /** How long an append waits for room in a full writer queue before it fails. */
    public Duration writeQueueTimeout() {
        return writeQueueTimeout;
    }

    public Duration httpConnectTimeout() {
        return httpConnectTimeout;
    }

    /** Read and write timeout of one HTTP exchange with the core. */
    public Duration httpReadTimeout() {
        return httpReadTimeout;
    }

    /** Whole-call timeout of one HTTP exchange with the core. */
    public Duration httpCallTimeout() {
        return httpCallTimeout;
    }

    /** The largest response body read from the core (a results document or a changes page). */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Time source for acceptedAt, syncedAt, retention and cache age (tests move it). */
    public Clock clock() {
        return clock;
    }

    /** Collects options; {@link #build()} checks them and names what is wrong. */
    public static final class Builder {
        private Path dataDir = Paths.get("data");
        private String gatewayId = "gateway";
        private String coreUrl;
        private String keyId;
        private String secret;
        private int batchSize = BatchRequest.MAX_OPERATIONS;
        private Duration coreProbeInterval = Duration.ofSeconds(10);
        private CoreTls coreTls;
        private boolean prepareAhead = true;
        private Duration backoffMin = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(60);
        private int uploadConcurrency = 4;
        private Duration pollInterval = Duration.ofSeconds(30);
        private int pollPageSize = 500;
        private final Set<String> warehouses = new LinkedHashSet<>();
        private long diskFloorBytes = DEFAULT_DISK_FLOOR_BYTES;
        private Duration retention = Duration.ofDays(7);
        private Duration pruneInterval = Duration.ofHours(1);
        private int groupCommitMaxBatch = 500;
        private Duration groupCommitMaxWait = Duration.ZERO;
        private int writeQueueCapacity = 10_000;
        private Duration writeQueueTimeout = Duration.ofSeconds(5);
        private Duration httpConnectTimeout = Duration.ofSeconds(5);
        private Duration httpReadTimeout = Duration.ofSeconds(30);
        private Duration httpCallTimeout = Duration.ofSeconds(60);
        private long maxResponseBytes = 32L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder dataDir(Path v) {
            dataDir = Objects.requireNonNull(v, "dataDir");
            return this;
        }

        public Builder gatewayId(String v) {
            gatewayId = Objects.requireNonNull(v, "gatewayId");
            return this;
        }

        /** Null or empty = offline mode. A trailing slash is dropped. */
        public Builder coreUrl(String v) {
            coreUrl = v == null || v.trim().isEmpty() ? null : v.trim().replaceAll("/+$", "");
            return this;
        }

        public Builder keyId(String v) {
            keyId = v;
            return this;
        }

        public Builder secret(String v) {
            secret = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder backoffMin(Duration v) {
            backoffMin = Objects.requireNonNull(v, "backoffMin");
            return this;
        }

        public Builder backoffMax(Duration v) {
            backoffMax = Objects.requireNonNull(v, "backoffMax");
            return this;
        }

        public Builder uploadConcurrency(int v) {
            uploadConcurrency = v;
            return this;
        }

        public Builder pollInterval(Duration v) {
            pollInterval = Objects.requireNonNull(v, "pollInterval");
            return this;
        }

        public Builder pollPageSize(int v) {
            pollPageSize = v;
            return this;
        }

        public Builder warehouses(Set<String> v) {
            warehouses.clear();
            warehouses.addAll(v);
            return this;
        }

        public Builder diskFloorBytes(long v) {
            diskFloorBytes = v;
            return this;
        }

        public Builder retention(Duration v) {
            retention = Objects.requireNonNull(v, "retention");
            return this;
        }

        public Builder pruneInterval(Duration v) {
            pruneInterval = Objects.requireNonNull(v, "pruneInterval");
            return this;
        }

        public Builder groupCommitMaxBatch(int v) {
            groupCommitMaxBatch = v;
            return this;
        }

        public Builder groupCommitMaxWait(Duration v) {
            groupCommitMaxWait = Objects.requireNonNull(v, "groupCommitMaxWait");
            return this;
        }

        public Builder writeQueueCapacity(int v) {
            writeQueueCapacity = v;
            return this;
        }

        public Builder writeQueueTimeout(Duration v) {
            writeQueueTimeout = Objects.requireNonNull(v, "writeQueueTimeout");
            return this;
        }

        /** Connect, read/write and whole-call timeouts of HTTP exchanges with the core. */
        public Builder httpTimeouts(Duration connect, Duration readWrite, Duration call) {
            httpConnectTimeout = Objects.requireNonNull(connect, "connect");
            httpReadTimeout = Objects.requireNonNull(readWrite, "readWrite");
            httpCallTimeout = Objects.requireNonNull(call, "call");
            return this;
        }

        public Builder maxResponseBytes(long v) {
            maxResponseBytes = v;
            return this;
        }

        public Builder coreProbeInterval(Duration v) {
            coreProbeInterval = Objects.requireNonNull(v, "coreProbeInterval");
            return this;
        }

        /** Null: verify an https:// core against the JDK's trusted CAs. */
        public Builder coreTls(CoreTls v) {
            coreTls = v;
            return this;
        }

        public Builder prepareAhead(boolean v) {
            prepareAhead = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        public SyncOptions build() {
            check(batchSize >= 1 && batchSize <= BatchRequest.MAX_OPERATIONS,
                    "batchSize must be 1 to " + BatchRequest.MAX_OPERATIONS + ", was " + batchSize);
            check(!backoffMin.isNegative() && !backoffMin.isZero(), "backoffMin must be positive, was " + backoffMin);
            check(backoffMax.compareTo(backoffMin) >= 0,
                    "backoffMax " + backoffMax + " must be at least backoffMin " + backoffMin);
            check(uploadConcurrency >= 1 && uploadConcurrency <= 64,
                    "uploadConcurrency must be 1 to 64, was " + uploadConcurrency);
            check(!pollInterval.isNegative() && !pollInterval.isZero(),
                    "pollInterval must be positive, was " + pollInterval);
            check(pollPageSize >= 1 && pollPageSize <= 10_000, "pollPageSize must be 1 to 10000, was " + pollPageSize);
            check(diskFloorBytes >= 0, "diskFloorBytes must be >= 0, was " + diskFloorBytes);
            check(!retention.isNegative(), "retention must be >= 0, was " + retention);
            check(!pruneInterval.isNegative() && !pruneInterval.isZero(),
                    "pruneInterval must be positive, was " + pruneInterval);
            check(groupCommitMaxBatch >= 1 && groupCommitMaxBatch <= 10_000,
                    "groupCommitMaxBatch must be 1 to 10000, was " + groupCommitMaxBatch);
            check(!groupCommitMaxWait.isNegative() && groupCommitMaxWait.compareTo(Duration.ofSeconds(1)) <= 0,
                    "groupCommitMaxWait must be 0 to 1 s, was " + groupCommitMaxWait);
            check(writeQueueCapacity >= 1, "writeQueueCapacity must be >= 1, was " + writeQueueCapacity);
            check(!writeQueueTimeout.isNegative(), "writeQueueTimeout must be >= 0, was " + writeQueueTimeout);
            check(maxResponseBytes >= 1024, "maxResponseBytes must be >= 1024, was " + maxResponseBytes);
            check(!gatewayId.isEmpty(), "gatewayId must not be empty");
            check(!coreProbeInterval.isNegative() && !coreProbeInterval.isZero(),
                    "coreProbeInterval must be positive, was " + coreProbeInterval);
            if (coreUrl != null) {
                java.util.List<String> urls = CoreEndpoints.parse(coreUrl);
                check(!urls.isEmpty(), "coreUrl '" + coreUrl + "' names no URL");
                for (String u : urls) {
                    check(u.startsWith("http://") || u.startsWith("https://"),
                            "coreUrl must start with http:// or https://, was '" + u + "'");
                    check(urls.indexOf(u) == urls.lastIndexOf(u), "coreUrl lists " + u + " twice");
                }
                check(keyId != null && !keyId.isEmpty() && secret != null && !secret.isEmpty(),
                        "coreUrl " + coreUrl + " is set but keyId/secret are not: requests to the core are signed");
            }
            for (String w : warehouses) {
                check(w != null && !w.isEmpty(), "warehouses must not contain an empty name");
            }
            return new SyncOptions(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("sync options: " + message);
            }
        }
    }
}
