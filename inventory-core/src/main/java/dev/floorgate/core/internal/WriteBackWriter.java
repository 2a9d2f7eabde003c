package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of write-back events into MySQL in ONE transaction per tenant: a ledger row per event, the newest
 * figures of every stock record and reservation touched, the lines and status of the known orders touched, and the
 * events out for the bus (EventOutbox: one per applied operation or correction, order.picked/order.shipped).
 *
 * <p>Each tenant's part is committed on that tenant's own connection (TenantDatabases: its MySQL user, its schema's
 * views of its own rows, docs/TENANTS.md), so a bug here cannot write another tenant's stock or ledger: the server
 * refuses a row naming another tenant. The write-back reads one (tenant, bucket) stream at a time, so a batch is
 * one tenant and one transaction; only the layout-1 upgrade (RedisLayoutUpgrade) hands over batches of a shared
 * stream, which are split per tenant and committed one after the other. The events out go to the tenant schema's
 * own outbox inside that transaction (the shared one is not reachable from the tenant's connection);
 * TenantOutboxRelay moves them on, nudged by {@code afterTenantCommit}. A tenant no key of this core holds stays on
 * the core's connection ({@link #connectionOf} says why).
 *
 * <p>Every statement is safe to repeat, which is the whole crash argument of the write-back: the ledger insert
 * skips an opId that is already there (unique key), and stock and reservation rows only move to a higher
 * per-record sequence ({@code seq}). So a batch committed but not acknowledged in Redis (a crash between the two,
 * or between two tenants' commits of a split batch) is re-read from the pending list and written again with no
 * effect.
 */
final class WriteBackWriter {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBackWriter.class);
    private static final int ROWS_PER_STATEMENT = 250;
    private static final String LEDGER_COLUMNS = "op_id, kind, tenant, warehouse, sku, type, qty, location, "
            + "to_location, order_no, lot, serial, expiry, device_id, operator, occurred_at, fingerprint, status, "
            + "code, message, on_hand, usable, reserved, delta, seq, op_json";
    private static final int LEDGER_WIDTH = 26;
    /** ER_VIEW_CHECK_FAILED: on a tenant's view, the duplicate key of an upsert is a row of another tenant. */
    static final int VIEW_CHECK_FAILED = 1369;

    private final Database core;
    private final TenantDatabases tenants;
    private final Set<String> knownTenants;
    private final KeyLayout keys;
    private final EventOutbox outbox;
    private final Runnable afterTenantCommit;

    /** @param knownTenants the tenants of the core's keys, written on their own connections (see writeTenant) */
    WriteBackWriter(Database core, TenantDatabases tenants, Set<String> knownTenants, KeyLayout keys,
            EventOutbox outbox, Runnable afterTenantCommit) {
        this.core = core;
        this.tenants = tenants;
        this.knownTenants = knownTenants;
        this.keys = keys;
        this.outbox = outbox;
        this.afterTenantCommit = afterTenantCommit;
    }

    /** What one commit did: ledger rows inserted, and events whose ledger row already existed (replays). */
    record Outcome(int inserted, int replayed) {
    }

    /**
     * Some tenants' parts of a batch committed and others' failed (their MySQL refused or failed): the caller
     * acknowledges {@link #committed} only; the failed tenants' events stay pending. One tenant's failure (its
     * grants revoked, its schema dropped) thus never holds back another tenant's write-back.
     */
    static final class PartlyWritten extends SQLException {
        private final transient List<WriteBackEvent> committed;
        private final transient Map<String, Exception> failures;
        private final int inserted;

        PartlyWritten(List<WriteBackEvent> committed, int inserted, Map<String, Exception> failures) {
            super("write-back of tenant(s) " + failures.keySet() + " failed (" + committed.size()
                    + " events of other tenants committed): " + failures.values().iterator().next(),
                    failures.values().iterator().next());
            this.committed = committed;
            this.inserted = inserted;
            this.failures = failures;
        }

        /** The events whose tenant's transaction committed. */
        List<WriteBackEvent> committed() {
            return committed;
        }

        /** What the committed part did. */
        Outcome committedOutcome() {
            return new Outcome(inserted, committed.size() - inserted);
        }

        /** Per failed tenant, why. */
        Map<String, Exception> failures() {
            return failures;
        }
    }

    /**
     * Writes the batch, one transaction per tenant. Throws {@link PartlyWritten} if any tenant's part failed: the
     * other tenants' parts are committed all the same.
     */
    Outcome write(List<WriteBackEvent> events) throws SQLException {
        Map<String, List<WriteBackEvent>> byTenant = new LinkedHashMap<>();
        for (WriteBackEvent e : events) {
            byTenant.computeIfAbsent(e.record()[0], t -> new ArrayList<>()).add(e);
        }
        int inserted = 0;
        List<WriteBackEvent> committed = new ArrayList<>();
        Map<String, Exception> failures = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<WriteBackEvent>> part : byTenant.entrySet()) {
                try {
                    inserted += writeTenant(part.getKey(), part.getValue());
                    committed.addAll(part.getValue());
                } catch (SQLException | RuntimeException e) {
                    failures.put(part.getKey(), e);
                }
            }
        } finally {
            if (outbox.enabled() && !committed.isEmpty()) {
                afterTenantCommit.run(); // the tenant outbox's rows move on now, not at the relay's next sweep
            }
        }
        if (!failures.isEmpty()) {
            throw new PartlyWritten(committed, inserted, failures);
        }
        return new Outcome(inserted, events.size() - inserted);
    }

    /** One tenant's events in one transaction on its own connection; returns the ledger rows inserted. */
    private int writeTenant(String tenant, List<WriteBackEvent> events) throws SQLException {
        try {
            return writeTenant(tenant, events, false);
        } catch (SQLException e) {
            if (e.getErrorCode() != VIEW_CHECK_FAILED) {
                throw e;
            }
            // An opId of this batch is in another tenant's ledger row: the upsert's duplicate key is a row this
            // tenant's view refuses. Redis's claim and the ledger check answer such an opId OP_ID_REUSED before it
            // is applied, so this is the rare leftover (a claim expired before its write-back). Writing the batch
            // again with the ledger rows as INSERT IGNORE keeps the stream moving; the other tenant's row is kept.
            LOG.warn("write-back of tenant {}: a ledger row's op_id is held by another tenant ({}); writing the {} "
                    + "events again without those ledger rows", tenant, e.getMessage(), events.size());
            return writeTenant(tenant, events, true);
        }
    }

    private int writeTenant(String tenant, List<WriteBackEvent> events, boolean skipForeignOpIds)
            throws SQLException {
        try (Connection c = connectionOf(tenant)) {
            // Commit point: when Transactions.run returns, the events are durable in MySQL and may be acknowledged.
            return Transactions.run(c, tx -> {
                int inserted = insertLedger(tx, events, skipForeignOpIds);
                if (skipForeignOpIds) {
                    logForeignOpIds(tx, tenant, events);
                }
                upsertStock(tx, events);
                Set<OrderStore.Ref> orders = upsertReservations(tx, events);
                if (!orders.isEmpty()) {
                    for (OrderStore.Ref ref : OrderStore.tracked(tx, orders)) {
                        OrderStore.refresh(tx, ref, outbox);
                    }
                }
                outbox.addWriteBack(tx, events); // the events out (tenant outbox), committed with the figures
                return inserted;
            });
        }
    }

    /**
     * The tenant's own connection, for a tenant of the core's keys. A tenant no key holds stays on the core's
     * connection: its operations (in process only; the HTTP API refuses them with 403) are UNKNOWN_TENANT rejections,
     * ledger rows with that tenant code and no stock, no reservation and no event. Its own connection would create
     * a schema and a MySQL user for a tenant that does not exist, or with fg.mysql.add-tenants-at-start=false fail
     * for good and keep its stream pending (its lag would count against every tenant's shedding).
     */
    private Connection connectionOf(String tenant) throws SQLException {
        return tenant == null || !knownTenants.contains(tenant) ? core.connection() : tenants.connection(tenant);
    }

    /** Names the opIds of the batch that this tenant's ledger view does not hold after the insert. */
    private static void logForeignOpIds(Connection c, String tenant, List<WriteBackEvent> events) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        for (WriteBackEvent e : events) {
            ids.add(e.opId());
        }
        ids.remove(null);
        if (ids.isEmpty()) {
            return;
        }
        Set<String> own = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT op_id FROM ledger WHERE op_id IN ("
                + "?,".repeat(ids.size() - 1) + "?)")) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    own.add(rs.getString(1));
                }
            }
        }
        ids.removeAll(own);
        LOG.error("write-back of tenant {}: op ids {} are in another tenant's ledger rows; this tenant's stock "
                + "follows Redis, but its ledger has no row for them", tenant, ids);
    }

    private int insertLedger(Connection c, List<WriteBackEvent> events, boolean skipForeignOpIds)
            throws SQLException {
        int inserted = 0;
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<WriteBackEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            String row = "(" + "?,".repeat(LEDGER_WIDTH - 1) + "?)";
            String values = " VALUES " + (row + ",").repeat(chunk.size() - 1) + row;
            // INSERT IGNORE only in the fallback: it would also turn a too-long value into a silent truncation
            String sql = skipForeignOpIds ? "INSERT IGNORE INTO ledger (" + LEDGER_COLUMNS + ")" + values
                    : "INSERT INTO ledger (" + LEDGER_COLUMNS + ")" + values + " ON DUPLICATE KEY UPDATE op_id = op_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (WriteBackEvent e : chunk) {
                    i = bindLedger(ps, i, e);
                }
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }

    private static int bindLedger(PreparedStatement ps, int i, WriteBackEvent e) throws SQLException {
        Operation op = e.operation();
        String[] rec = e.record();
        ps.setString(i++, e.opId());
        ps.setString(i++, e.kind());
        ps.setString(i++, rec[0]);
        ps.setString(i++, rec[1]);
        ps.setString(i++, rec[2]);
        ps.setString(i++, op == null ? "CORRECTION" : op.typeName());
        setLong(ps, i++, op == null ? null : op.qty());
        ps.setString(i++, op == null ? null : op.location());
        ps.setString(i++, op == null ? null : op.toLocation());
        ps.setString(i++, op == null ? null : op.orderNo());
        ps.setString(i++, op == null ? null : op.lot());
        ps.setString(i++, op == null ? null : op.serial());
        ps.setString(i++, op == null ? null : op.expiry());
        ps.setString(i++, op == null ? null : op.deviceId());
        ps.setString(i++, op == null ? null : op.operator());
        ps.setString(i++, op == null ? null : op.occurredAt());
        ps.setString(i++, e.f().getOrDefault("fp", ""));
        ps.setString(i++, e.f().get("st"));
        ps.setString(i++, e.text("c"));
        String message = e.text("m");
        ps.setString(i++, message == null || message.length() <= 1024 ? message : message.substring(0, 1024));
        boolean stock = e.changesStock();
        setLong(ps, i++, stock ? e.num("oh") : null);
        setLong(ps, i++, stock ? e.num("us") : null);
        setLong(ps, i++, stock ? e.num("rs") : null);
        setLong(ps, i++, e.optionalNum("d"));
        setLong(ps, i++, stock ? e.seq() : null);
        ps.setString(i++, e.f().getOrDefault("j", "{}"));
        return i;
    }

    /** The newest figures per record (highest seq), upserted only over an older seq. */
    private void upsertStock(Connection c, List<WriteBackEvent> events) throws SQLException {
        Map<String, WriteBackEvent> newest = new LinkedHashMap<>();
        for (WriteBackEvent e : events) {
            if (e.changesStock()) {
                newest.merge(e.rec(), e, (a, b) -> b.seq() > a.seq() ? b : a);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        List<WriteBackEvent> rows = new ArrayList<>(newest.values());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<WriteBackEvent> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String row = "(?, ?, ?, ?, ?, ?, ?, ?)";
            // Assignments run left to right, so seq is moved last, after the figures compared against it.
            String sql = "INSERT INTO stock (tenant, warehouse, sku, bucket, on_hand, usable, reserved, seq) VALUES "
                    + (row + ",").repeat(chunk.size() - 1) + row + " ON DUPLICATE KEY UPDATE "
                    + "on_hand = IF(VALUES(seq) > seq, VALUES(on_hand), on_hand), "
                    + "usable = IF(VALUES(seq) > seq, VALUES(usable), usable), "
                    + "reserved = IF(VALUES(seq) > seq, VALUES(reserved), reserved), "
                    + "bucket = VALUES(bucket), seq = GREATEST(seq, VALUES(seq))";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (WriteBackEvent e : chunk) {
                    String[] rec = e.record();
                    ps.setString(i++, rec[0]);
                    ps.setString(i++, rec[1]);
                    ps.setString(i++, rec[2]);
                    ps.setInt(i++, keys.bucketOf(e.rec()));
                    ps.setLong(i++, e.num("oh"));
                    ps.setLong(i++, e.num("us"));
                    ps.setLong(i++, e.num("rs"));
                    ps.setLong(i++, e.seq());
                }
                ps.executeUpdate();
            }
        }
    }

    /** The newest state per (record, order); returns the orders touched by applied events. */
    private static Set<OrderStore.Ref> upsertReservations(Connection c, List<WriteBackEvent> events)
            throws SQLException {
        Map<String, WriteBackEvent> newest = new LinkedHashMap<>();
        Set<String> shippedKeys = new LinkedHashSet<>();
        Set<OrderStore.Ref> touched = new LinkedHashSet<>();
        for (WriteBackEvent e : events) {
            String ord = e.text("ord");
            if (!"A".equals(e.kind()) || ord == null) {
                continue;
            }
            String[] rec = e.record();
            touched.add(new OrderStore.Ref(rec[0], rec[1], ord));
            if (e.text("os") == null) {
                continue; // SHIP of an order without a reservation on this record
            }
            String k = e.rec() + "\n" + ord;
            newest.merge(k, e, (a, b) -> b.seq() > a.seq() ? b : a);
            Operation op = e.operation();
            if (op != null && op.type() == OperationType.SHIP) {
                shippedKeys.add(k);
            }
        }
        if (newest.isEmpty()) {
            return touched;
        }
        List<Map.Entry<String, WriteBackEvent>> rows = new ArrayList<>(newest.entrySet());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<String, WriteBackEvent>> chunk = rows.subList(from,
                    Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
            String sql = "INSERT INTO reservations (tenant, warehouse, sku, order_no, state, reserved, picked, "
                    + "shipped, seq) VALUES " + (row + ",").repeat(chunk.size() - 1) + row + " ON DUPLICATE KEY UPDATE "
                    + "state = IF(VALUES(seq) > seq, VALUES(state), state), "
                    + "reserved = IF(VALUES(seq) > seq, VALUES(reserved), reserved), "
                    + "picked = IF(VALUES(seq) > seq, VALUES(picked), picked), "
                    + "shipped = GREATEST(shipped, VALUES(shipped)), seq = GREATEST(seq, VALUES(seq))";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Map.Entry<String, WriteBackEvent> entry : chunk) {
                    WriteBackEvent e = entry.getValue();
                    String[] rec = e.record();
                    ps.setString(i++, rec[0]);
                    ps.setString(i++, rec[1]);
                    ps.setString(i++, rec[2]);
                    ps.setString(i++, e.text("ord"));
                    ps.setString(i++, e.text("os"));
                    ps.setLong(i++, e.num("or"));
                    ps.setLong(i++, e.num("op_"));
                    ps.setInt(i++, shippedKeys.contains(entry.getKey()) ? 1 : 0);
                    ps.setLong(i++, e.seq());
                }
                ps.executeUpdate();
            }
        }
        return touched;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
