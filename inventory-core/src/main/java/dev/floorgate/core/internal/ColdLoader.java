package dev.floorgate.core.internal;

import io.lettuce.core.ScriptOutputType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a stock record that Redis lacks (first use, restart without persistence, flush, failover, eviction) back
 * from MySQL before any operation on it is applied.
 *
 * <p>The race to beat: events applied in Redis but not yet committed by the write-back are in neither MySQL
 * nor (if the record's hash is gone) the record. They are still in the bucket's stream, because the worker trims
 * an event only after its commit. So:
 * <ol>
 *   <li>read the bucket's trim watermark W (a counter the trim script bumps atomically with every trim);</li>
 *   <li>read the record from MySQL in one snapshot (it holds every commit made before step 2 began);</li>
 *   <li>run {@code load.lua} with W: it refuses if the watermark moved (an event may have been committed after
 *   step 2 and trimmed since: read again), else takes the newest event of the record beyond the MySQL sequence
 *   from the stream (events carry absolute figures), falls back to the MySQL figures, and writes the hash.</li>
 * </ol>
 * The script is a no-op if another caller loaded the record first. Trims happen once per
 * {@code fg.core.writeback.trim-interval}, so a retry almost always succeeds at once; attempts are bounded.
 */
final class ColdLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ColdLoader.class);
    private static final int MAX_ATTEMPTS = 20;
    private final RedisConnector redis;
    private final KeyLayout keys;
    private final TenantRegistry tenants;
    private final LedgerStore ledger;
    private final LuaScript script;
    private final long ttlMillis;

    ColdLoader(RedisConnector redis, KeyLayout keys, TenantRegistry tenants, LedgerStore ledger, LuaScript loadScript,
            long ttlMillis) {
        this.redis = redis;
        this.tenants = tenants;
        this.keys = keys;
        this.ledger = ledger;
        this.script = loadScript;
        this.ttlMillis = ttlMillis;
    }

    /** Makes sure the record is in Redis. Throws SQLException when MySQL fails, a Redis exception when Redis does. */
    void load(String rec) throws SQLException {
        String[] parts = KeyLayout.parseRecordId(rec);
        Bucket bucket = keys.bucket(rec);
        tenants.register(bucket.tenant()); // the load writes the record set and hashes under the tenant's tag
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String watermark = redis.await(redis.async().get(bucket.watermark()));
            LedgerStore.RecordSnapshot row = ledger.snapshot(parts[0], parts[1], parts[2]);
            List<String> keyList = new ArrayList<>();
            keyList.add(keys.stockKey(rec));
            keyList.add(bucket.stream());
            keyList.add(bucket.watermark());
            keyList.add(bucket.records());
            List<String> args = new ArrayList<>();
            args.add(rec);
            args.add(watermark == null ? "0" : watermark);
            args.add(Long.toString(row.seq()));
            args.add(Long.toString(row.onHand()));
            args.add(Long.toString(row.usable()));
            args.add(Long.toString(row.reserved()));
            args.add(row.history() ? "1" : "0");
            args.add(Long.toString(ttlMillis));
            args.add(Integer.toString(row.reservations().size()));
            for (LedgerStore.Reservation r : row.reservations()) {
                keyList.add(keys.orderKey(rec, r.orderNo()));
                args.add(Long.toString(r.reserved()));
                args.add(Long.toString(r.picked()));
            }
            List<Object> reply = redis.await(redis.<List<Object>>eval(script, ScriptOutputType.MULTI,
                    keyList.toArray(new String[0]), args.toArray(new String[0])));
            String outcome = String.valueOf(reply.get(0));
            if ("LOADED".equals(outcome)) {
                LOG.info("loaded stock record {} from MySQL (seq {}, {} active reservations, {} newer events from "
                        + "the write-back stream)", rec, row.seq(), row.reservations().size(), reply.get(1));
                return;
            }
            if ("EXISTS".equals(outcome)) {
                return;
            }
            LOG.debug("write-back trimmed bucket {} while loading {}; attempt {} of {}", bucket, rec, attempt,
                    MAX_ATTEMPTS);
        }
        throw new IllegalStateException("loading stock record " + rec + " failed " + MAX_ATTEMPTS
                + " times because the write-back kept trimming bucket " + bucket + " meanwhile");
    }
}
