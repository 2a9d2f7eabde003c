package dev.floorgate.core.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the transactional outbox ({@code event_outbox}, schema in V15_1) with the caller's connection,
 * inside the caller's transaction: the write-back's batch (operation.applied, stock.corrected, order.picked,
 * order.shipped) and the order saga's steps (order.reserved, order.rejected, order.cancelled, order.stuck). The
 * commit of that transaction is the commit point of the event too; EventPublisher sends it afterwards.
 *
 * <p>Event ids are deterministic, so writing the same event twice (a write-back batch replayed after a crash, a
 * scan reporting the same stuck order again) inserts nothing ({@code INSERT IGNORE} on the unique event_id): an
 * operation's event id is its opId; an order event's id is a name-based UUID of its type, the order, the order's
 * attempt and a step detail. The payload format is EVENTS.md, schema {@value #SCHEMA}.
 */
final class EventOutbox {
    static final String SCHEMA = "floorgate.event/1";
    private static final int ROWS_PER_STATEMENT = 200;
    private final boolean enabled;

    EventOutbox(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** One event ready for the outbox. */
    record Event(String eventId, String tenant, String warehouse, String type, String dataJson) {
        String routingKey() {
            return EventOutbox.routingKey(tenant, warehouse, type);
        }
    }

    /** The operation.applied / stock.corrected events of a write-back batch (applied operations and corrections). */
    void addWriteBack(Connection c, List<WriteBackEvent> events) throws SQLException {
        if (!enabled) {
            return;
        }
        List<Event> out = new ArrayList<>();
        for (WriteBackEvent e : events) {
            if (!e.changesStock() || e.opId() == null) {
                continue;
            }
            String[] rec = e.record();
            StringBuilder d = new StringBuilder(256);
            d.append("{\"sku\":").append(quote(rec[2])).append(",\"seq\":").append(e.seq())
                    .append(",\"stock\":{\"onHand\":").append(e.num("oh")).append(",\"usable\":").append(e.num("us"))
                    .append(",\"reserved\":").append(e.num("rs")).append('}');
            Long delta = e.optionalNum("d");
            if (delta != null) {
                d.append(",\"delta\":").append(delta);
            }
            String j = e.f().get("j");
            boolean correction = "C".equals(e.kind());
            d.append(correction ? ",\"correction\":" : ",\"operation\":").append(j == null || j.isEmpty() ? "{}" : j);
            d.append('}');
            out.add(new Event(e.opId(), rec[0], rec[1], correction ? "stock.corrected" : "operation.applied",
                    d.toString()));
        }
        add(c, out);
    }

    /** One event of an order's saga (its id derived from type, order, attempt and {@code detail}). */
    void addOrderEvent(Connection c, OrderStore.Ref ref, int attempt, String type, String detail, String dataJson)
            throws SQLException {
        if (!enabled) {
            return;
        }
        String name = type + "\n" + ref.tenant() + "\n" + ref.warehouse() + "\n" + ref.orderNo() + "\n" + attempt
                + "\n" + detail;
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        add(c, List.of(new Event(id, ref.tenant(), ref.warehouse(), type, dataJson)));
    }

    void add(Connection c, List<Event> events) throws SQLException {
        String recordedAt = Instant.now().toString();
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<Event> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            String row = "(?, ?, ?, ?)";
            String sql = "INSERT IGNORE INTO event_outbox (event_id, routing_key, type, payload) VALUES "
                    + (row + ",").repeat(chunk.size() - 1) + row;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Event e : chunk) {
                    ps.setString(i++, e.eventId());
                    ps.setString(i++, e.routingKey());
                    ps.setString(i++, e.type());
                    ps.setString(i++, envelope(e, recordedAt));
                }
                ps.executeUpdate();
            }
        }
    }

    static String envelope(Event e, String recordedAt) {
        return "{\"schema\":\"" + SCHEMA + "\",\"eventId\":" + quote(e.eventId()) + ",\"type\":" + quote(e.type())
                + ",\"tenant\":" + quote(e.tenant()) + ",\"warehouse\":" + quote(e.warehouse()) + ",\"recordedAt\":"
                + quote(recordedAt) + ",\"data\":" + e.dataJson() + "}";
    }

    /**
     * {@code tenant.warehouse.type}. A '.' inside a tenant or warehouse code (codes allow it) is sent as "%2E" so
     * the key keeps exactly three leading words; codes never contain '%', so the encoding is unambiguous.
     */
    static String routingKey(String tenant, String warehouse, String type) {
        return word(tenant) + "." + word(warehouse) + "." + type;
    }

    static String word(String code) {
        return code.replace(".", "%2E");
    }

    /** A JSON string literal. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
