package dev.floorgate.sync;

import dev.floorgate.sync.internal.UploadCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's unsynced operations to the core, per tenant in ack order, one batch in flight per tenant,
 * up to {@code uploadConcurrency} tenants at once, and stores the core's answers (see {@link TenantLane} for what
 * happens with each kind of answer). The {@code Dispatcher} idea of OkHttp: a dispatcher thread decides only
 * <em>when</em> a tenant's lane runs (not in flight, backoff over, a worker free, tenants taken in turn); the lane
 * decides <em>what</em> is sent. It wakes when operations are appended, when a lane finishes, when a backoff ends,
 * on {@link #syncNow()}, and every {@value #IDLE_RECHECK_MILLIS} ms regardless.
 */
final class Uploader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uploader.class);
    static final long IDLE_RECHECK_MILLIS = 5_000;

    private final Outbox outbox;
    private final CoreClient client;
    private final SyncOptions options;
    private final SyncListener listener;
    private final UploadCounters counters = new UploadCounters();
    private final Map<String, TenantLane> lanes = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;
    /** Reads and serialises each lane's next batch while its current one is in flight; null without prepareAhead. */
    private final ThreadPoolExecutor preparers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object monitor = new Object();
    private final Runnable wakeUp = this::syncNow;
    private final Thread dispatcher;
    private boolean wakeRequested; // guarded by monitor
    private volatile boolean running;
    private volatile boolean started;
    private String lastDispatched = ""; // dispatcher thread only

    Uploader(Outbox outbox, CoreClient client, SyncOptions options, SyncListener listener) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? SyncListener.NONE : listener;
        AtomicInteger n = new AtomicInteger();
        // Work is handed over only when a worker is free (inFlight < concurrency), so the queue stays that small.
        this.workers = new ThreadPoolExecutor(options.uploadConcurrency(), options.uploadConcurrency(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(options.uploadConcurrency()), r -> {
                    Thread t = new Thread(r, "floorgate-upload-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true);
        if (options.prepareAhead()) {
            // At most one preparation per lane in flight, and at most uploadConcurrency lanes run: never queues more.
            AtomicInteger p = new AtomicInteger();
            this.preparers = new ThreadPoolExecutor(options.uploadConcurrency(), options.uploadConcurrency(), 30,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "floorgate-upload-prepare-" + p.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            this.preparers.allowCoreThreadTimeOut(true);
        } else {
            this.preparers = null;
        }
        this.dispatcher = new Thread(this::dispatchLoop, "floorgate-upload-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    /** Starts sending; call once. */
    synchronized void start() {
        if (started) {
            throw new IllegalStateException("uploader already started");
        }
        started = true;
        running = true;
        outbox.addAppendListener(wakeUp);
        dispatcher.start();
    }

    /** Wakes the uploader to look for work now (backoffs still apply). */
    void syncNow() {
        synchronized (monitor) {
            wakeRequested = true;
            monitor.notifyAll();
        }
    }

    /** The outbox and upload counters now; {@code cacheAge} is null here (the engine fills it). */
    SyncStats stats() {
        return SyncStats.of(outbox.stats(), counters, client, null, options.clock());
    }

    private void dispatchLoop() {
        while (running) {
            long sleepMillis = IDLE_RECHECK_MILLIS;
            try {
                sleepMillis = Math.min(sleepMillis, dispatch());
            } catch (RuntimeException e) {
                log.error("uploader: reading the outbox failed; retrying in {} ms", options.backoffMin().toMillis(), e);
                sleepMillis = options.backoffMin().toMillis();
            }
            synchronized (monitor) {
                if (!wakeRequested && running && sleepMillis > 0) {
                    try {
                        monitor.wait(sleepMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wakeRequested = false;
            }
        }
    }

    /** Starts every lane that may run now; returns how long until a backed-off lane may run again. */
    private long dispatch() {
        long now = System.nanoTime();
        long untilNext = IDLE_RECHECK_MILLIS;
        for (String tenant : inTurn(outbox.unsyncedTenants())) {
            TenantLane lane = lanes.computeIfAbsent(tenant,
                    t -> new TenantLane(t, outbox, client, listener, counters, options, preparers));
            if (lane.busy()) {
                continue;
            }
            long wait = lane.waitNanos(now);
            if (wait > 0) {
                untilNext = Math.min(untilNext, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
                continue;
            }
            if (inFlight.get() >= options.uploadConcurrency()) {
                break; // a finishing lane wakes us
            }
            if (!lane.tryClaim()) {
                continue;
            }
            inFlight.incrementAndGet();
            lastDispatched = tenant;
            workers.execute(() -> {
                try {
                    lane.runOnce();
                } finally {
                    lane.finished();
                    inFlight.decrementAndGet();
                    syncNow();
                }
            });
        }
        return untilNext;
    }

    /** Tenants after the last one dispatched first, so one busy tenant cannot starve the others. */
    private List<String> inTurn(List<String> tenants) {
        List<String> ordered = new ArrayList<>(tenants.size());
        for (String t : tenants) {
            if (t.compareTo(lastDispatched) > 0) {
                ordered.add(t);
            }
        }
        for (String t : tenants) {
            if (t.compareTo(lastDispatched) <= 0) {
                ordered.add(t);
            }
        }
        return ordered;
    }

    /** Stops dispatching and waits (bounded by the HTTP call timeout) for batches in flight to finish. */
    @Override
    public void close() {
        running = false;
        outbox.removeAppendListener(wakeUp);
        syncNow();
        if (started) {
            try {
                dispatcher.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        if (preparers != null) {
            preparers.shutdown();
        }
        try {
            long waitMillis = options.httpCallTimeout().toMillis() + 5_000;
            if (!workers.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                log.warn("uploader: batches still in flight after {} ms; interrupting them", waitMillis);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
