package dev.floorgate.core.internal;

import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 */
final class OrderSagaMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderSagaMonitor.class);
    private static final int MAX_PER_RUN = 1000;
    private final Database db;
    private final OrderService orders;
    private final EventOutbox outbox;
    private final CoreMetrics metrics;
    private final Duration pendingTimeout;
    private final Duration stuckAfter;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier mayRun;
    private volatile Report last;

    /** One stuck order as the admin endpoint shows it. */
    @Serdeable
    record StuckOrder(String tenant, String warehouse, String orderNo, String status, long stuckForSeconds) {
    }

    /** What one run found and did. */
    @Serdeable
    record Report(String ranAt, int repaired, int repairFailed, List<StuckOrder> stuck) {
    }

    OrderSagaMonitor(Database db, OrderService orders, EventOutbox outbox, CoreMetrics metrics, Duration pendingTimeout,
            Duration stuckAfter, Duration interval) {
        this(db, orders, outbox, metrics, pendingTimeout, stuckAfter, interval, () -> true);
    }

    /**
     * @param mayRun asked before every scheduled run: false skips it (another core instance holds the
     *     {@code order-saga} lease, JobLeases); runs asked for through the admin API run regardless
     */
    OrderSagaMonitor(Database db, OrderService orders, EventOutbox outbox, CoreMetrics metrics, Duration pendingTimeout,
            Duration stuckAfter, Duration interval, BooleanSupplier mayRun) {
        this.mayRun = mayRun;
        this.db = db;
        this.orders = orders;
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
        for (Half h : halfWay()) {
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
            } catch (OrderService.OrderConflictException | IllegalStateException e) {
                failed++;
                LOG.warn("order {}: the compensation task could not finish it now: {}", h.ref().orderNo(),
                        e.getMessage());
            }
        }
        List<StuckOrder> stuck = scan();
        metrics.ordersStuck(stuck.size());
        Report r = new Report(Instant.now().toString(), repaired, failed, stuck);
        last = r;
        return r;
    }

    private record Half(OrderStore.Ref ref, boolean cancel) {
    }

    private List<Half> halfWay() throws SQLException {
        List<Half> found = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT tenant, warehouse, "
                + "order_no, cancel_requested FROM orders WHERE (status = 'PENDING' AND TIMESTAMPDIFF(MICROSECOND, "
                + "status_since, CURRENT_TIMESTAMP(3)) > ?) OR (cancel_requested = 1 AND TIMESTAMPDIFF(MICROSECOND, "
                + "updated_at, CURRENT_TIMESTAMP(3)) > ?) LIMIT " + MAX_PER_RUN)) {
            ps.setLong(1, pendingTimeout.toMillis() * 1000);
            ps.setLong(2, pendingTimeout.toMillis() * 1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Half(new OrderStore.Ref(rs.getString(1), rs.getString(2), rs.getString(3)),
                            rs.getInt(4) != 0));
                }
            }
        }
        return found;
    }

    private List<StuckOrder> scan() throws SQLException {
        List<StuckOrder> stuck = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT tenant, warehouse, "
                + "order_no, status, TIMESTAMPDIFF(SECOND, status_since, CURRENT_TIMESTAMP(3)), stuck_reported "
                + "FROM orders WHERE status IN ('PENDING', 'RESERVED', 'PARTIAL', 'PICKED') AND "
                + "TIMESTAMPDIFF(MICROSECOND, status_since, CURRENT_TIMESTAMP(3)) > ? ORDER BY status_since LIMIT "
                + MAX_PER_RUN)) {
            ps.setLong(1, stuckAfter.toMillis() * 1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StuckOrder s = new StuckOrder(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5));
                    stuck.add(s);
                    reported.add(rs.getString(6));
                }
            }
        }
        for (int i = 0; i < stuck.size(); i++) {
            StuckOrder s = stuck.get(i);
            if (!s.status().equals(reported.get(i))) {
                report(s);
            }
        }
        return stuck;
    }

    /** order.stuck and stuck_reported in one transaction: reported once per order and state. */
    private void report(StuckOrder s) throws SQLException {
        OrderStore.Ref ref = new OrderStore.Ref(s.tenant(), s.warehouse(), s.orderNo());
        LOG.warn("order {}/{}/{} has been {} for {} s (more than {}): reported as stuck", s.tenant(), s.warehouse(),
                s.orderNo(), s.status(), s.stuckForSeconds(), stuckAfter);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                OrderStore.Saga saga = OrderStore.lockSaga(c, ref);
                if (saga != null && saga.status().equals(s.status())) {
                    OrderStore.View v = OrderStore.read(c, ref);
                    OrderEvents.stuck(c, outbox, v, saga.attempt(), s.stuckForSeconds() * 1000);
                    try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET stuck_reported = ? "
                            + "WHERE tenant = ? AND warehouse = ? AND order_no = ?")) {
                        ps.setString(1, s.status());
                        ps.setString(2, s.tenant());
                        ps.setString(3, s.warehouse());
                        ps.setString(4, s.orderNo());
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
