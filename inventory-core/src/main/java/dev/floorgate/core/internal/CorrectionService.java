package dev.floorgate.core.internal;

import dev.floorgate.protocol.OperationIds;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explicit admin correction of one stock record: sets its figures in Redis (correct.lua), which writes a
 * write-back event of kind C like any operation, so MySQL follows through the ledger (a row of type CORRECTION)
 * and the stock row. The correction is also recorded with its reason, actor and the figures before it in the
 * {@code corrections} table. Nothing else in the core ever changes figures on its own. Central IT corrects one
 * tenant's record, so every MySQL read and write here (the record's sequence, the corrections row) is on that
 * tenant's own connection (docs/TENANTS.md); the ledger row and stock row follow through the write-back, also on it.
 */
final class CorrectionService {
    private static final Logger LOG = LoggerFactory.getLogger(CorrectionService.class);
    private final RedisConnector redis;
    private final KeyLayout keys;
    private final LuaScript script;
    private final ColdLoader loader;
    private final LedgerStore ledger;
    /** The corrections row goes on the tenant's own connection: it is one tenant's record. */
    private final TenantDatabases db;
    private final Database core;
    private final Set<String> knownTenants;
    private final JsonMapper json;
    private ReplicaConfirmer replicas = ReplicaConfirmer.OFF;

    CorrectionService(RedisConnector redis, KeyLayout keys, LuaScript correctScript, ColdLoader loader,
            LedgerStore ledger, TenantDatabases db, Database core, Set<String> knownTenants, JsonMapper json) {
        this.core = core;
        this.knownTenants = knownTenants;
        this.redis = redis;
        this.keys = keys;
        this.script = correctScript;
        this.loader = loader;
        this.ledger = ledger;
        this.db = db;
        this.json = json;
    }

    /** Answers a correction only once replicas hold it (fg.redis.wait-replicas; see ReplicaConfirmer). */
    CorrectionService confirmedBy(ReplicaConfirmer confirmer) {
        this.replicas = confirmer;
        return this;
    }

    /** What a correction did. */
    @Serdeable
    record Outcome(String opId, String tenant, String warehouse, String sku, ReconcileReport.Figures before,
            ReconcileReport.Figures after, String reason, String actor) {
    }

    Outcome correct(String tenant, String warehouse, String sku, long onHand, long usable, long reserved,
            String reason, String actor) throws SQLException, IOException {
        String rec = KeyLayout.recordId(tenant, warehouse, sku);
        Bucket bucket = keys.bucket(rec);
        String opId = OperationIds.newId();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("actor", actor);
        String bodyJson = json.writeValueAsString(body);
        for (int attempt = 0; attempt < 3; attempt++) {
            long mysqlSeq = ledger.seq(tenant, warehouse, sku);
            long redisEpoch = replicas.epoch();
            List<Object> reply = redis.await(redis.<List<Object>>eval(script, ScriptOutputType.MULTI,
                    new String[] {keys.stockKey(rec), bucket.stream()}, rec, Long.toString(onHand),
                    Long.toString(usable), Long.toString(reserved), Long.toString(mysqlSeq), opId, bodyJson));
            if ("LOAD".equals(String.valueOf(reply.get(0)))) {
                loader.load(rec);
                continue;
            }
            ReconcileReport.Figures before = new ReconcileReport.Figures(num(reply.get(1)), num(reply.get(2)),
                    num(reply.get(3)), 0);
            long seq = num(reply.get(4));
            // recorded and answered only once a replica holds it: a failover must not undo an answered correction
            replicas.requireConfirmed(redisEpoch, "the correction of " + tenant + "/" + warehouse + "/" + sku);
            ReconcileReport.Figures after = new ReconcileReport.Figures(onHand, usable, reserved, seq);
            record(opId, tenant, warehouse, sku, before, after, reason, actor);
            LOG.warn("admin correction {} by {} of {}/{}/{}: {} -> {} ({})", opId, actor, tenant, warehouse, sku,
                    before, after, reason);
            return new Outcome(opId, tenant, warehouse, sku, before, after, reason, actor);
        }
        throw new IllegalStateException("stock record " + rec + " vanished from Redis right after each of 3 loads");
    }

    private void record(String opId, String tenant, String warehouse, String sku, ReconcileReport.Figures before,
            ReconcileReport.Figures after, String reason, String actor) throws SQLException {
        // a tenant no key holds: on the core's connection, like its ledger and stock rows (see WriteBackWriter)
        try (Connection c = knownTenants.contains(tenant) ? db.connection(tenant) : core.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO corrections "
                + "(op_id, tenant, warehouse, sku, before_on_hand, before_usable, before_reserved, on_hand, usable, "
                + "reserved, reason, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, opId);
            ps.setString(2, tenant);
            ps.setString(3, warehouse);
            ps.setString(4, sku);
            ps.setLong(5, before.onHand());
            ps.setLong(6, before.usable());
            ps.setLong(7, before.reserved());
            ps.setLong(8, after.onHand());
            ps.setLong(9, after.usable());
            ps.setLong(10, after.reserved());
            ps.setString(11, reason);
            ps.setString(12, actor);
            ps.executeUpdate();
        }
    }

    private static long num(Object o) {
        return o instanceof Long l ? l : Long.parseLong(String.valueOf(o));
    }
}
