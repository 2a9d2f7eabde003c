package dev.floorgate.core.internal;

import dev.floorgate.core.StockService;
import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.InvalidOperationException;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationValidator;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import io.lettuce.core.SetArgs;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path: applies operations exactly once, never letting usable stock go below zero. Per batch:
 * <ol>
 *   <li>validate each operation and check its master data (tenant, warehouse, SKU, locations). Invalid ones are
 *   answered at once and not recorded (the answer depends on the body alone); unknown master data is a
 *   rejection that depends on state, so it is recorded like any other result;</li>
 *   <li>claim each opId with its body fingerprint ({@code SET fg:c:{opId} fp NX GET}). The claim is the one place
 *   where an opId is unique across stock records (they live in different slots); a different fingerprint is
 *   {@code OP_ID_REUSED}, never merged;</li>
 *   <li>ask the MySQL ledger first for operations Redis may have forgotten (see below);</li>
 *   <li>run {@code apply.lua} once per stock record with that record's operations in order: it checks each
 *   opId's idempotency hash, applies, stores the result and appends the write-back event in one atomic step.
 *   Records run concurrently (pipelined on the one connection); within a record the order is the batch's.</li>
 * </ol>
 *
 * <p><b>Idempotency beyond Redis.</b> Redis keeps a first result for {@code fg.core.idempotency-ttl}; the ledger
 * keeps it forever. A per-operation ledger query would put MySQL back on the hot path, so it is asked only when
 * Redis could have forgotten, which is when the operation's result hash is absent and: (a) it carries no time
 * ({@link OperationTime}: the gateway's corrected receive time, else the time in a UUIDv7/ULID id); (b) its time is
 * older than {@code now - ttl + margin}: the result may have expired; (b') its time is more than the margin ahead
 * of {@code now}: a clock that far off says nothing (apply.lua keeps such a result until its time is old); (c) the
 * stock record was reloaded from MySQL with history (Redis lost data: flush, failover, restart) and the id's time
 * is before {@code reload + margin}: the operation may have been applied before the loss; (d) the opId's claim
 * existed although its result does not (the result was lost on its own, or an attempt died between the claim and
 * the script). The margin ({@code fg.core.clock-skew-margin}, 24h) covers device clocks that run fast. (a) and (b)
 * are asked here before the script; (c) and (d) by the script, which answers LEDGER because only it sees the
 * result hash and the reload time atomically. A ledger miss is not yet proof: the write-back may not have
 * committed the operation, so the script also searches the bucket's stream, guarded by the trim watermark read
 * before the ledger query (as in ColdLoader). Records loaded without history (new records) need no check: nothing
 * was ever applied to them. What this cannot see: a result hash AND its claim both deleted within the TTL while
 * the record survives; Redis must therefore not evict keys ({@code maxmemory-policy noeviction}).
 */
final class OperationEngine implements StockService {
    private static final Logger LOG = LoggerFactory.getLogger(OperationEngine.class);
    static final String COUNT_BELOW_RESERVED = "COUNT_BELOW_RESERVED";

    private final RedisConnector redis;
    private final KeyLayout keys;
    private final ApplyCall call;
    private final ColdLoader loader;
    private final LedgerStore ledger;
    private final MasterDataStore master;
    private final LoadShedder shedder;
    private final CoreMetrics metrics;
    private final Set<String> knownTenants;
    private final long ttlMillis;
    private final long marginMillis;
    private final LongSupplier clock;
    private ReplicaConfirmer replicas = ReplicaConfirmer.OFF;
    private final RecordCombiner combiner;
    /** Per tenant: combine concurrent requests' operations per record (issue 14; TenantSwitches.COMBINING). */
    private final Predicate<String> combining;

    OperationEngine(RedisConnector redis, KeyLayout keys, LuaScript applyScript, ColdLoader loader, LedgerStore ledger,
            MasterDataStore master, LoadShedder shedder, CoreMetrics metrics, Set<String> knownTenants,
            long ttlMillis, long marginMillis, LongSupplier clock, Predicate<String> combining,
            TenantRegistry tenants) {
        this.redis = redis;
        this.keys = keys;
        this.call = new ApplyCall(redis, keys, tenants, applyScript, ttlMillis, marginMillis, metrics);
        this.combiner = new RecordCombiner(redis, call, loader, (ops, results) -> checkLedger(ops, results, false));
        this.combining = combining;
        this.loader = loader;
        this.ledger = ledger;
        this.master = master;
        this.shedder = shedder;
        this.metrics = metrics;
        this.knownTenants = knownTenants;
        this.ttlMillis = ttlMillis;
        this.marginMillis = marginMillis;
        this.clock = clock;
    }

    /** Answers only what replicas hold (fg.redis.wait-replicas; issue 14 item 5, see ReplicaConfirmer). */
    OperationEngine confirmedBy(ReplicaConfirmer confirmer) {
        this.replicas = confirmer;
        return this;
    }

    @Override
    public List<OperationResult> apply(List<Operation> operations) {
        shedder.check();
        return applyAdmitted(operations);
    }

    /** Applies without the shedding check: for compensations that must go through once work was admitted. */
    List<OperationResult> applyAdmitted(List<Operation> operations) {
        long started = System.nanoTime();
        long redisEpoch = replicas.epoch(); // before the first Redis command of the batch
        OperationResult[] results = new OperationResult[operations.size()];
        List<ApplyCall.Pending> pending = screen(operations, results);
        claim(pending, results);
        checkLedger(pending, results, true);
        holdBehindRetries(operations, pending, results);
        Map<String, ApplyCall.Group> groups = new LinkedHashMap<>();
        for (ApplyCall.Pending p : pending) {
            groups.computeIfAbsent(p.rec, ApplyCall.Group::new).ops.add(p);
        }
        // Records of tenants with combining share calls with concurrent requests (RecordCombiner); the others get
        // one call per record for this request alone, as before.
        List<ApplyCall.Group> alone = new ArrayList<>();
        List<RecordCombiner.Entry> combined = new ArrayList<>();
        for (ApplyCall.Group g : groups.values()) {
            if (combining.test(g.ops.get(0).op.tenant())) {
                combined.add(new RecordCombiner.Entry(g, results));
            } else {
                alone.add(g);
                g.reply = call.send(g);
            }
        }
        combiner.run(combined);
        for (ApplyCall.Group g : alone) {
            finish(g, results);
        }
        replicas.settle(results, redisEpoch); // WAIT: what no replica holds is answered RETRY
        List<OperationResult> out = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            OperationResult r = results[i];
            out.add(r);
            metrics.operation(operations.get(i).typeName(), r.status());
        }
        metrics.batch(operations.size(), System.nanoTime() - started);
        return out;
    }

    RecordCombiner combiner() {
        return combiner;
    }

    /** Step 1: validation and master data; returns the operations that go on to Redis. */
    private List<ApplyCall.Pending> screen(List<Operation> operations, OperationResult[] results) {
        List<ApplyCall.Pending> pending = new ArrayList<>();
        Map<String, String> masterVerdicts = new HashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            List<FieldProblem> problems = OperationValidator.problems(op);
            if (!problems.isEmpty()) {
                results[i] = OperationResult.rejected(op.opId(), ResultCodes.INVALID,
                        InvalidOperationException.join(problems));
                continue;
            }
            String verdict;
            try {
                verdict = master.verdict(op, knownTenants, masterVerdicts);
            } catch (SQLException e) {
                LOG.warn("master data lookup for op {} failed: {}", op.opId(), e.getMessage());
                results[i] = OperationResult.retry(op.opId(), "the database was unavailable while checking master "
                        + "data; not applied, send it again");
                continue;
            }
            if (verdict == null) {
                pending.add(new ApplyCall.Pending(i, op, null, null));
            } else {
                int cut = verdict.indexOf(' ');
                pending.add(new ApplyCall.Pending(i, op, verdict.substring(0, cut), verdict.substring(cut + 1)));
            }
        }
        return pending;
    }

    /** Step 2: claim every opId for its fingerprint; drops and answers the reused ones. */
    private void claim(List<ApplyCall.Pending> pending, OperationResult[] results) {
        List<CompletableFuture<String>> claims = new ArrayList<>(pending.size());
        SetArgs args = SetArgs.Builder.nx().px(ttlMillis);
        for (ApplyCall.Pending p : pending) {
            claims.add(redis.async().setGet(KeyLayout.claimKey(p.op.opId()), p.fingerprint, args)
                    .toCompletableFuture());
        }
        for (int i = pending.size() - 1; i >= 0; i--) {
            ApplyCall.Pending p = pending.get(i);
            try {
                String holder = redis.await(claims.get(i));
                if (holder != null && !holder.equals(p.fingerprint)) {
                    results[p.index] = ApplyCall.reused(p);
                    pending.remove(i);
                } else {
                    p.claimedBefore = holder != null;
                }
            } catch (RuntimeException e) {
                results[p.index] = ApplyCall.retry(p, "Redis failed while claiming the opId", e);
                pending.remove(i);
            }
        }
    }

    /**
     * Step 3 (and the script's LEDGER answer): consult the ledger for the operations that need it. With
     * {@code onlyByIdTime}, those that are timeless, older than {@code now - ttl + margin} or more than the margin
     * ahead of {@code now} (OperationTime); else all given.
     */
    private void checkLedger(List<ApplyCall.Pending> pending, OperationResult[] results, boolean onlyByIdTime) {
        long now = clock.getAsLong();
        long horizon = now - ttlMillis + marginMillis;
        List<ApplyCall.Pending> ask = new ArrayList<>();
        for (ApplyCall.Pending p : pending) {
            if (!onlyByIdTime || p.time == OperationIdTime.NONE || p.time < horizon || p.time > now + marginMillis) {
                ask.add(p);
            }
        }
        if (ask.isEmpty()) {
            return;
        }
        LedgerStore.Lookup found;
        try {
            // The watermarks first: the script then knows whether an event may have left the stream since.
            List<CompletableFuture<String>> marks = new ArrayList<>();
            for (ApplyCall.Pending p : ask) {
                marks.add(redis.async().get(keys.bucket(p.rec).watermark()).toCompletableFuture());
            }
            for (int i = 0; i < ask.size(); i++) {
                String wm = redis.await(marks.get(i));
                ask.get(i).watermark = wm == null ? "0" : wm;
            }
            List<Operation> asked = new ArrayList<>();
            for (ApplyCall.Pending p : ask) {
                asked.add(p.op);
            }
            found = ledger.firstResults(asked); // each on its tenant's own connection
        } catch (RuntimeException e) { // Redis failed reading the watermarks (a tenant's ledger failing is below)
            for (ApplyCall.Pending p : ask) {
                results[p.index] = ApplyCall.retry(p, "Redis failed before the opId was looked up in the ledger", e);
            }
            pending.removeAll(ask);
            return;
        }
        for (ApplyCall.Pending p : new ArrayList<>(ask)) {
            Exception failed = found.failedTenants().get(p.op.tenant());
            if (failed != null) {
                // only this tenant's lookup failed (its own connection); the batch's other tenants go on
                results[p.index] = ApplyCall.retry(p, "the database failed while looking the opId up in the ledger",
                        failed);
                pending.remove(p);
                continue;
            }
            LedgerStore.FirstResult first = found.found().get(p.op.opId());
            if (first == null) {
                p.ledgerChecked = true;
            } else {
                // another tenant's opId (HELD_BY_ANOTHER_TENANT) has no body to match: reused, like a changed body
                results[p.index] = first.sameBody(p.fingerprint)
                        ? OperationResult.duplicateOf(first.result()) : ApplyCall.reused(p);
                pending.remove(p);
            }
        }
    }

    /**
     * An operation answered RETRY is not applied now; later operations on the same record must wait for it, or the
     * resend would apply it out of order. They are answered RETRY too.
     */
    private static void holdBehindRetries(List<Operation> operations, List<ApplyCall.Pending> pending,
            OperationResult[] results) {
        Map<String, Integer> firstRetry = new HashMap<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null && results[i].status() == ResultStatus.RETRY) {
                Operation op = operations.get(i);
                firstRetry.putIfAbsent(KeyLayout.recordId(op.tenant(), op.warehouse(), op.sku()), i);
            }
        }
        if (firstRetry.isEmpty()) {
            return;
        }
        pending.removeIf(p -> {
            Integer first = firstRetry.get(p.rec);
            if (first != null && p.index > first) {
                results[p.index] = ApplyCall.retry(p, "operation " + first + " of this batch on the same stock record must "
                        + "be retried first", null);
                return true;
            }
            return false;
        });
    }

    /** Collects a group's replies, loading the record or asking the ledger when the script says so. */
    private void finish(ApplyCall.Group g, OperationResult[] results) {
        int rounds = 0;
        int maxRounds = 2 * g.ops.size() + 4;
        while (g.next < g.ops.size()) {
            List<Object> reply;
            try {
                reply = redis.await(g.reply);
            } catch (RuntimeException e) {
                failRest(g, results, "Redis failed while applying", e);
                return;
            }
            String control = null;
            for (Object item : reply) {
                if (item instanceof List<?> fields) {
                    ApplyCall.Pending p = g.ops.get(g.next++);
                    results[p.index] = ApplyCall.toResult(p, fields);
                } else {
                    control = String.valueOf(item);
                    break;
                }
            }
            if (g.next >= g.ops.size()) {
                return;
            }
            if (++rounds > maxRounds) {
                failRest(g, results, "the record kept disappearing from Redis after " + rounds + " rounds", null);
                return;
            }
            try {
                if ("LOAD".equals(control)) {
                    loader.load(g.rec);
                } else if ("LEDGER".equals(control)) {
                    ApplyCall.Pending p = g.ops.get(g.next);
                    List<ApplyCall.Pending> one = new ArrayList<>(List.of(p));
                    checkLedger(one, results, false);
                    if (results[p.index] != null && results[p.index].status() == ResultStatus.RETRY) {
                        g.next++;
                        failRest(g, results, "operation " + p.index + " on the same stock record must be retried "
                                + "first", null);
                        return;
                    }
                    if (one.isEmpty()) {
                        g.next++;
                        if (g.next >= g.ops.size()) {
                            return;
                        }
                    }
                } else if (control != null || reply.size() != g.sent) {
                    throw new IllegalStateException("apply.lua answered " + reply.size() + " items for "
                            + g.sent + " operations of " + g.rec + " and no control word");
                } // else: the call carried the first MAX_OPS_PER_CALL of the rest; send the next ones
            } catch (SQLException | RuntimeException e) {
                failRest(g, results, "loading " + g.rec + " from the database failed", e);
                return;
            }
            g.reply = call.send(g);
        }
    }

    private void failRest(ApplyCall.Group g, OperationResult[] results, String what, Exception e) {
        if (e != null) {
            LOG.warn("{} for {} ({} operations left): {}", what, g.rec, g.ops.size() - g.next, e.toString());
        }
        for (int i = g.next; i < g.ops.size(); i++) {
            ApplyCall.Pending p = g.ops.get(i);
            results[p.index] = ApplyCall.retry(p, what, e);
        }
        g.next = g.ops.size();
    }

    @Override
    public Optional<StockLevels> stock(String tenant, String warehouse, String sku) {
        shedder.checkStores();
        try {
            if (!master.warehouseKnown(tenant, warehouse) || !master.skuKnown(tenant, sku)) {
                return Optional.empty();
            }
            String rec = KeyLayout.recordId(tenant, warehouse, sku);
            for (int attempt = 0; attempt < 3; attempt++) {
                List<String> h = new ArrayList<>();
                redis.await(redis.async().hmget(keys.stockKey(rec), "oh", "us", "rs"))
                        .forEach(kv -> h.add(kv.getValueOrElse(null)));
                if (h.get(0) != null) {
                    return Optional.of(new StockLevels(Long.parseLong(h.get(0)), Long.parseLong(h.get(1)),
                            Long.parseLong(h.get(2))));
                }
                loader.load(rec);
            }
            throw new IllegalStateException("stock record " + rec + " vanished from Redis right after each of 3 loads");
        } catch (SQLException e) {
            throw shedder.unavailable("MySQL failed while reading " + tenant + "/" + warehouse + "/" + sku, e);
        } catch (io.lettuce.core.RedisException e) {
            throw shedder.unavailable("Redis failed while reading " + tenant + "/" + warehouse + "/" + sku, e);
        }
    }
}
