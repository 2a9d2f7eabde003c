package dev.floorgate.core.internal;

import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order saga's compensation task and stuck-order scan (JD's pre-allocation design: a task for operations that
 * failed half-way, a monitoring scan for the ones that hang). Every {@code fg.core.orders.scan-interval}:
 * <ol>
 *   <li><b>Repair:</b> orders PENDING (reserving stopped half-way: the core died, or its compensation failed) or
 *   with a cancel started ({@code cancel_requested}) for longer than {@code pending-timeout} are finished:
 *   released and closed (OrderService.abandon, OrderService.cancel).</li>
 *   <li><b>Scan:</b> orders in any open state longer than {@code stuck-after} are reported: the metric
 *   {@code fg_core_orders_stuck}, one {@code order.stuck} event per order and state (its id is derived, so a
 *   repeated scan does not repeat it), and {@code GET /v1/admin/orders/stuck}. They are not changed: whether a
 *   reserved order nobody picks should be released is the business's call (cancel it).</li>
 * </ol>
 * Ages are measured by the database clock ({@code status_since}), so core instances with skewed clocks agree.
 *
 * <p>Tenant by tenant: both passes read each added tenant's orders on that tenant's own connection
 * (TenantDatabases.stored(), then TenantDatabases.connection(tenant)), and everything written for an order (its
 * repair through OrderService, its order.stuck event and stuck_reported) goes on that order's tenant's connection,
 * the event into that tenant's outbox. Nothing here needs all tenants in one read: the limit per run and the
 * oldest-first order of the stuck list are kept by merging the tenants' answers. A tenant whose database fails is
 * logged and named in the report ({@code failedTenants}) and the others are still repaired and scanned.
 */
