package dev.floorgate.core.internal;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The outcome of one reconciliation run, as {@code GET/POST /v1/admin/reconcile} return it.
 *
 * @param records stock records held in Redis and compared
 * @param onlyInMysql records MySQL has that Redis has not loaded (not a difference: Redis loads on demand)
 * @param inFlight write-back events applied in Redis and not yet committed to MySQL at the cut (not differences)
 * @param differenceCount all differences found; {@code differences} lists at most max-differences of them
 */
@Serdeable
record ReconcileReport(String trigger, String startedAt, long millis, int records, int onlyInMysql, long inFlight,
        int differenceCount, List<Difference> differences) {

    /** Figures of one record on one side. */
    @Serdeable
    record Figures(long onHand, long usable, long reserved, long seq) {
    }

    /**
     * One record whose Redis and MySQL figures disagree beyond what in-flight events explain. kind: MISMATCH (same
     * sequence, other figures), MISSING_WRITEBACK (Redis is ahead and the events in between are gone),
     * REDIS_BEHIND (MySQL holds a later state than Redis: Redis lost writes), INVARIANT (onHand != usable +
     * reserved, or a figure below zero).
     */
    @Serdeable
    record Difference(String tenant, String warehouse, String sku, String kind, String detail, Figures redis,
            Figures mysql) {
    }
}
