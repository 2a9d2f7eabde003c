package dev.floorgate.core;

import dev.floorgate.protocol.ApiKeys;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The core's own settings, {@code fg.core.*} (API.md, "Core" table). Every property can also be set as an
 * environment variable: {@code fg.core.idempotency-ttl} = {@code FG_CORE_IDEMPOTENCY_TTL}. Durations take
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code P7D}).
 */
@ConfigurationProperties(CoreConfiguration.PREFIX)
public class CoreConfiguration {
    public static final String PREFIX = "fg.core";
    /** The shortest {@code fg.core.admin-token} the core starts with (a key secret's minimum is {@code ApiKeys}'). */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;
    /** The fix a refused {@code fg.core.keys} names (the gateway signs with the same secret). */
    public static final String KEYS_FIX = "fix: set FG_CORE_KEYS (fg.core.keys) to keyId:secret:tenantA|tenantB with a random"
            + " secret of at least 16 characters (openssl rand -hex 16 gives 32) and give the gateway the same key";
    /** The fix a refused {@code fg.core.admin-token} names. */
    public static final String ADMIN_TOKEN_FIX = "fix: set FG_CORE_ADMIN_TOKEN (fg.core.admin-token) to a random token of"
            + " at least 16 characters (openssl rand -hex 16 gives 32), or leave it unset to close the admin API";

    /** {@code fg.core.port}: the sync API port (8081). application.yml maps it to micronaut.server.port. */
    private int port = 8081;
    /**
     * {@code fg.core.keys}: gateway signing keys and the tenants each may write,
     * {@code keyId:secret:tenantA|tenantB,keyId2:secret2:tenantC}. Unset = no key, every /v1 call is refused.
     * Checked when set, so a secret under 16 characters refuses the start instead of failing the first request.
     */
    private String keys;
    /**
     * {@code fg.core.idempotency-ttl}: how long Redis keeps an operation's first result (7d). Older repeats are
     * answered from the MySQL ledger, which keeps every result forever.
     */
    private Duration idempotencyTtl = Duration.ofDays(7);
    /**
     * {@code fg.core.clock-skew-margin}: how far a device clock may be off (24h). An opId whose embedded time is
     * within this margin of the Redis record's expiry or reload makes the core consult the MySQL ledger first.
     */
    private Duration clockSkewMargin = Duration.ofHours(24);
    /**
     * {@code fg.core.buckets}: number of hash-tag buckets per tenant (16). Every key of a stock record and the
     * write-back stream of its tenant's bucket share the tag {@code {fg:<tenant>:<bucket>}}. Fixed for the life of a
     * deployment: the core records it in MySQL and refuses to start with a different value.
     */
    private int buckets = 16;
    /**
     * {@code fg.core.admin-token}: bearer token for {@code /v1/admin/**}; unset = the admin API is closed. At least
     * {@value #MIN_ADMIN_TOKEN_LENGTH} characters, checked when set.
     */
    private String adminToken;
    /** {@code fg.core.retry-after}: the Retry-After a shedding core answers with (5s). */
    private Duration retryAfter = Duration.ofSeconds(5);
    /** {@code fg.core.signature-window}: accepted clock difference of signed requests, and nonce lifetime (300s). */
    private Duration signatureWindow = Duration.ofSeconds(300);
    /** {@code fg.core.health-interval}: how often Redis, MySQL and the write-back lag are probed (500ms). */
    private Duration healthInterval = Duration.ofMillis(500);
    private WriteBack writeback = new WriteBack();
    private Reconcile reconcile = new Reconcile();
    /**
     * {@code fg.core.instance-id}: this instance's name among several (unset = host, process id and a random
     * suffix, new at every start). Names the write-back consumer and the owner of job leases; two live instances
     * must never share it.
     */
    private String instanceId;
    /**
     * {@code fg.core.job-lease-ttl}: how long a scheduled job's lease lasts without renewal (30s); it is renewed
     * every third of that, and another instance takes a job over this long after its holder died.
     */
    private Duration jobLeaseTtl = Duration.ofSeconds(30);

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getKeys() {
        return keys;
    }

    public void setKeys(String keys) {
        try {
            ApiKeys.parse(keys);
        } catch (IllegalArgumentException e) {
            // the one line of a refused start says what to do, not only what is wrong
            throw new CoreConfigurationException(e.getMessage() + "; " + KEYS_FIX, e);
        }
        this.keys = keys;
    }

    public Duration getIdempotencyTtl() {
        return idempotencyTtl;
    }

    public void setIdempotencyTtl(Duration idempotencyTtl) {
        this.idempotencyTtl = idempotencyTtl;
    }

    public Duration getClockSkewMargin() {
        return clockSkewMargin;
    }

    public void setClockSkewMargin(Duration clockSkewMargin) {
        this.clockSkewMargin = clockSkewMargin;
    }

