package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-tenant switches for gray release without a redeploy (issue 14 item 3): a new code path is turned on for one
 * tenant, watched, then for the next. Stored in MySQL ({@code tenant_switches}, V15_14_5) so that every core instance
 * reads the same; each instance rereads the whole table every {@code fg.core.switches.refresh} (2s) and answers
 * from memory, so the hot path never queries MySQL. A tenant without a row gets the switch's configured default.
 * When MySQL is unreachable the last table read stays in force (logged once per failure streak).
 */
final class TenantSwitches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantSwitches.class);

    /** The switches there are; the admin API refuses other names. */
    enum Switch {
        /** Combine concurrent requests' operations per stock record (RecordCombiner). */
        COMBINING,
        /** Route hot records' traffic through the hot queue (HotRecords). */
        HOTSPOT_ISOLATION;

        String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Switch parse(String wire) {
            for (Switch s : values()) {
                if (s.wireName().equals(wire)) {
                    return s;
                }
            }
            return null;
        }
    }

    private final Database db;
    private final Map<Switch, Boolean> defaults;
    private final Duration refresh;
    private volatile Map<String, Map<Switch, Boolean>> rows = Map.of();
    private ScheduledExecutorService timer;
    private boolean failing;

    TenantSwitches(Database db, Map<Switch, Boolean> defaults, Duration refresh) {
        this.db = db;
        this.defaults = new EnumMap<>(defaults);
        this.refresh = refresh;
    }

    /** Reads the table once, then every refresh interval on a daemon thread. */
    TenantSwitches start() {
        try {
            reload();
        } catch (SQLException e) {
            throw new IllegalStateException("reading tenant_switches at start failed", e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-tenant-switches");
            t.setDaemon(true);
            return t;
        });
        long ms = refresh.toMillis();
        timer.scheduleWithFixedDelay(this::reloadQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    boolean on(String tenant, Switch s) {
        Map<Switch, Boolean> mine = rows.get(tenant);
        Boolean set = mine == null ? null : mine.get(s);
        return set != null ? set : defaults.getOrDefault(s, Boolean.FALSE);
    }

    /** Stores a tenant's switch (the commit is the decision) and rereads at once on this instance. */
    void set(String tenant, Switch s, boolean enabled) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "REPLACE INTO tenant_switches (tenant, switch_name, enabled) VALUES (?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, s.wireName());
            ps.setBoolean(3, enabled);
            ps.executeUpdate();
        }
        reload();
        LOG.info("tenant {}: switch {} set to {}", tenant, s.wireName(), enabled ? "on" : "off");
    }

    /** Every switch of the tenant as now in force: {name: on}. */
    Map<String, Boolean> of(String tenant) {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        for (Switch s : Switch.values()) {
            out.put(s.wireName(), on(tenant, s));
        }
        return out;
    }

    void reload() throws SQLException {
        Map<String, Map<Switch, Boolean>> read = new HashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, switch_name, enabled FROM tenant_switches"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Switch s = Switch.parse(rs.getString(2));
                if (s != null) { // a name from a newer core version: not ours to interpret
                    read.computeIfAbsent(rs.getString(1), t -> new EnumMap<>(Switch.class)).put(s, rs.getBoolean(3));
                }
            }
        }
        rows = read;
    }

    private void reloadQuietly() {
        try {
            reload();
            if (failing) {
                LOG.info("tenant_switches readable again");
            }
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("rereading tenant_switches failed; the last read stays in force: {}", e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
