package dev.floorgate.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Set;

/**
 * How the gateway syncs with the core (offline-sync's SyncOptions, as site IT sets them).
 *
 * <ul>
 *   <li>{@code fg.sync.warehouses} (empty): warehouses whose master data and orders the gateway pulls from the
 *       core's change feed; empty = no data down (operations still go up).</li>
 *   <li>{@code fg.sync.batch-size} (1000): operations per upload batch (the core takes at most 1000).</li>
 *   <li>{@code fg.sync.poll-interval} (30s): how often the change feed is polled.</li>
 *   <li>{@code fg.sync.backoff-min} (500ms) / {@code fg.sync.backoff-max} (60s): retry backoff bounds after a
 *       failed upload (with jitter; a core's Retry-After wins).</li>
 *   <li>{@code fg.sync.disk-floor} (268435456 bytes = 256 MiB): below this much free space on the data disk new
 *       operations are refused with 507; nothing already acknowledged is touched.</li>
 *   <li>{@code fg.sync.retention} (7d): synced operations older than this are pruned; unsynced ones never.</li>
 *   <li>{@code fg.sync.append-timeout} (10s): how long a request waits for its group commit before 503.</li>
 *   <li>{@code fg.sync.prepare-ahead} (true): while a batch is in flight, the next one is read from the outbox and
 *       serialised, so a backlog drains without gaps (still one batch in flight per tenant); false = the behaviour
 *       before issue 14, kept for side-by-side benchmarks.</li>
 * </ul>
 */
@ConfigurationProperties(SyncConfiguration.PREFIX)
public interface SyncConfiguration {
    String PREFIX = "fg.sync";

    @Bindable(defaultValue = "")
    Set<String> getWarehouses();

    @Bindable(defaultValue = "1000")
    int getBatchSize();

    @Bindable(defaultValue = "30s")
    Duration getPollInterval();

    @Bindable(defaultValue = "500ms")
    Duration getBackoffMin();

    @Bindable(defaultValue = "60s")
    Duration getBackoffMax();

    @Bindable(defaultValue = "268435456")
    long getDiskFloor();

    @Bindable(defaultValue = "7d")
    Duration getRetention();

    @Bindable(defaultValue = "10s")
    Duration getAppendTimeout();

    @Bindable(defaultValue = "true")
    boolean isPrepareAhead();
}