    public int getBuckets() {
        return buckets;
    }

    public void setBuckets(int buckets) {
        if (buckets < 1 || buckets > 16384) {
            throw new CoreConfigurationException("fg.core.buckets must be 1..16384, was " + buckets);
        }
        this.buckets = buckets;
    }

    public String getAdminToken() {
        return adminToken;
    }

    public void setAdminToken(String adminToken) {
        if (adminToken != null && !adminToken.isEmpty() && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new CoreConfigurationException("fg.core.admin-token must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters, was " + adminToken.length() + "; " + ADMIN_TOKEN_FIX);
        }
        this.adminToken = adminToken;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public Duration getSignatureWindow() {
        return signatureWindow;
    }

    public void setSignatureWindow(Duration signatureWindow) {
        this.signatureWindow = signatureWindow;
    }

    public Duration getHealthInterval() {
        return healthInterval;
    }

    public void setHealthInterval(Duration healthInterval) {
        this.healthInterval = healthInterval;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Duration getJobLeaseTtl() {
        return jobLeaseTtl;
    }

    public void setJobLeaseTtl(Duration jobLeaseTtl) {
        this.jobLeaseTtl = jobLeaseTtl;
    }

    public WriteBack getWriteback() {
        return writeback;
    }

    public void setWriteback(WriteBack writeback) {
        this.writeback = writeback;
    }

    public Reconcile getReconcile() {
        return reconcile;
    }

    public void setReconcile(Reconcile reconcile) {
        this.reconcile = reconcile;
    }

    /** {@code fg.core.writeback.*}: the worker that copies the Redis write-back streams into MySQL. */
    @ConfigurationProperties("writeback")
    public static class WriteBack {
        /**
         * {@code fg.core.writeback.max-lag}: write-back events not yet committed to MySQL beyond which the core
         * sheds load (503 + Retry-After) rather than accept what it cannot make durable soon (200000).
         */
        private long maxLag = 200_000;
        /** {@code fg.core.writeback.batch-size}: events read per bucket per round (500). */
        private int batchSize = 500;
        /** {@code fg.core.writeback.poll-interval}: pause when every stream is empty (5ms). */
        private Duration pollInterval = Duration.ofMillis(5);
        /**
         * {@code fg.core.writeback.consumer}: this instance's consumer name in the group (unset = the instance id,
         * unique per process; was core-1 before issue 14). Set it only to a name no other live instance uses.
         */
        private String consumer;
        /**
         * {@code fg.core.writeback.consumer-expiry}: a consumer of the group idle this long with nothing pending
         * (an instance that stopped) is removed from the group (1h), so restarts do not pile up names.
         */
        private Duration consumerExpiry = Duration.ofHours(1);
        /** {@code fg.core.writeback.trim-interval}: how often committed events are trimmed from the streams (1s). */
        private Duration trimInterval = Duration.ofSeconds(1);
        /** {@code fg.core.writeback.claim-idle}: events pending this long at another consumer are taken over (60s). */
        private Duration claimIdle = Duration.ofSeconds(60);
        /** {@code fg.core.writeback.enabled}: run the worker in this process (true). */
        private boolean enabled = true;

        public long getMaxLag() {
            return maxLag;
        }

        public void setMaxLag(long maxLag) {
            this.maxLag = maxLag;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("fg.core.writeback.batch-size must be 1..10000, was " + batchSize);
            }
            this.batchSize = batchSize;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public String getConsumer() {
            return consumer;
        }

        public void setConsumer(String consumer) {
            this.consumer = consumer;
        }

        public Duration getConsumerExpiry() {
            return consumerExpiry;
        }

        public void setConsumerExpiry(Duration consumerExpiry) {
            this.consumerExpiry = consumerExpiry;
        }

        public Duration getTrimInterval() {
            return trimInterval;
        }

        public void setTrimInterval(Duration trimInterval) {
            this.trimInterval = trimInterval;
        }

        public Duration getClaimIdle() {
            return claimIdle;
        }

        public void setClaimIdle(Duration claimIdle) {
            this.claimIdle = claimIdle;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** {@code fg.core.reconcile.*}: the Redis-versus-MySQL comparison job. */
    @ConfigurationProperties("reconcile")
    public static class Reconcile {
        /** {@code fg.core.reconcile.interval}: time between scheduled runs (5m); 0 = only on demand. */
        private Duration interval = Duration.ofMinutes(5);
        /** {@code fg.core.reconcile.max-differences}: differences kept in one report (1000); the count is exact. */
        private int maxDifferences = 1000;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getMaxDifferences() {
            return maxDifferences;
        }

        public void setMaxDifferences(int maxDifferences) {
            this.maxDifferences = maxDifferences;
        }
    }
}
