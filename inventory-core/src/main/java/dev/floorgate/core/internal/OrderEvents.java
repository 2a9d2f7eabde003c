package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The order saga's events (EVENTS.md): their data and their derived ids. Each is written into the outbox in the
 * transaction that makes the step durable, so an event exists exactly when its step committed.
 */
final class OrderEvents {
    static final String RESERVED = "order.reserved";
    static final String REJECTED = "order.rejected";
    static final String CANCELLED = "order.cancelled";
    static final String PICKED = "order.picked";
    static final String SHIPPED = "order.shipped";
    static final String STUCK = "order.stuck";

    private OrderEvents() {
    }

    /** order.reserved: every line of the order is reserved. */
    static void reserved(Connection c, EventOutbox outbox, OrderStore.View order, int attempt) throws SQLException {
        outbox.addOrderEvent(c, order.ref(), attempt, RESERVED, "", order(order, attempt, null));
    }

    /** order.picked / order.shipped when the write-back moved the order there. */
    static void statusReached(Connection c, EventOutbox outbox, OrderStore.View order, int attempt)
            throws SQLException {
        String type = OrderStore.SHIPPED.equals(order.status()) ? SHIPPED : PICKED;
        outbox.addOrderEvent(c, order.ref(), attempt, type, "", order(order, attempt, null));
    }

    /** order.rejected: a line could not be reserved (or the saga was abandoned); nothing of the order is held. */
    static void rejected(Connection c, EventOutbox outbox, OrderStore.Ref ref, int attempt, Integer line, String sku,
            String code, String reason) throws SQLException {
        String data = "{\"orderNo\":" + EventOutbox.quote(ref.orderNo()) + ",\"attempt\":" + attempt + ",\"line\":"
                + (line == null ? "null" : line) + ",\"sku\":" + EventOutbox.quote(sku) + ",\"code\":"
                + EventOutbox.quote(code) + ",\"reason\":" + EventOutbox.quote(reason) + "}";
        outbox.addOrderEvent(c, ref, attempt, REJECTED, "", data);
    }

    /** order.cancelled: a cancel released everything the order held. */
    static void cancelled(Connection c, EventOutbox outbox, OrderStore.View order, int attempt) throws SQLException {
        outbox.addOrderEvent(c, order.ref(), attempt, CANCELLED, "", order(order, attempt, null));
    }

    /** order.stuck: the scan found the order in {@code status} longer than allowed (once per attempt and status). */
    static void stuck(Connection c, EventOutbox outbox, OrderStore.View order, int attempt, long sinceMillis)
            throws SQLException {
        outbox.addOrderEvent(c, order.ref(), attempt, STUCK, order.status(),
                order(order, attempt, "\"stuckForSeconds\":" + (sinceMillis / 1000)));
    }

    static String order(OrderStore.View v, int attempt, String extra) {
        StringBuilder b = new StringBuilder(128 + 96 * v.lines().size());
        b.append("{\"orderNo\":").append(EventOutbox.quote(v.ref().orderNo())).append(",\"status\":")
                .append(EventOutbox.quote(v.status())).append(",\"attempt\":").append(attempt);
        if (extra != null) {
            b.append(',').append(extra);
        }
        b.append(",\"lines\":[");
        for (int i = 0; i < v.lines().size(); i++) {
            OrderStore.Line l = v.lines().get(i);
            b.append(i == 0 ? "" : ",").append("{\"lineNo\":").append(l.lineNo()).append(",\"sku\":")
                    .append(EventOutbox.quote(l.sku())).append(",\"qty\":").append(l.qty()).append(",\"reserved\":")
                    .append(l.reserved()).append(",\"picked\":").append(l.picked()).append(",\"location\":")
                    .append(EventOutbox.quote(l.location())).append('}');
        }
        return b.append("]}").toString();
    }
}
