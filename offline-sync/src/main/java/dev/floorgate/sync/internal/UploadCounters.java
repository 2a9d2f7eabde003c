package dev.floorgate.sync.internal;

import dev.floorgate.sync.StoredOperation;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The uploader's counters for health and metrics. Thread-safe; totals count since start. */
public final class UploadCounters {
    private final AtomicLong synced = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final RateMeter rate = new RateMeter();
    private volatile Instant lastSuccessAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /** Operations whose final answer was stored now. */
    public void finished(List<StoredOperation> done, Instant now) {
        for (StoredOperation op : done) {
            switch (op.state()) {
                case APPLIED:
                    applied.incrementAndGet();
                    break;
                case DUPLICATE:
                    duplicates.incrementAndGet();
                    break;
                case REJECTED:
                    rejected.incrementAndGet();
                    break;
                default:
                    break;
            }
        }
        synced.addAndGet(done.size());
        rate.mark(done.size(), now.toEpochMilli());
    }

    /** The core answered a batch with results. */
    public void batchAnswered(Instant now) {
        batches.incrementAndGet();
        lastSuccessAt = now;
    }

    public void error(String message, Instant now) {
        lastError = message;
        lastErrorAt = now;
    }

    public long synced() {
        return synced.get();
    }

    public long applied() {
        return applied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long batches() {
        return batches.get();
    }

    public double ratePerSecond(long nowMillis) {
        return rate.perSecond(nowMillis);
    }

    public Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }
}