final class OrderSagaMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderSagaMonitor.class);
    private static final int MAX_PER_RUN = 1000;
    private final TenantDatabases db;
    private final OrderService orders;
    private final Runnable afterEventCommit;
    private final EventOutbox outbox;
    private final CoreMetrics metrics;
    private final Duration pendingTimeout;
    private final Duration stuckAfter;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier mayRun;
    private volatile Report last;
    /** Where the next repair pass starts in the tenant list, so a tenant with many half-way orders starves none. */
    private int repairStart;

    /** One stuck order as the admin endpoint shows it. */
    @Serdeable
    record StuckOrder(String tenant, String warehouse, String orderNo, String status, long stuckForSeconds) {
    }

    /** What one run found and did; {@code failedTenants}: tenants whose orders could not be read or reported. */
    @Serdeable
    record Report(String ranAt, int repaired, int repairFailed, List<StuckOrder> stuck, List<String> failedTenants) {
    }

    OrderSagaMonitor(TenantDatabases db, OrderService orders, EventOutbox outbox, Runnable afterEventCommit,
            CoreMetrics metrics, Duration pendingTimeout, Duration stuckAfter, Duration interval) {
        this(db, orders, outbox, afterEventCommit, metrics, pendingTimeout, stuckAfter, interval, () -> true);
    }

    /**
     * @param mayRun asked before every scheduled run: false skips it (another core instance holds the
     *     {@code order-saga} lease, JobLeases); runs asked for through the admin API run regardless
     */
    OrderSagaMonitor(TenantDatabases db, OrderService orders, EventOutbox outbox, Runnable afterEventCommit,
            CoreMetrics metrics, Duration pendingTimeout, Duration stuckAfter, Duration interval,
            BooleanSupplier mayRun) {
        this.mayRun = mayRun;
        this.db = db;
        this.orders = orders;
        this.afterEventCommit = afterEventCommit;
        this.outbox = outbox;
        this.metrics = metrics;
        this.pendingTimeout = pendingTimeout;
        this.stuckAfter = stuckAfter;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-order-saga-monitor");
            t.setDaemon(true);
            return t;
        });
        if (!interval.isZero()) {
            timer.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    Report last() {
        return last;
    }

    private void runQuietly() {
        if (!mayRun.getAsBoolean()) {
            return;
        }
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("order saga scan failed (next run in one interval): {}", e.toString());
        }
    }

    /** One repair pass and one scan; the report is also kept for the admin endpoint. */
    synchronized Report run() throws SQLException {
        int repaired = 0;
        int failed = 0;
        List<String> tenants = new ArrayList<>();
        for (String[] t : db.stored()) {
            tenants.add(t[0]);
        }
        Set<String> failedTenants = new TreeSet<>();
        for (Half h : halfWay(tenants, failedTenants)) {
            try {
                boolean done = h.cancel() ? orders.cancel(h.ref()) != null : orders.abandon(h.ref());
                if (done) {
                    repaired++;
                    LOG.warn("order {}/{}/{} was left half-way ({}); the compensation task finished it",
                            h.ref().tenant(), h.ref().warehouse(), h.ref().orderNo(),
                            h.cancel() ? "cancel started" : "PENDING");
                } else {
                    failed++;
                }
            } catch (OrderService.OrderConflictException | IllegalStateException | SQLException | ApiException e) {
                // SQLException / ApiException: this order's tenant's database failed; the next run tries again
                failed++;
                LOG.warn("order {}/{}/{}: the compensation task could not finish it now: {}", h.ref().tenant(),
                        h.ref().warehouse(), h.ref().orderNo(), e.getMessage());
            }
        }
        List<StuckOrder> stuck = scan(tenants, failedTenants);
        metrics.ordersStuck(stuck.size());
        Report r = new Report(Instant.now().toString(), repaired, failed, stuck, List.copyOf(failedTenants));
        last = r;
        return r;
    }

    private record Half(OrderStore.Ref ref, boolean cancel) {
    }

    /** The orders left half-way, tenant by tenant on each one's own connection, at most MAX_PER_RUN in all. */
    private List<Half> halfWay(List<String> tenants, Set<String> failedTenants) {
        List<Half> found = new ArrayList<>();
        int start = tenants.isEmpty() ? 0 : Math.floorMod(repairStart++, tenants.size());
        for (int i = 0; i < tenants.size(); i++) {
            String tenant = tenants.get((start + i) % tenants.size());
            if (found.size() >= MAX_PER_RUN) {
                break; // the next run takes the rest
            }
            try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement(
                    "SELECT tenant, warehouse, order_no, cancel_requested FROM orders WHERE tenant = ? AND "
                    + "((status = 'PENDING' AND TIMESTAMPDIFF(MICROSECOND, status_since, CURRENT_TIMESTAMP(3)) > ?) "
                    + "OR (cancel_requested = 1 AND TIMESTAMPDIFF(MICROSECOND, updated_at, CURRENT_TIMESTAMP(3)) > ?))"
                    + " LIMIT " + (MAX_PER_RUN - found.size()))) {
                ps.setString(1, tenant);
                ps.setLong(2, pendingTimeout.toMillis() * 1000);
                ps.setLong(3, pendingTimeout.toMillis() * 1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Half(new OrderStore.Ref(rs.getString(1), rs.getString(2), rs.getString(3)),
                                rs.getInt(4) != 0));
                    }
                }
            } catch (SQLException | ApiException e) {
                failedTenants.add(tenant);
                LOG.warn("order saga repair: reading tenant {}'s half-way orders failed; the other tenants go on, "
                        + "this one's wait for the next run: {}", tenant, e.getMessage());
            }
        }
        return found;
    }

    /** A stuck order as read, with the state it was last reported in. */
    private record Found(StuckOrder order, String reported, long ageMicros) {
    }

    /**
     * The stuck orders of every tenant, oldest first, at most MAX_PER_RUN in all: each tenant's oldest MAX_PER_RUN
     * on its own connection, merged (the same list one query over all tenants would give), then each one not yet
     * reported in its state reported on its tenant's connection.
     */
    private List<StuckOrder> scan(List<String> tenants, Set<String> failedTenants) {
        List<Found> found = new ArrayList<>();
        for (String tenant : tenants) {
            try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement(
                    "SELECT tenant, warehouse, order_no, status, TIMESTAMPDIFF(SECOND, status_since, "
                    + "CURRENT_TIMESTAMP(3)), stuck_reported, TIMESTAMPDIFF(MICROSECOND, status_since, "
                    + "CURRENT_TIMESTAMP(3)) FROM orders "
                    + "WHERE tenant = ? AND status IN ('PENDING', 'RESERVED', 'PARTIAL', 'PICKED') AND "
                    + "TIMESTAMPDIFF(MICROSECOND, status_since, CURRENT_TIMESTAMP(3)) > ? ORDER BY status_since "
                    + "LIMIT " + MAX_PER_RUN)) {
                ps.setString(1, tenant);
                ps.setLong(2, stuckAfter.toMillis() * 1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Found(new StuckOrder(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5)), rs.getString(6), rs.getLong(7)));
                    }
                }
            } catch (SQLException | ApiException e) {
                failedTenants.add(tenant);
                LOG.warn("order saga scan: reading tenant {}'s open orders failed; the other tenants go on: {}",
                        tenant, e.getMessage());
            }
        }
        // oldest first across tenants, as ORDER BY status_since over all of them would give
        found.sort(Comparator.comparingLong(Found::ageMicros).reversed());
        List<StuckOrder> stuck = new ArrayList<>();
        for (Found f : found.subList(0, Math.min(found.size(), MAX_PER_RUN))) {
            stuck.add(f.order());
            if (!f.order().status().equals(f.reported())) {
                try {
                    report(f.order());
                } catch (SQLException | ApiException e) {
                    failedTenants.add(f.order().tenant());
                    LOG.warn("order {}/{}/{}: reporting it stuck failed; the next scan tries again: {}",
                            f.order().tenant(), f.order().warehouse(), f.order().orderNo(), e.getMessage());
                }
            }
        }
        return stuck;
    }

    /** order.stuck and stuck_reported in one transaction: reported once per order and state. */
    private void report(StuckOrder s) throws SQLException {
        OrderStore.Ref ref = new OrderStore.Ref(s.tenant(), s.warehouse(), s.orderNo());
        LOG.warn("order {}/{}/{} has been {} for {} s (more than {}): reported as stuck", s.tenant(), s.warehouse(),
                s.orderNo(), s.status(), s.stuckForSeconds(), stuckAfter);
        boolean wrote;
        try (Connection c = db.connection(s.tenant())) {
            wrote = Transactions.run(c, tx -> {
                OrderStore.Saga saga = OrderStore.lockSaga(tx, ref);
                if (saga == null || !saga.status().equals(s.status())) {
                    return false;
                }
                OrderStore.View v = OrderStore.read(tx, ref);
                OrderEvents.stuck(tx, outbox, v, saga.attempt(), s.stuckForSeconds() * 1000);
                try (PreparedStatement ps = tx.prepareStatement("UPDATE orders SET stuck_reported = ? "
                        + "WHERE tenant = ? AND warehouse = ? AND order_no = ?")) {
                    ps.setString(1, s.status());
                    ps.setString(2, s.tenant());
                    ps.setString(3, s.warehouse());
                    ps.setString(4, s.orderNo());
                    ps.executeUpdate();
                }
                return true;
            });
        }
        if (wrote) {
            afterEventCommit.run(); // order.stuck is in the tenant's outbox: the relay moves it on
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
