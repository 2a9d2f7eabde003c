package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every known warehouse's replenishment suggestions ({@link ReplenishmentService#publish}, through the
 * {@link SuggestionEvents} sink into the outbox) on a schedule: at {@code fg.core.replenishment.publish-at} (UTC)
 * and every {@code publish-interval} from it, so a daily run lands at the same time of day whenever the core was
 * started. Exists only with a bus; interval 0 = no schedule ({@code POST /v1/admin/replenishment/publish} still
 * works).
 *
 * <p>A run missed while the core was down is not made up at the start: the next one, or the admin endpoint, sends
 * that day's suggestions. With several core instances only the holder of the {@code replenishment-publish} job
 * lease runs the schedule (JobLeases); should two ever run it, their events have the same ids (one per tenant,
 * warehouse, day and SKU), so the outbox keeps one and consumers see one.
 */
final class SuggestionPublishJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SuggestionPublishJob.class);
    private final ReplenishmentService service;
    private final TenantDatabases db;
    private final Duration interval;
    private final LocalTime at;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier mayRun;

    /** What one warehouse's publish sent (the SKUs due, with their event ids). */
    record Published(String tenant, String warehouse, LocalDate day, List<String> skus, List<String> eventIds) {
        static Published of(ReplenishmentService.Report r) {
            List<String> skus = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (ReplenishmentService.Item i : r.items()) {
                skus.add(i.suggestion().sku());
                ids.add(SuggestionEvents.eventId(r.tenant(), r.warehouse(), r.day(), i.suggestion().sku()));
            }
            return new Published(r.tenant(), r.warehouse(), r.day(), skus, ids);
        }
    }

    SuggestionPublishJob(ReplenishmentService service, TenantDatabases db, Duration interval, LocalTime at,
            Clock clock) {
        this(service, db, interval, at, clock, () -> true);
    }

    /** @param mayRun asked before every scheduled run: false skips it (another instance holds the lease) */
    SuggestionPublishJob(ReplenishmentService service, TenantDatabases db, Duration interval, LocalTime at, Clock clock,
            BooleanSupplier mayRun) {
        this.mayRun = mayRun;
        this.service = service;
        this.db = db;
        this.interval = interval;
        this.at = at;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-replenishment-publish");
            t.setDaemon(true);
            return t;
        });
    }

    SuggestionPublishJob start() {
        if (!interval.isZero()) {
            scheduleNext();
        }
        return this;
    }

    /**
     * The first instant at or after {@code now} on the grid {@code at} (UTC, today) + k * {@code interval}, k any
     * integer: with 1d, today's or tomorrow's {@code at}; with 1h, the next full hour when {@code at} is 02:00.
     */
    static Instant next(Instant now, LocalTime at, Duration interval) {
        long step = interval.toMillis();
        long anchor = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(at).toInstant(ZoneOffset.UTC).toEpochMilli();
        long t = now.toEpochMilli();
        long k = Math.floorDiv(t - anchor, step);
        long candidate = anchor + k * step;
        return Instant.ofEpochMilli(candidate < t ? candidate + step : candidate);
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        Instant next = next(now.plusMillis(1), at, interval);
        try {
            timer.schedule(this::runScheduled, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void runScheduled() {
        try {
            if (!mayRun.getAsBoolean()) {
                return; // the finally schedules the next run: the lease may be ours by then
            }
            List<Published> done = runAll();
            LOG.info("replenishment suggestions published: {} events for {} warehouses",
                    done.stream().mapToInt(p -> p.eventIds().size()).sum(), done.size());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("publishing replenishment suggestions failed (next run in {}): {}", interval, e.toString());
        } finally {
            scheduleNext();
        }
    }

    /**
     * Every known warehouse, tenant by tenant and one after the other; one warehouse or tenant failing does not stop
     * the others.
     */
    List<Published> runAll() throws SQLException {
        List<Published> done = new ArrayList<>();
        for (String[] stored : db.stored()) {
            String tenant = stored[0];
            List<String> warehouses;
            try {
                warehouses = warehouses(tenant);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("replenishment suggestions of tenant {} not published: reading its warehouses failed: {}",
                        tenant, e.toString());
                continue;
            }
            for (String warehouse : warehouses) {
                try {
                    done.add(publish(tenant, warehouse));
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("replenishment suggestions of {}/{} not published: {}", tenant, warehouse, e.toString());
                }
            }
        }
        return done;
    }

    Published publish(String tenant, String warehouse) throws SQLException {
        return Published.of(service.publish(tenant, warehouse));
    }

    /**
     * The tenant's warehouses, on its own connection (TenantDatabases, issue 17 item 4). The tenants are those with
     * a database of their own (tenant_credentials), one by one rather than one query over the shared table: a
     * warehouse is written on its tenant's connection, which gives the tenant its database on first use.
     */
    private List<String> warehouses(String tenant) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement(
                "SELECT warehouse FROM warehouses WHERE tenant = ? ORDER BY warehouse")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
        }
        return all;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
