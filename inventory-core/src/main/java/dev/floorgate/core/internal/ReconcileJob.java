package dev.floorgate.core.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reconciliation every {@code fg.core.reconcile.interval} (none when zero), on the instance holding the
 * {@code reconcile} job lease when several share the stores ({@link JobLeases}).
 */
final class ReconcileJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJob.class);
    private final ScheduledExecutorService executor;

    ReconcileJob(Reconciler reconciler, Duration interval) {
        this(reconciler, interval, () -> true);
    }

    /** @param mayRun asked before every scheduled run: false skips it (another instance holds the lease) */
    ReconcileJob(Reconciler reconciler, Duration interval, BooleanSupplier mayRun) {
        if (interval.isZero() || interval.isNegative()) {
            executor = null;
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-reconcile");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                if (!mayRun.getAsBoolean()) {
                    return;
                }
                reconciler.run("scheduled");
            } catch (Exception e) {
                LOG.warn("scheduled reconciliation failed; next try in {} ms: {}", ms, e.toString());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
