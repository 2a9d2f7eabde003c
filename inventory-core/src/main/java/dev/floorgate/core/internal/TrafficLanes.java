package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Traffic lanes (issue 14 items 2 and 3): each kind of work runs on its own bounded executor, so a day's backlog
 * drain or a flash-sale SKU cannot take the threads the pickers' batches need.
 * <ul>
 *   <li>REALTIME: PDA batches (the default);</li>
 *   <li>BULK: a batch sent with {@code X-FG-Lane: bulk} (the gateway draining a backlog), a batch of more than
 *   {@code fg.core.lanes.bulk-threshold} operations, imports;</li>
 *   <li>SYNC: the changes feed and reconciliation on demand;</li>
 *   <li>HOT: a non-bulk batch with an operation on a hot record (HotspotDetector), for tenants whose
 *   {@code hotspot-isolation} switch is on.</li>
 * </ul>
 * A lane runs {@code threads} requests at once and queues {@code queue} more. A full queue is 429 at once; a
 * request that waited longer than the lane's timeout is 429 when its turn comes, with nothing applied. Once a
 * request runs it runs to the end (stopping an apply half-way would only turn answers into RETRY).
 */
final class TrafficLanes implements AutoCloseable {
    static final String HEADER = "X-FG-Lane";

    enum Lane {
        REALTIME, BULK, SYNC, HOT;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Work that may throw a checked exception of the caller's (SQLException, IOException). */
    interface Work<T, E extends Exception> {
        T call() throws E;
    }

    /** One lane's limits. */
    record Limits(int threads, int queue, Duration timeout) {
    }

    private static final class LaneExecutor {
        final Lane lane;
        final Limits limits;
        final ThreadPoolExecutor pool;
        final Counter rejected;
        final Counter timedOut;

        LaneExecutor(Lane lane, Limits limits, CoreMetrics metrics) {
            this.lane = lane;
            this.limits = limits;
            BlockingQueue<Runnable> q = limits.queue() == 0 ? new SynchronousQueue<>()
                    : new ArrayBlockingQueue<>(limits.queue());
            AtomicInteger n = new AtomicInteger();
            this.pool = new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS, q, r -> {
                Thread t = new Thread(r, "fg-lane-" + lane.wireName() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
            String name = lane.wireName();
            metrics.gauge("fg.core.lane.queued", "requests waiting in the lane", () -> pool.getQueue().size(),
                    "lane", name);
            metrics.gauge("fg.core.lane.running", "requests running in the lane", pool::getActiveCount, "lane", name);
            rejected = metrics.counter("fg.core.lane.rejected", "requests answered 429, queue full or waited too long",
                    "lane", name);
            timedOut = metrics.counter("fg.core.lane.timed.out", "requests answered 429 after waiting longer than the "
                    + "lane's timeout", "lane", name);
        }
    }

    private final Map<Lane, LaneExecutor> lanes = new EnumMap<>(Lane.class);
    private final HotspotDetector detector;
    private final Predicate<String> isolation;
    private final int bulkThreshold;
    private final Duration retryAfter;
    private final Duration sweepEvery;
    private ScheduledExecutorService sweeper;

    TrafficLanes(Map<Lane, Limits> limits, HotspotDetector detector, Predicate<String> isolation, int bulkThreshold,
            Duration retryAfter, Duration sweepEvery, CoreMetrics metrics) {
        for (Lane lane : Lane.values()) {
            Limits l = limits.get(lane);
            if (l == null || l.threads() < 1 || l.queue() < 0) {
                throw new IllegalStateException("lane " + lane.wireName() + " needs threads >= 1 and queue >= 0, got "
                        + l);
            }
            lanes.put(lane, new LaneExecutor(lane, l, metrics));
        }
        this.detector = detector;
        this.isolation = isolation;
        this.bulkThreshold = bulkThreshold;
        this.retryAfter = retryAfter;
        this.sweepEvery = sweepEvery;
        metrics.gauge("fg.core.hot.records", "stock records hot now", detector::hotCount);
        metrics.gauge("fg.core.hot.queue.depth", "batches waiting in the hot lane",
                () -> lanes.get(Lane.HOT).pool.getQueue().size());
    }

    /** Starts the detector's sweep (cooling, forgetting idle records) on a daemon timer. */
    TrafficLanes start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-hotspot-sweep");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, sweepEvery.toMillis());
        sweeper.scheduleWithFixedDelay(detector::sweep, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * The lane of a batch of operations; counts its operations per record for the hotspot detector. A bulk batch
     * stays bulk even on a hot record: it already has its own lane.
     */
    Lane laneFor(List<Operation> ops, String header) {
        Map<String, Integer> perRecord = new HashMap<>();
        Map<String, String> tenantOf = new HashMap<>();
        for (Operation op : ops) {
            if (op.tenant() == null || op.warehouse() == null || op.sku() == null) {
                continue; // invalid; answered per operation by the engine
            }
            String rec = KeyLayout.recordId(op.tenant(), op.warehouse(), op.sku());
            perRecord.merge(rec, 1, Integer::sum);
            tenantOf.putIfAbsent(rec, op.tenant());
        }
        boolean hot = false;
        for (Map.Entry<String, Integer> e : perRecord.entrySet()) {
            if (detector.count(e.getKey(), e.getValue()) && isolation.test(tenantOf.get(e.getKey()))) {
                hot = true;
            }
        }
        if ((header != null && Lane.BULK.wireName().equalsIgnoreCase(header.trim())) || ops.size() > bulkThreshold) {
            return Lane.BULK;
        }
        return hot ? Lane.HOT : Lane.REALTIME;
    }

    /** Runs the work on the lane and returns its result; 429 (TooBusyException) when the lane cannot take it. */
    @SuppressWarnings("unchecked")
    <T, E extends Exception> T run(Lane lane, Work<T, E> work) throws E {
        LaneExecutor ex = lanes.get(lane);
        long queuedAt = System.nanoTime();
        long timeoutNanos = ex.limits.timeout().toNanos();
        Future<T> f;
        try {
            f = ex.pool.submit(() -> {
                long waited = System.nanoTime() - queuedAt;
                if (waited > timeoutNanos) {
                    ex.timedOut.increment();
                    ex.rejected.increment();
                    throw new TooBusyException("the " + lane.wireName() + " lane did not start this request within "
                            + ex.limits.timeout().toMillis() + " ms (waited " + waited / 1_000_000 + " ms); nothing "
                            + "was applied, send it again", retryAfter);
                }
                return work.call();
            });
        } catch (RejectedExecutionException e) {
            ex.rejected.increment();
            throw new TooBusyException("the " + lane.wireName() + " lane is full: " + ex.limits.threads()
                    + " running and " + ex.limits.queue() + " waiting; nothing was applied, send it again", retryAfter);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException ie) {
                    // The work may be applying already; its answer is the only truthful one, so wait for it.
                    interrupted = true;
                } catch (ExecutionException ee) {
                    Throwable cause = ee.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw (E) cause;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    HotspotDetector detector() {
        return detector;
    }

    long rejected(Lane lane) {
        return (long) lanes.get(lane).rejected.count();
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        for (LaneExecutor ex : lanes.values()) {
            ex.pool.shutdown();
        }
    }
}
