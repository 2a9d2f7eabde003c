package dev.floorgate.core.internal;

import io.lettuce.core.ScriptOutputType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares every stock record in Redis with its MySQL row, bucket by bucket, at a consistent cut, and reports the
 * differences (the report, the {@code fg_core_reconcile_differences} metric, one WARN line each). The buckets are
 * those of every tenant Redis holds keys of (TenantRegistry, read fresh) or MySQL holds stock of. It never
 * corrects anything; corrections are explicit admin actions (CorrectionService).
 *
 * <p>The cut, per bucket: read the trim watermark, then the bucket's MySQL rows, then atomically (snapshot.lua)
 * every record of the bucket with its sequence and every stock event still in the stream. Redis is read last, so
 * it is at or ahead of MySQL; what lies between is exactly the events with a sequence above the MySQL row's, which
 * must all still be in the stream (events are trimmed only after commit, and a trim since the watermark read moves
 * the watermark: the bucket is then read again). So for a record with Redis sequence v and MySQL sequence m:
 * v = m: the figures must be equal; v &gt; m: the v - m events in between must be in the stream and the newest must
 * carry Redis's figures (in flight, not a difference); v &lt; m: Redis lost writes MySQL has.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int MAX_ATTEMPTS = 10;
    private final RedisConnector redis;
    private final Database db;
    private final TenantDatabases tenantDbs;
    private final Set<String> knownTenants;
    private final KeyLayout keys;
    private final TenantRegistry tenants;
    private final LuaScript snapshotScript;
    private final CoreMetrics metrics;
    private final int maxDifferences;
    private volatile ReconcileReport last;

    /** @param knownTenants the tenants of the core's keys: their buckets are read on their own connections */
    Reconciler(RedisConnector redis, Database db, TenantDatabases tenantDbs, Set<String> knownTenants, KeyLayout keys,
            TenantRegistry tenants, LuaScript snapshotScript, CoreMetrics metrics, int maxDifferences) {
        this.tenantDbs = tenantDbs;
        this.knownTenants = knownTenants;
        this.tenants = tenants;
        this.redis = redis;
        this.db = db;
        this.keys = keys;
        this.snapshotScript = snapshotScript;
        this.metrics = metrics;
        this.maxDifferences = maxDifferences;
    }

    /** The last report, or null before the first run. */
    ReconcileReport last() {
        return last;
    }

    synchronized ReconcileReport run(String trigger) throws SQLException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<ReconcileReport.Difference> differences = new ArrayList<>();
        int[] counts = new int[3]; // records, onlyInMysql, differenceCount
        long[] inFlight = new long[1];
        for (Bucket b : keys.bucketsOf(tenantsWithStock())) {
            reconcileBucket(b, differences, counts, inFlight);
        }
        ReconcileReport report = new ReconcileReport(trigger, started.toString(), (System.nanoTime() - t0) / 1_000_000,
                counts[0], counts[1], inFlight[0], counts[2], differences);
        metrics.reconciled(counts[2]);
        last = report;
        if (counts[2] == 0) {
            LOG.info("reconciliation ({}): {} records agree, {} events in flight, {} only in MySQL", trigger,
                    counts[0], inFlight[0], counts[1]);
        } else {
            LOG.warn("reconciliation ({}): {} differences in {} records", trigger, counts[2], counts[0]);
        }
        return report;
    }

    /**
     * The tenants with keys in Redis and those with stock rows in MySQL (a record only there is a difference). The
     * one read of all tenants at once, on the core's connection: which tenants have stock rows at all (codes only,
     * no figures) is a question about every tenant, and a tenant whose Redis keys are all gone would be missed by a
     * per-tenant loop over the tenants Redis knows. Each bucket's rows are then read on the tenant's own connection.
     */
    private Set<String> tenantsWithStock() throws SQLException {
        Set<String> all = new TreeSet<>(tenants.fresh());
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT tenant FROM stock"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        return all;
    }

    private void reconcileBucket(Bucket b, List<ReconcileReport.Difference> differences, int[] counts, long[] inFlight)
            throws SQLException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String watermark = redis.await(redis.async().get(b.watermark()));
            Map<String, ReconcileReport.Figures> mysql = mysqlRows(b);
            List<Object> snap = redis.await(redis.<List<Object>>eval(snapshotScript, ScriptOutputType.MULTI,
                    new String[] {b.records(), b.stream(), b.watermark()}, b.prefix()));
            if (!String.valueOf(snap.get(0)).equals(watermark == null ? "0" : watermark)) {
                continue; // trimmed meanwhile: an event committed after the MySQL read may be gone; read again
            }
            compare(snap, mysql, differences, counts, inFlight);
            return;
        }
        throw new IllegalStateException("reconciling bucket " + b + " failed " + MAX_ATTEMPTS
                + " times because the write-back kept trimming it meanwhile");
    }

    private void compare(List<Object> snap, Map<String, ReconcileReport.Figures> mysql,
            List<ReconcileReport.Difference> differences, int[] counts, long[] inFlight) {
        Map<String, List<long[]>> events = new HashMap<>(); // rec -> {seq, oh, us, rs}
        for (Object o : (List<?>) snap.get(2)) {
            List<?> e = (List<?>) o;
            events.computeIfAbsent(String.valueOf(e.get(0)), k -> new ArrayList<>())
                    .add(new long[] {num(e.get(1)), num(e.get(2)), num(e.get(3)), num(e.get(4))});
        }
        for (Object o : (List<?>) snap.get(1)) {
            List<?> s = (List<?>) o;
            String rec = String.valueOf(s.get(0));
            ReconcileReport.Figures r = new ReconcileReport.Figures(num(s.get(1)), num(s.get(2)), num(s.get(3)),
                    num(s.get(4)));
            ReconcileReport.Figures m = mysql.remove(rec);
            ReconcileReport.Figures mOrZero = m != null ? m : new ReconcileReport.Figures(0, 0, 0, 0);
            counts[0]++;
            String kind = null;
            String detail = null;
            if (r.onHand() != r.usable() + r.reserved() || r.usable() < 0 || r.reserved() < 0) {
                kind = "INVARIANT";
                detail = "Redis holds onHand " + r.onHand() + " != usable " + r.usable() + " + reserved "
                        + r.reserved() + " or a figure below 0";
            } else if (r.seq() == mOrZero.seq()) {
                if (r.onHand() != mOrZero.onHand() || r.usable() != mOrZero.usable()
                        || r.reserved() != mOrZero.reserved()) {
                    kind = "MISMATCH";
                    detail = "both at sequence " + r.seq() + " but the figures differ";
                }
            } else if (r.seq() > mOrZero.seq()) {
                long between = 0;
                long[] newest = null;
                for (long[] e : events.getOrDefault(rec, List.of())) {
                    if (e[0] > mOrZero.seq() && e[0] <= r.seq()) {
                        between++;
                        if (newest == null || e[0] > newest[0]) {
                            newest = e;
                        }
                    }
                }
                long expected = r.seq() - mOrZero.seq();
                if (between != expected || newest[0] != r.seq() || newest[1] != r.onHand() || newest[2] != r.usable()
                        || newest[3] != r.reserved()) {
                    kind = "MISSING_WRITEBACK";
                    detail = "Redis is at sequence " + r.seq() + ", MySQL at " + mOrZero.seq() + ", but " + between
                            + " of the " + expected + " events in between are in the write-back stream";
                } else {
                    inFlight[0] += between;
                }
            } else {
                kind = "REDIS_BEHIND";
                detail = "MySQL is at sequence " + mOrZero.seq() + " but Redis only at " + r.seq()
                        + ": Redis lost writes (failover or restore)";
            }
            if (kind != null) {
                counts[2]++;
                String[] p = KeyLayout.parseRecordId(rec);
                LOG.warn("reconciliation difference {} on {}/{}/{}: {}; redis {} mysql {}", kind, p[0], p[1], p[2],
                        detail, r, m);
                if (differences.size() < maxDifferences) {
                    differences.add(new ReconcileReport.Difference(p[0], p[1], p[2], kind, detail, r, m));
                }
            }
        }
        counts[1] += mysql.size();
    }

    private Map<String, ReconcileReport.Figures> mysqlRows(Bucket bucket) throws SQLException {
        Map<String, ReconcileReport.Figures> rows = new HashMap<>();
        // One tenant's bucket: its own connection, whose view shows its own stock rows only. A tenant no key holds
        // (its operations are UNKNOWN_TENANT rejections, written back on the core's connection, see
        // WriteBackWriter) is read on the core's: its own would create a schema and user for it.
        boolean own = bucket.tenant() != null && knownTenants.contains(bucket.tenant());
        try (Connection c = own ? tenantDbs.connection(bucket.tenant()) : db.connection();
                PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, warehouse, sku, on_hand, usable, reserved, seq FROM stock "
                        + "WHERE tenant = ? AND bucket = ?")) {
            ps.setString(1, bucket.tenant());
            ps.setInt(2, bucket.number());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(KeyLayout.recordId(rs.getString(1), rs.getString(2), rs.getString(3)),
                            new ReconcileReport.Figures(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        return rows;
    }

    private static long num(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        return o == null || o.toString().isEmpty() ? 0 : Long.parseLong(o.toString());
    }
}
