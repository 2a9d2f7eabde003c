package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order saga (EVENTS.md "Orders in"), one path for {@code POST /v1/orders} and the order commands read from
 * RabbitMQ (OrderCommandConsumer): place (reserve every line, or compensate), cancel, ship.
 *
 * <p><b>Place.</b> The lines' stock records live in different Redis slots, so no single script can reserve them
 * together. Instead: the order row is created PENDING; each SKU of the order is reserved by an ordinary RESERVE
 * operation (a local step; lines of one SKU together, since a reservation is per record and order); on the first
 * failure the SKUs already reserved are released by RELEASE operations (the compensation), the order ends RELEASED
 * and {@code order.rejected} names the line and why; otherwise it ends RESERVED with {@code order.reserved}. The
 * status change and its event commit in one transaction (EventOutbox). Between the first RESERVE and the
 * compensation, other readers can briefly see part of the order reserved: the price of not locking across slots.
 *
 * <p><b>Idempotent steps.</b> A repeated place of a settled order returns it and does nothing; a place while it
 * is PENDING is refused {@code ORDER_IN_PROGRESS} (the bus consumer requeues it); a cancelled order is never
 * reserved again (a cancel that overtook its place wins). Cancel and ship use operation ids derived from the order
 * and its attempt, so a redelivered step is the same operation and the engine answers its first result.
 *
 * <p><b>Half-way failures.</b> A compensation that could not release everything leaves the order PENDING, and a
 * cancel marks {@code cancel_requested} before its first RELEASE: OrderSagaMonitor finishes both after
 * {@code fg.core.orders.pending-timeout} ({@link #abandon}, {@link #cancel}).
 *
 * <p><b>One tenant's rows.</b> Every transaction here runs on the order's tenant's own connection
 * (TenantDatabases): its schema's views of orders, order_lines, reservations and changes show only its rows, and
 * MySQL refuses a write naming another tenant. So the step's event goes into the tenant schema's own
 * {@code event_outbox} in the same transaction, and TenantOutboxRelay moves it into the shared one (woken by
 * {@code afterEventCommit}). The events of one order keep their order: every transaction that writes one locks the
 * order row first (OrderStore#lockSaga, FOR UPDATE), so they commit one after the other with rising outbox ids,
 * and the relay copies a tenant's rows in id order. A tenant whose database is unreachable (or not added yet) gets
 * an SQLException (or a 503 ApiException) before anything of the order is written or reserved.
 */
final class OrderService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);
    private static final int COMPENSATION_ATTEMPTS = 3;
    private final TenantDatabases db;
    private final OperationEngine engine;
    private final EventOutbox outbox;
    private final Runnable afterEventCommit;

    /**
     * @param db every transaction of an order runs on its tenant's own connection (its schema's views of orders,
     *     order_lines, reservations and changes; docs/TENANTS.md), so the database refuses any other tenant's rows
     * @param afterEventCommit run after a transaction that wrote an order event committed: the event is in the
     *     tenant schema's own outbox, and this wakes the TenantOutboxRelay and the publisher that move it on
     */
    OrderService(TenantDatabases db, OperationEngine engine, EventOutbox outbox, Runnable afterEventCommit) {
        this.db = db;
        this.engine = engine;
        this.outbox = outbox;
        this.afterEventCommit = afterEventCommit;
    }

    /** How placing an order ended: the order (created or already there), or the failing line. */
    record Outcome(boolean created, OrderStore.View order, String error, String message, Integer failedLine,
            String failedSku) {
    }

    private record Begun(OrderStore.View existing, int attempt) {
    }

    Outcome place(OrderStore.Ref ref, List<OrderStore.Line> lines) throws SQLException {
        Begun begun = begin(ref, lines);
        if (begun.existing() != null) {
            return new Outcome(false, begun.existing(), null, null, null, null);
        }
        int attempt = begun.attempt();
        Map<String, Long> bySku = bySku(lines);
        Map<String, OrderStore.Line> firstLine = new LinkedHashMap<>();
        for (OrderStore.Line l : lines) {
            firstLine.putIfAbsent(l.sku(), l);
        }
        Map<String, Long> reserved = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : bySku.entrySet()) {
            OrderStore.Line line = firstLine.get(e.getKey());
            OperationResult r = applyOne(op(ref, OperationType.RESERVE, e.getKey(), e.getValue(), line.location(),
                    OperationIds.newId()));
            if (r.status() != ResultStatus.APPLIED) {
                boolean released = compensate(ref, reserved);
                String code = r.status() == ResultStatus.RETRY ? ResultCodes.UNAVAILABLE : r.code();
                String message = "line " + line.lineNo() + " (" + e.getKey() + "): " + r.message() + "; no line of order "
                        + ref.orderNo() + " is reserved" + (released ? "" : " once the compensation completes");
                finish(ref, attempt, released ? OrderStore.RELEASED : OrderStore.PENDING, lines, false,
                        new Rejection(line.lineNo(), e.getKey(), code, r.message()));
                return new Outcome(false, null, code, message, line.lineNo(), e.getKey());
            }
            reserved.put(e.getKey(), e.getValue());
        }
        if (!finish(ref, attempt, OrderStore.RESERVED, lines, true, null)) {
            // The compensation task gave this attempt up while it ran (longer than pending-timeout): undo it.
            compensate(ref, reserved);
            return new Outcome(false, null, ResultCodes.UNAVAILABLE, "order " + ref.orderNo() + " took longer "
                    + "than the pending timeout and was released; place it again", null, null);
        }
        try (Connection c = db.connection(ref.tenant())) {
            return new Outcome(true, OrderStore.read(c, ref), null, null, null, null);
        }
    }

    /**
     * Creates the order PENDING, or returns it when it exists and is settled (a repeat of the same request). InnoDB
     * may pick this short transaction as a deadlock victim against the write-back's order refresh (SQLSTATE 40001,
     * seen under load in OrdersAndChangesTest); MariaDB rolls it back whole, so it is tried again, up to 3 times.
     */
    private Begun begin(OrderStore.Ref ref, List<OrderStore.Line> lines) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return beginOnce(ref, lines);
            } catch (SQLException e) {
                if (attempt >= 3 || !"40001".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private Begun beginOnce(OrderStore.Ref ref, List<OrderStore.Line> lines) throws SQLException {
        try (Connection c = db.connection(ref.tenant())) {
            c.setAutoCommit(false);
            try {
                if (OrderStore.createPending(c, ref, lines)) {
                    c.commit();
                    return new Begun(null, 1);
                }
                OrderStore.Saga saga = OrderStore.lockSaga(c, ref);
                OrderStore.View v = OrderStore.read(c, ref);
                if (OrderStore.RELEASED.equals(v.status()) && !"CANCELLED".equals(saga.closedReason())) {
                    // A former attempt was rejected and compensated: try again with the lines of this request.
                    int attempt = saga.attempt() + 1;
                    OrderStore.setStatus(c, ref, OrderStore.PENDING);
                    OrderStore.setSaga(c, ref, attempt, null, false);
                    OrderStore.replaceLines(c, ref, lines);
                    c.commit();
                    return new Begun(null, attempt);
                }
                c.commit();
                if (OrderStore.PENDING.equals(v.status()) || saga.cancelRequested()) {
                    throw new OrderConflictException("ORDER_IN_PROGRESS", "order " + ref.orderNo()
                            + " is being reserved or cancelled by another request; try again shortly");
                }
                if ("CANCELLED".equals(saga.closedReason())) {
                    throw new OrderConflictException("ORDER_CANCELLED", "order " + ref.orderNo() + " was cancelled;"
                            + " a cancelled order is not placed again");
                }
                if (!sameLines(v.lines(), lines)) {
                    throw new OrderConflictException("ORDER_EXISTS", "order " + ref.orderNo() + " exists with "
                            + "other lines (status " + v.status() + "); an order is created once");
                }
                return new Begun(v, saga.attempt());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Cancel: releases everything the order still holds and closes it RELEASED (closed_reason CANCELLED) with
     * {@code order.cancelled}. An order not known yet is recorded cancelled, so its place arriving later (out of
     * order) reserves nothing. Refused once any line is picked or the order shipped.
     */
    OrderStore.View cancel(OrderStore.Ref ref) throws SQLException {
        int attempt;
        List<OrderStore.Line> lines;
        try (Connection c = db.connection(ref.tenant())) {
            c.setAutoCommit(false);
            try {
                OrderStore.Saga saga = OrderStore.lockSaga(c, ref);
                if (saga == null) {
                    OrderStore.createPending(c, ref, List.of());
                    OrderStore.setStatus(c, ref, OrderStore.RELEASED);
                    OrderStore.setSaga(c, ref, 1, "CANCELLED", false);
                    OrderStore.View v = OrderStore.read(c, ref);
                    OrderEvents.cancelled(c, outbox, v, 1);
                    c.commit();
                    afterEventCommit.run();
                    return v;
                }
                OrderStore.View v = OrderStore.read(c, ref);
                if ("CANCELLED".equals(saga.closedReason()) && !saga.cancelRequested()) {
                    c.commit();
                    return v; // cancelled already: a redelivered cancel does nothing
                }
                if (OrderStore.PENDING.equals(saga.status())) {
                    throw new OrderConflictException("ORDER_IN_PROGRESS", "order " + ref.orderNo() + " is being "
                            + "reserved; cancel it once that ends");
                }
                if (OrderStore.SHIPPED.equals(saga.status()) || OrderStore.PICKED.equals(saga.status())
                        || v.lines().stream().anyMatch(l -> l.picked() > 0)) {
                    throw new OrderConflictException("ORDER_PICKING", "order " + ref.orderNo() + " is "
                            + saga.status() + " with picked lines; it can no longer be cancelled");
                }
                attempt = saga.attempt();
                lines = v.lines();
                OrderStore.setSaga(c, ref, attempt, "CANCELLED", true); // the step has started (see monitor)
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        for (Map.Entry<String, Long> e : bySku(lines).entrySet()) {
            OperationResult r = applyOne(op(ref, OperationType.RELEASE, e.getKey(), e.getValue(), null,
                    stepId("cancel", ref, attempt, e.getKey())));
            // OP_ID_REUSED: this step's RELEASE ran before (a redelivered cancel; its occurredAt differs).
            if (r.status() != ResultStatus.APPLIED && !ResultCodes.NOTHING_TO_RELEASE.equals(r.code())
                    && !ResultCodes.OP_ID_REUSED.equals(r.code())) {
                throw new IllegalStateException("cancelling order " + ref.orderNo() + ": releasing " + e.getKey()
                        + " ended " + r.status() + " " + r.code() + "; the compensation task retries it");
            }
        }
        try (Connection c = db.connection(ref.tenant())) {
            c.setAutoCommit(false);
            try {
                OrderStore.lockSaga(c, ref);
                List<OrderStore.Line> zero = new ArrayList<>();
                for (OrderStore.Line l : lines) {
                    zero.add(new OrderStore.Line(l.lineNo(), l.sku(), l.qty(), l.location(), 0, 0));
                }
                OrderStore.replaceLines(c, ref, zero);
                OrderStore.setStatus(c, ref, OrderStore.RELEASED);
                OrderStore.setSaga(c, ref, attempt, "CANCELLED", false);
                ChangeLog.record(c, ChangeLog.ORDER, ref.tenant(), ref.warehouse(), ref.orderNo());
                OrderStore.View v = OrderStore.read(c, ref);
                OrderEvents.cancelled(c, outbox, v, attempt);
                c.commit();
                afterEventCommit.run();
                return v;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Shipment confirmation: one SHIP operation per SKU of the order (ids derived from the order, so a redelivery
     * repeats nothing); the write-back then closes the order SHIPPED with {@code order.shipped}.
     */
    OrderStore.View ship(OrderStore.Ref ref) throws SQLException {
        OrderStore.View v;
        int attempt;
        try (Connection c = db.connection(ref.tenant())) {
            OrderStore.Saga saga = OrderStore.lockSaga(c, ref);
            if (saga == null || OrderStore.PENDING.equals(saga.status())
                    || OrderStore.RELEASED.equals(saga.status())) {
                throw new OrderConflictException("ORDER_NOT_OPEN", "order " + ref.orderNo() + " is "
                        + (saga == null ? "not known" : saga.status()) + "; only a reserved or picked order ships");
            }
            v = OrderStore.read(c, ref);
            attempt = saga.attempt();
        }
        for (Map.Entry<String, Long> e : bySku(v.lines()).entrySet()) {
            OperationResult r = applyOne(op(ref, OperationType.SHIP, e.getKey(), e.getValue(), null,
                    stepId("ship", ref, attempt, e.getKey())));
            if (r.status() == ResultStatus.RETRY) {
                throw new IllegalStateException("shipping order " + ref.orderNo() + ": " + e.getKey() + " could not "
                        + "be recorded now; retry");
            }
        }
        return v;
    }

    /**
     * The compensation task's step for an order left PENDING longer than the timeout (the core stopped while
     * reserving, or the compensation failed): releases every SKU of its lines and closes it RELEASED
     * (closed_reason ABANDONED) with {@code order.rejected}. Returns whether it is closed now.
     */
    boolean abandon(OrderStore.Ref ref) throws SQLException {
        List<OrderStore.Line> lines;
        int attempt;
        try (Connection c = db.connection(ref.tenant())) {
            OrderStore.Saga saga = OrderStore.lockSaga(c, ref);
            if (saga == null || !OrderStore.PENDING.equals(saga.status())) {
                return true;
            }
            lines = OrderStore.lines(c, ref);
            attempt = saga.attempt();
        }
        if (!compensate(ref, bySku(lines))) {
            return false;
        }
        try (Connection c = db.connection(ref.tenant())) {
            c.setAutoCommit(false);
            try {
                OrderStore.Saga saga = OrderStore.lockSaga(c, ref);
                if (saga == null || !OrderStore.PENDING.equals(saga.status()) || saga.attempt() != attempt) {
                    c.commit();
                    return true;
                }
                List<OrderStore.Line> zero = new ArrayList<>();
                for (OrderStore.Line l : lines) {
                    zero.add(new OrderStore.Line(l.lineNo(), l.sku(), l.qty(), l.location(), 0, 0));
                }
                OrderStore.replaceLines(c, ref, zero);
                OrderStore.setStatus(c, ref, OrderStore.RELEASED);
                OrderStore.setSaga(c, ref, attempt, "ABANDONED", false);
                ChangeLog.record(c, ChangeLog.ORDER, ref.tenant(), ref.warehouse(), ref.orderNo());
                OrderEvents.rejected(c, outbox, ref, attempt, null, null, "ABANDONED", "the order stayed PENDING "
                        + "past the pending timeout (reserving stopped half-way); everything it held is released");
                c.commit();
                afterEventCommit.run();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Map<String, Long> bySku(List<OrderStore.Line> lines) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (OrderStore.Line l : lines) {
            bySku.merge(l.sku(), l.qty(), Long::sum);
        }
        return bySku;
    }

    private OperationResult applyOne(Operation op) {
        try {
            return engine.applyAdmitted(List.of(op)).get(0);
        } catch (RuntimeException ex) {
            LOG.warn("order {}: {} of {} failed: {}", op.orderNo(), op.typeName(), op.sku(), ex.toString());
            return OperationResult.retry(op.opId(), op.typeName() + " of " + op.sku() + " failed; retry the order");
        }
    }

    private static boolean sameLines(List<OrderStore.Line> a, List<OrderStore.Line> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            OrderStore.Line x = a.get(i);
            OrderStore.Line y = b.get(i);
            if (x.lineNo() != y.lineNo() || !x.sku().equals(y.sku()) || x.qty() != y.qty()) {
                return false;
            }
        }
        return true;
    }

    private boolean compensate(OrderStore.Ref ref, Map<String, Long> reservedSkus) {
        boolean all = true;
        for (Map.Entry<String, Long> entry : reservedSkus.entrySet()) {
            String sku = entry.getKey();
            boolean done = false;
            for (int attempt = 1; attempt <= COMPENSATION_ATTEMPTS && !done; attempt++) {
                OperationResult r = applyOne(op(ref, OperationType.RELEASE, sku, entry.getValue(), null,
                        OperationIds.newId()));
                done = r.status() == ResultStatus.APPLIED || ResultCodes.NOTHING_TO_RELEASE.equals(r.code());
            }
            if (!done) {
                LOG.error("order {}/{}/{}: the reservation of {} could not be released; the order stays PENDING "
                        + "and the compensation task releases it after the pending timeout", ref.tenant(),
                        ref.warehouse(), ref.orderNo(), sku);
                all = false;
            }
        }
        return all;
    }

    /** A place that failed on a line. */
    private record Rejection(int line, String sku, String code, String reason) {
    }

    /**
     * Settles an attempt: lines, status, change log and the step's event in one transaction. Returns false (and
     * changes nothing) when the order is no longer this attempt's PENDING order (the compensation task took it).
     */
    private boolean finish(OrderStore.Ref ref, int attempt, String status, List<OrderStore.Line> lines,
            boolean reserved, Rejection rejection) throws SQLException {
        try (Connection c = db.connection(ref.tenant())) {
            c.setAutoCommit(false);
            try {
                OrderStore.Saga saga = OrderStore.lockSaga(c, ref);
                if (saga == null || !OrderStore.PENDING.equals(saga.status()) || saga.attempt() != attempt) {
                    c.commit();
                    return false;
                }
                List<OrderStore.Line> settled = new ArrayList<>();
                for (OrderStore.Line l : lines) {
                    settled.add(new OrderStore.Line(l.lineNo(), l.sku(), l.qty(), l.location(),
                            reserved ? l.qty() : 0, 0));
                }
                OrderStore.replaceLines(c, ref, settled);
                OrderStore.setStatus(c, ref, status);
                if (!OrderStore.PENDING.equals(status)) {
                    ChangeLog.record(c, ChangeLog.ORDER, ref.tenant(), ref.warehouse(), ref.orderNo());
                }
                if (OrderStore.RESERVED.equals(status)) {
                    OrderEvents.reserved(c, outbox, new OrderStore.View(ref, status, settled), attempt);
                } else if (OrderStore.RELEASED.equals(status) && rejection != null) {
                    OrderStore.setSaga(c, ref, attempt, "REJECTED", false);
                    OrderEvents.rejected(c, outbox, ref, attempt, rejection.line(), rejection.sku(), rejection.code(),
                            rejection.reason());
                }
                c.commit();
                afterEventCommit.run();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A saga step's operation id: the same for a redelivered step, so the engine answers its first result. */
    static String stepId(String step, OrderStore.Ref ref, int attempt, String sku) {
        String name = step + "\n" + ref.tenant() + "\n" + ref.warehouse() + "\n" + ref.orderNo() + "\n" + attempt
                + "\n" + sku;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Operation op(OrderStore.Ref ref, OperationType type, String sku, long qty, String location,
            String opId) {
        return Operation.builder().opId(opId).tenant(ref.tenant()).warehouse(ref.warehouse())
                .type(type).sku(sku).qty(qty).location(location).orderNo(ref.orderNo()).deviceId("core-orders")
                .occurredAt(Instant.now().toString()).build();
    }

    /** The order exists in a state that refuses this request (409). */
    static final class OrderConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        OrderConflictException(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }
}
