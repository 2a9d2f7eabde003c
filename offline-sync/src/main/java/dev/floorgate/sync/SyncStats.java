package dev.floorgate.sync;

import dev.floorgate.sync.internal.UploadCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of the sync engine for {@code /health} and {@code /metrics}. Totals count since the engine started.
 *
 * @param unsyncedOps           queue depth: operations not yet answered by the core (PENDING or SYNCING)
 * @param oldestUnsyncedAge     age of the oldest of those; zero when none waits
 * @param acceptedTotal         operations newly acknowledged into the outbox
 * @param syncedTotal           operations whose final answer was stored (applied + duplicate + rejected)
 * @param appliedTotal          of those, APPLIED
 * @param duplicateTotal        of those, DUPLICATE
 * @param rejectedTotal         of those, REJECTED (by the core, or locally for an operation it cannot read)
 * @param syncRatePerSecond     synced operations per second over the last minute
 * @param lastSuccessfulSyncAt  when the core last answered a batch with results; null if never
 * @param lastError             the last upload problem (what, status, message); null if none
 * @param lastErrorAt           when it happened
 * @param offline               no core URL configured: everything queues
 * @param coreReachable         whether the core answered the last call; null when unknown (offline, or no call yet)
 * @param coreCheckedAt         when that was
 * @param cacheAge              time since the last successful changes poll; null if never (or not known here)
 * @param outboxCommits         outbox write transactions since start (group commit)
 * @param diskFreeBytes         usable bytes on the data directory's disk
 * @param coreUrl               the core instance in use (of several in the core URL list); null offline
 * @param coreFailovers         how often the engine switched away from a failing core since it started
 * @param coreTlsRefusal        why the core's TLS was refused on the last call, naming the fg.core.tls.* setting
 *                              to check ("core https://x: TLS refused: ..."); null when it was not
 */
public record SyncStats(long unsyncedOps, Duration oldestUnsyncedAge, long acceptedTotal, long syncedTotal,
        long appliedTotal, long duplicateTotal, long rejectedTotal, double syncRatePerSecond,
        Instant lastSuccessfulSyncAt, String lastError, Instant lastErrorAt, boolean offline, Boolean coreReachable,
        Instant coreCheckedAt, Duration cacheAge, long outboxCommits, long diskFreeBytes, String coreUrl,
        int coreFailovers, String coreTlsRefusal) {

    static SyncStats of(OutboxStats o, UploadCounters c, CoreClient client, Duration cacheAge, Clock clock) {
        Instant now = clock.instant();
        Duration oldest = o.oldestUnsyncedAcceptedAt() == null ? Duration.ZERO
                : Duration.between(o.oldestUnsyncedAcceptedAt(), now);
        if (oldest.isNegative()) {
            oldest = Duration.ZERO;
        }
        return new SyncStats(o.unsynced(), oldest, o.acceptedTotal(),
                c == null ? 0 : c.synced(), c == null ? 0 : c.applied(), c == null ? 0 : c.duplicates(),
                c == null ? 0 : c.rejected(), c == null ? 0 : c.ratePerSecond(now.toEpochMilli()),
                c == null ? null : c.lastSuccessAt(), c == null ? null : c.lastError(),
                c == null ? null : c.lastErrorAt(), client == null, client == null ? null : client.reachable(),
                client == null ? null : client.checkedAt(), cacheAge, o.commits(), o.diskFreeBytes(),
                client == null ? null : client.baseUrl(), client == null ? 0 : client.failovers(),
                client == null ? null : client.tlsRefusal());
    }

    /** The same snapshot with the cache's age filled in. */
    public SyncStats withCacheAge(Duration age) {
        return new SyncStats(unsyncedOps, oldestUnsyncedAge, acceptedTotal, syncedTotal, appliedTotal,
                duplicateTotal, rejectedTotal, syncRatePerSecond, lastSuccessfulSyncAt, lastError, lastErrorAt,
                offline, coreReachable, coreCheckedAt, age, outboxCommits, diskFreeBytes, coreUrl, coreFailovers,
                coreTlsRefusal);
    }
}
