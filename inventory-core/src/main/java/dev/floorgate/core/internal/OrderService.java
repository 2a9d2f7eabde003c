package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/orders}: creates an order and reserves all its lines, or none.
 *
 * <p>The lines' stock records live in different Redis slots, so no single script can reserve them together.
 * Instead: the order row is created PENDING; each SKU of the order is reserved by an ordinary RESERVE operation
 * (lines of one SKU together, since a reservation is per record and order); on the first failure the SKUs already
 * reserved are released by RELEASE operations (compensation) and the order ends RELEASED. Between the first
 * RESERVE and the compensation, other readers can briefly see part of the order reserved (stock reads, a
 * concurrent RESERVE finding less usable stock): that window is the price of not locking across slots. The order
 * and its reservations appear in {@code GET /v1/changes} once RESERVED (or RELEASED).
 */
final class OrderService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);
    private static final int COMPENSATION_ATTEMPTS = 3;
    private final Database db;
    private final OperationEngine engine;

    OrderService(Database db, OperationEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    /** How placing an order ended: the order (created or already there), or the failing line. */
    record Outcome(boolean created, OrderStore.View order, String error, String message, Integer failedLine,
            String failedSku) {
    }

    Outcome place(OrderStore.Ref ref, List<OrderStore.Line> lines) throws SQLException {
        OrderStore.View existing = begin(ref, lines);
        if (existing != null) {
            return new Outcome(false, existing, null, null, null, null);
        }
        Map<String, Long> bySku = new LinkedHashMap<>();
        Map<String, OrderStore.Line> firstLine = new LinkedHashMap<>();
        for (OrderStore.Line l : lines) {
            bySku.merge(l.sku(), l.qty(), Long::sum);
            firstLine.putIfAbsent(l.sku(), l);
        }
        Map<String, Long> reserved = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : bySku.entrySet()) {
            OrderStore.Line line = firstLine.get(e.getKey());
            OperationResult r;
            try {
                r = engine.applyAdmitted(List.of(op(ref, OperationType.RESERVE, e.getKey(), e.getValue(),
                        line.location()))).get(0);
            } catch (RuntimeException ex) {
                LOG.warn("order {}: reserving {} failed: {}", ref.orderNo(), e.getKey(), ex.toString());
                r = OperationResult.retry(null, "reserving " + e.getKey() + " failed; retry the order");
            }
            if (r.status() != ResultStatus.APPLIED) {
                boolean released = compensate(ref, reserved);
                finish(ref, released ? OrderStore.RELEASED : OrderStore.PENDING, lines, false);
                String code = r.status() == ResultStatus.RETRY ? ResultCodes.UNAVAILABLE : r.code();
                return new Outcome(false, null, code, "line " + line.lineNo() + " (" + e.getKey() + "): "
                        + r.message() + "; no line of order " + ref.orderNo() + " is reserved"
                        + (released ? "" : " once the compensation completes"), line.lineNo(), e.getKey());
            }
            reserved.put(e.getKey(), e.getValue());
        }
        finish(ref, OrderStore.RESERVED, lines, true);
        try (Connection c = db.connection()) {
            return new Outcome(true, OrderStore.read(c, ref), null, null, null, null);
        }
    }

    /** Creates the order PENDING, or returns it when it exists and is settled (a repeat of the same request). */
    private OrderStore.View begin(OrderStore.Ref ref, List<OrderStore.Line> lines) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (OrderStore.createPending(c, ref, lines)) {
                    c.commit();
                    return null;
                }
                OrderStore.View v = OrderStore.read(c, ref);
                if (OrderStore.RELEASED.equals(v.status())) {
                    // A former attempt failed and was compensated: try again with the lines of this request.
                    OrderStore.setStatus(c, ref, OrderStore.PENDING);
                    OrderStore.replaceLines(c, ref, lines);
                    c.commit();
                    return null;
                }
                c.commit();
                if (OrderStore.PENDING.equals(v.status())) {
                    throw new OrderConflictException("ORDER_IN_PROGRESS", "order " + ref.orderNo()
                            + " is being reserved by another request; try again shortly");
                }
                if (!sameLines(v.lines(), lines)) {
                    throw new OrderConflictException("ORDER_EXISTS", "order " + ref.orderNo() + " exists with "
                            + "other lines (status " + v.status() + "); an order is created once");
                }
                return v;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
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
                try {
                    OperationResult r = engine.applyAdmitted(List.of(op(ref, OperationType.RELEASE, sku,
                            entry.getValue(), null))).get(0);
                    done = r.status() == ResultStatus.APPLIED
                            || ResultCodes.NOTHING_TO_RELEASE.equals(r.code());
                } catch (RuntimeException e) {
                    LOG.warn("releasing {} of order {} failed (attempt {}): {}", sku, ref.orderNo(), attempt,
                            e.toString());
                }
            }
            if (!done) {
                LOG.error("order {}/{}/{}: the reservation of {} could not be released; the order stays PENDING "
                        + "and the reservation stays until released by a RELEASE operation", ref.tenant(),
                        ref.warehouse(), ref.orderNo(), sku);
                all = false;
            }
        }
        return all;
    }

    private void finish(OrderStore.Ref ref, String status, List<OrderStore.Line> lines, boolean reserved)
            throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                OrderStore.lockStatus(c, ref);
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
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Operation op(OrderStore.Ref ref, OperationType type, String sku, long qty, String location) {
        return Operation.builder().opId(OperationIds.newId()).tenant(ref.tenant()).warehouse(ref.warehouse())
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
