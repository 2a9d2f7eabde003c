package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.LogText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What site IT did, for site IT's page, and the failed sign-ins, each in its own table of gateway.db
 * (GatewaySchema version 2):
 * <pre>
 * admin_actions(id INTEGER PRIMARY KEY AUTOINCREMENT, at, actor, action, target, detail, status)
 *   actor = a signed-in user name, or "admin-token" for the API token; status = the HTTP status answered
 * sign_in_failures(id INTEGER PRIMARY KEY AUTOINCREMENT, at, source, username, reason, status)
 *   source = the client address; username = what was typed (data, never an actor)
 * </pre>
 * Each table keeps its newest {@code fg.web.audit-keep} rows (older ones are deleted with each 100th row of that
 * table), so failed sign-ins, which anyone on the LAN can cause, prune only failed sign-ins and never an admin
 * action (issue 22 finding 3). Each record is its own transaction (durable when the call returns). Log lines carry
 * client text through {@link LogText#safe}, so a user name with a newline cannot forge a line.
 */
public final class AuditLog {
    static final int MAX_LIST = 500;
    private static final int FIELD_MAX = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final GatewayDatabase db;
    private final int keep;
    private long actions;
    private long failures;

    public AuditLog(GatewayDatabase db, WebConfiguration config) {
        this.db = db;
        this.keep = Math.max(100, config.getAuditKeep());
    }

    /**
     * Records an admin action by an authenticated actor; a failure to record is logged, never thrown (the action
     * itself has happened).
     */
    void record(String actor, String action, String target, String detail, int status) {
        LOG.info("admin action by {}: {} {} ({}) -> {}", LogText.safe(actor), LogText.safe(action),
                target == null ? "" : LogText.safe(target), detail == null ? "" : LogText.safe(detail), status);
        boolean prune;
        synchronized (this) {
            prune = ++actions % 100 == 0;
        }
        insert("INSERT INTO admin_actions (at, actor, action, target, detail, status) VALUES (?, ?, ?, ?, ?, ?)",
                "admin_actions", prune, status, actor == null ? "?" : actor, action, target, detail);
    }

    /** Records a refused sign-in: the typed name is kept as data; it never becomes an actor. */
    void recordFailedSignIn(String source, String typedName, String reason, int status) {
        LOG.warn("failed sign-in from {} as '{}': {} -> {}", LogText.safe(source), LogText.safe(typedName),
                LogText.safe(reason), status);
        boolean prune;
        synchronized (this) {
            prune = ++failures % 100 == 0;
        }
        insert("INSERT INTO sign_in_failures (at, source, username, reason, status) VALUES (?, ?, ?, ?, ?)",
                "sign_in_failures", prune, status, source == null ? "?" : source, typedName,
                reason == null ? "" : reason);
    }

    /** Inserts one row: {@code at} first, then the text columns (clipped), then the status. */
    private void insert(String sql, String table, boolean prune, int status, String... texts) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, Instant.now().toString());
                    for (int i = 0; i < texts.length; i++) {
                        ps.setString(i + 2, clip(texts[i]));
                    }
                    ps.setInt(texts.length + 2, status);
                    ps.executeUpdate();
                }
                if (prune) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id <= "
                            + "(SELECT MAX(id) FROM " + table + ") - ?")) {
                        ps.setInt(1, keep);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.warn("could not write a row to {} (gateway.db): {}", table, e.getMessage());
        }
    }

    /** One recorded admin action. */
    record Entry(long id, String at, String actor, String action, String target, String detail, int status) {
    }

    /** One refused sign-in. */
    record FailedSignIn(long id, String at, String source, String username, String reason, int status) {
    }

    /** The newest {@code limit} admin actions, newest first. */
    List<Entry> list(int limit) throws SQLException {
        int n = Math.max(1, Math.min(limit, MAX_LIST));
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, target, detail, status "
                    + "FROM admin_actions ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getInt(7)));
                    }
                }
            }
            return out;
        });
    }

    /** The newest {@code limit} failed sign-ins, newest first. */
    List<FailedSignIn> failedSignIns(int limit) throws SQLException {
        int n = Math.max(1, Math.min(limit, MAX_LIST));
        return db.read(c -> {
            List<FailedSignIn> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, source, username, reason, status "
                    + "FROM sign_in_failures ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FailedSignIn(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6)));
                    }
                }
            }
            return out;
        });
    }

    private static String clip(String s) {
        return s == null || s.length() <= FIELD_MAX ? s : s.substring(0, FIELD_MAX) + "...";
    }
}
