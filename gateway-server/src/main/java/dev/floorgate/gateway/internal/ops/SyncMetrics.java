package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncStats;

/** The sync engine's figures for /metrics: queue depth, oldest pending age, sync rate, results, cache age. */
public final class SyncMetrics implements MetricsSource {
    private final SyncEngine engine;

    public SyncMetrics(SyncEngine engine) {
        this.engine = engine;
    }

    @Override
    public void writeTo(PrometheusText out) {
        SyncStats s = engine.stats();
        out.gauge("floorgate_outbox_queue_depth", "Operations not yet answered by the core", s.unsyncedOps());
        out.gauge("floorgate_outbox_oldest_pending_age_seconds", "Age of the oldest unsynced operation",
                s.oldestUnsyncedAge().toMillis() / 1000.0);
        out.counter("floorgate_operations_accepted_total", "Operations acknowledged into the outbox",
                s.acceptedTotal());
        out.counter("floorgate_operations_synced_total", "Operations with a final answer from the core",
                s.appliedTotal(), "status", "APPLIED");
        out.counter("floorgate_operations_synced_total", "Operations with a final answer from the core",
                s.duplicateTotal(), "status", "DUPLICATE");
        out.counter("floorgate_operations_synced_total", "Operations with a final answer from the core",
                s.rejectedTotal(), "status", "REJECTED");
        out.counter("floorgate_operations_rejected_total", "Operations the core rejected", s.rejectedTotal());
        out.gauge("floorgate_sync_rate_per_second", "Synced operations per second over the last minute",
                s.syncRatePerSecond());
        out.gauge("floorgate_core_reachable", "1 when the core answered the last call, 0 when not, -1 unknown",
                s.coreReachable() == null ? -1 : s.coreReachable() ? 1 : 0);
        if (s.coreUrl() != null) {
            out.gauge("floorgate_core_in_use", "1 for the core instance the gateway sends to now", 1, "url",
                    s.coreUrl());
            out.counter("floorgate_core_failovers_total", "Switches away from a failing core instance",
                    s.coreFailovers());
        }
        out.gauge("floorgate_cache_age_seconds", "Time since the last successful change-feed poll (-1 never)",
                s.cacheAge() == null ? -1 : s.cacheAge().toMillis() / 1000.0);
        out.counter("floorgate_outbox_commits_total", "Outbox write transactions (group commits)", s.outboxCommits());
        out.gauge("floorgate_data_disk_free_bytes", "Usable bytes on the data directory's disk", s.diskFreeBytes());
    }
}
