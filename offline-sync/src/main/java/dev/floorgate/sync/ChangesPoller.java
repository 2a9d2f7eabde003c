package dev.floorgate.sync;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the core's changes feed ({@code GET /v1/changes}) for each configured warehouse into the
 * {@link MasterDataCache}, every {@code pollInterval} and on {@link #pollNow()}. Each page is stored together with
 * the cursor after it, so a failure at any point (transport, a broken page, the disk) leaves the last stored cursor
 * and the next round asks again from there. One round reads pages until the feed is caught up (a page shorter than
 * the limit, or no new cursor), at most {@value #MAX_PAGES_PER_ROUND} pages. Rounds never overlap.
 *
 * <p>A busy core (429 TOO_BUSY or 503, {@link CoreBusyException}) ends the round for every warehouse and the
 * scheduled rounds pause until its Retry-After has passed (at least one poll interval): busy is not down, so it is
 * logged once per busy spell at INFO, not as an error, and never moves the gateway to another core.
 */
final class ChangesPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangesPoller.class);
    static final int MAX_PAGES_PER_ROUND = 1_000;

    private final CoreClient client;
    private final MasterDataCache cache;
    private final SyncOptions options;
    private final ScheduledExecutorService executor;
    private volatile int failuresInARow;
    private volatile int busyInARow;
    /** System.nanoTime() before which scheduled rounds are skipped (the core asked to wait). */
    private volatile long resumeAtNanos = System.nanoTime();

    public ChangesPoller(CoreClient client, MasterDataCache cache, SyncOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.options = Objects.requireNonNull(options, "options");
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "floorgate-changes-poller");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = ex;
    }

    /** Polls now and then every {@code pollInterval}. */
    public void start() {
        long interval = options.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::scheduledRound, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a round as soon as the poller is free; the future completes with the number of items stored, or fails
     * with the round's IOException.
     */
    public CompletableFuture<Integer> pollNow() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(round());
                } catch (IOException | RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("the changes poller is closed", e));
        }
        return f;
    }

    private void scheduledRound() {
        if (System.nanoTime() - resumeAtNanos < 0) {
            return; // the core is busy and asked to wait
        }
        try {
            round();
        } catch (IOException | RuntimeException e) {
            // logged in round(); the next round starts from the stored cursor
        }
    }

    /** Polls every warehouse until caught up; returns the items stored. */
    private int round() throws IOException {
        int stored = 0;
        IOException first = null;
        for (String warehouse : options.warehouses()) {
            try {
                stored += pollWarehouse(warehouse);
            } catch (CoreBusyException e) {
                busy(e);
                throw e; // the other warehouses wait too: the core asked the whole gateway to slow down
            } catch (IOException | RuntimeException e) {
                int n = ++failuresInARow;
                if (n == 1 || n % 20 == 0) {
                    log.warn("changes poll of warehouse {} failed ({} in a row); the cache keeps its data and "
                            + "cursor: {}", warehouse, n, e.toString());
                }
                if (first == null) {
                    first = e instanceof IOException ? (IOException) e
                            : new IOException("changes poll of warehouse " + warehouse + " failed: " + e, e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        failuresInARow = 0;
        if (busyInARow > 0) {
            log.info("changes feed: the core answers again after {} busy answer(s)", busyInARow);
            busyInARow = 0;
        }
        return stored;
    }

    /** Pauses scheduled rounds for the core's Retry-After, at least one poll interval. */
    private void busy(CoreBusyException e) {
        long waitNanos = Math.max(options.pollInterval().toNanos(),
                e.retryAfter().map(java.time.Duration::toNanos).orElse(0L));
        resumeAtNanos = System.nanoTime() + waitNanos;
        int n = ++busyInARow;
        if (n == 1) {
            log.info("changes feed: {}; polling again in {} s (the cache keeps its data and cursor)", e.getMessage(),
                    waitNanos / 1_000_000_000L);
        } else {
            log.debug("changes feed: {} ({} in a row)", e.getMessage(), n);
        }
    }

    private int pollWarehouse(String warehouse) throws IOException {
        int limit = options.pollPageSize();
        String since = cache.cursor(warehouse).orElse(null);
        int stored = 0;
        for (int page = 0; page < MAX_PAGES_PER_ROUND; page++) {
            ChangesPage p = client.changes(warehouse, since, limit);
            cache.applyPage(warehouse, p.items(), p.next());
            stored += p.items().size();
            if (p.skipped() > 0) {
                log.info("changes page of warehouse {}: {} items ignored (unknown kind or missing key)", warehouse,
                        p.skipped());
            }
            int seen = p.items().size() + p.skipped();
            if (seen < limit || p.next() == null || p.next().equals(since)) {
                return stored;
            }
            since = p.next();
        }
        log.info("warehouse {}: {} pages in one round; going on in the next round", warehouse, MAX_PAGES_PER_ROUND);
        return stored;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(options.httpCallTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("changes poller did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
