package dev.floorgate.sync;

import dev.floorgate.protocol.RequestSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object the gateway holds: opens the outbox and the cache in the data directory and runs, in order,
 * <ol>
 *   <li>the disk guard (checked before every append),</li>
 *   <li>the {@link Outbox} ({@code outbox.db}),</li>
 *   <li>the {@link MasterDataCache} ({@code cache.db}) and its {@link LocalValidator},</li>
 *   <li>the {@link Uploader} and the {@link ChangesPoller}, only when a core URL is configured
 *       (otherwise offline mode: everything queues),</li>
 *   <li>housekeeping: pruning synced operations older than {@code retention} every {@code pruneInterval}, and a
 *       {@code GET /health} of the core when nothing else has talked to it for a {@code pollInterval}.</li>
 * </ol>
 * {@link #close()} stops them in reverse order; operations in flight stay in the outbox and are sent again later.
 */
public final class SyncEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    private final SyncOptions options;
    private final DiskGuard guard;
    private final Outbox outbox;
    private final MasterDataCache cache;
    private final LocalValidator validator;
    private final OkHttpClient http;
    private final CoreClient client;
    private final Uploader uploader;
    private final ChangesPoller poller;
    private final ScheduledThreadPoolExecutor housekeeping;
    private final ClockOffset clockOffset;

    private SyncEngine(SyncOptions options, SyncListener listener) throws IOException {
        this.options = options;
        this.clockOffset = new ClockOffset(options.clock());
        // TLS files and pins are checked first, before anything is opened that would need closing.
        OkHttpClient coreHttp = options.coreUrl() != null ? CoreClient.httpClient(options) : null;
        Files.createDirectories(options.dataDir());
        this.guard = new DiskGuard(options.dataDir(), options.diskFloorBytes());
        this.outbox = Outbox.open(options.dataDir().resolve("outbox.db"), guard, options);
        MasterDataCache c = null;
        try {
            c = MasterDataCache.open(options.dataDir().resolve("cache.db"), options.clock());
        } catch (IOException | RuntimeException e) {
            outbox.close();
            throw e;
        }
        this.cache = c;
        this.validator = new LocalValidator(cache);
        if (options.coreUrl() != null) {
            this.http = coreHttp;
            // Signed in core time: the offset is measured from every answer (ClockOffset, DESIGN.md "Wrong clocks").
            this.client = new CoreClient(new CoreEndpoints(options.coreUrls(), options.coreProbeInterval().toNanos()),
                    new RequestSigner(options.keyId(), options.secret(),
                    clockOffset::correctedMillis), http, options.maxResponseBytes(), options.clock(), clockOffset);
            this.uploader = new Uploader(outbox, client, options, listener);
            this.poller = options.warehouses().isEmpty() ? null : new ChangesPoller(client, cache, options);
        } else {
            this.http = null;
            this.client = null;
            this.uploader = null;
            this.poller = null;
        }
        this.housekeeping = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "floorgate-sync-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Opens the stores and starts syncing (or queues only, in offline mode). */
    public static SyncEngine start(SyncOptions options, SyncListener listener) throws IOException {
        SyncEngine engine = new SyncEngine(Objects.requireNonNull(options, "options"), listener);
        engine.startThreads();
        return engine;
    }

    private void startThreads() {
        if (uploader != null) {
            uploader.start();
        }
        if (poller != null) {
            poller.start();
        }
        long prune = options.pruneInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::pruneQuietly, Math.min(prune, 60_000), prune,
                TimeUnit.MILLISECONDS);
        if (client != null) {
            long poll = options.pollInterval().toMillis();
            // The first ping right away: it measures the offset to the core's clock, so the receive times the gateway
            // stamps are in core time from the first seconds on (before it, they are this machine's own time).
            housekeeping.scheduleWithFixedDelay(this::pingIfQuiet, 0, poll, TimeUnit.MILLISECONDS);
        }
        log.info("sync engine started: data {}, {}", options.dataDir().toAbsolutePath(), client == null
                ? "offline mode (no core URL): operations queue" : "core " + client.baseUrl() + ", warehouses "
                        + options.warehouses());
    }

    public Outbox outbox() {
        return outbox;
    }

    public MasterDataCache cache() {
        return cache;
    }

    public LocalValidator validator() {
        return validator;
    }

    public DiskGuard diskGuard() {
        return guard;
    }

    public SyncOptions options() {
        return options;
    }

    /**
     * This machine's offset to the core's clock, measured from every answer of the core; never measured in offline
     * mode. Stamp times the core will reason with in {@link ClockOffset#correctedMillis}.
     */
    public ClockOffset clockOffset() {
        return clockOffset;
    }

    /** Why the core refused the gateway's key on the last signed call, or null (also in offline mode). */
    public String coreKeyRefusal() {
        return client == null ? null : client.keyRefusal();
    }

    /** Empty in offline mode. */
    Optional<CoreClient> coreClient() {
        return Optional.ofNullable(client);
    }

    /** Empty in offline mode. */
    Optional<Uploader> uploader() {
        return Optional.ofNullable(uploader);
    }

    /** Empty in offline mode or without warehouses. */
    Optional<ChangesPoller> poller() {
        return Optional.ofNullable(poller);
    }

    /** Everything for health and metrics, the cache's age included. */
    public SyncStats stats() {
        SyncStats s = uploader != null ? uploader.stats()
                : SyncStats.of(outbox.stats(), null, client, null, options.clock());
        return s.withCacheAge(cache.cacheAge().orElse(null));
    }

    /** Wakes the uploader and starts a changes poll (site IT's "sync now"). */
    public void syncNow() {
        if (uploader != null) {
            uploader.syncNow();
        }
        if (poller != null) {
            poller.pollNow();
        }
    }

    /** Prunes synced operations older than the retention now; returns how many were deleted. */
    public int pruneNow() throws IOException {
        return outbox.prune(options.retention());
    }

    private void pruneQuietly() {
        try {
            int n = pruneNow();
            if (n > 0) {
                log.info("pruned {} synced operations older than {}", n, options.retention());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("pruning the outbox failed; trying again in {}: {}", options.pruneInterval(), e.toString());
        }
    }

    private void pingIfQuiet() {
        Instant last = client.checkedAt();
        if (last == null || Duration.between(last, options.clock().instant()).compareTo(options.pollInterval()) >= 0) {
            client.ping();
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        if (poller != null) {
            poller.close();
        }
        if (uploader != null) {
            uploader.close();
        }
        cache.close();
        outbox.close();
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
