package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What site IT did, for site IT's page: one row per admin action in gateway.db, newest kept.
 * <pre>
 * admin_audit(id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT, actor TEXT, action TEXT, target TEXT,
 *             detail TEXT, status INTEGER)
 *   actor = the signed-in user name, or "admin-token" for the API token; status = the HTTP status answered
 * </pre>
 * Each record is its own transaction (durable when {@link #record} returns). The newest {@code fg.web.audit-keep}
 * rows are kept; older ones are deleted with each 100th record.
 */
public final class AuditLog {
    static final int MAX_LIST = 500;
    private static final int FIELD_MAX = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final GatewayDatabase db;
    private final int keep;
    private long records;

    public AuditLog(GatewayDatabase db, WebConfiguration config) {
        this.db = db;
        this.keep = Math.max(100, config.getAuditKeep());
    }

    /** Records an action; a failure to record is logged, never thrown (the action itself has happened). */
    void record(String actor, String action, String target, String detail, int status) {
        LOG.info("admin action by {}: {} {} ({}) -> {}", actor, action, target == null ? "" : target,
                detail == null ? "" : detail, status);
        try {
            boolean prune;
            synchronized (this) {
                prune = ++records % 100 == 0;
            }
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_audit (at, actor, action, target, "
                        + "detail, status) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, Instant.now().toString());
                    ps.setString(2, clip(actor));
                    ps.setString(3, clip(action));
                    ps.setString(4, clip(target));
                    ps.setString(5, clip(detail));
                    ps.setInt(6, status);
                    ps.executeUpdate();
                }
                if (prune) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM admin_audit WHERE id <= "
                            + "(SELECT MAX(id) FROM admin_audit) - ?")) {
                        ps.setInt(1, keep);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.warn("could not record the admin action {} by {} in the audit table: {}", action, actor,
                    e.getMessage());
        }
    }

    /** One recorded admin action. */
    record Entry(long id, String at, String actor, String action, String target, String detail, int status) {
    }

    /** The newest {@code limit} entries, newest first. */
    List<Entry> list(int limit) throws SQLException {
        int n = Math.max(1, Math.min(limit, MAX_LIST));
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, target, detail, status "
                    + "FROM admin_audit ORDER BY id DESC LIMIT ?")) {
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

    private static String clip(String s) {
        return s == null || s.length() <= FIELD_MAX ? s : s.substring(0, FIELD_MAX) + "...";
    }
}
