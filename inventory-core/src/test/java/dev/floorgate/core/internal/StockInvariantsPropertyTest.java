package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 18 item 4, the core half (DESIGN.md guarantees 4 and 5): for any interleaving of RECEIVE, PICK (with and
 * without an order), MOVE, COUNT, ADJUST, RESERVE and RELEASE with random quantities on several records, posted by
 * three concurrent callers in small batches to the real core (its own redis-server, its own MariaDB database):
 * <ul>
 *   <li>no result ever shows usable or reserved below zero, and onHand = usable + reserved;</li>
 *   <li>every rejection carries a code API.md documents for that operation type;</li>
 *   <li>every operation has exactly one ledger row, and replaying the APPLIED rows of each record in their
 *       sequence order through the documented semantics gives, row by row, the figures the ledger recorded (so no
 *       applied operation broke a rule: a PICK beyond usable, a second active reservation of one order, ...);</li>
 *   <li>after write-back, Redis, the MySQL stock row and the last ledger row of each record are equal.</li>
 * </ul>
 * Each try uses SKUs of its own, so the tries are independent and a shrunk counterexample replays alone.
 */
class StockInvariantsPropertyTest {
    private static final String TENANT = "acme";
    private static final String WAREHOUSE = "SH01";
    private static final int CALLERS = 3;
    private static final Map<OperationType, Set<String>> DOCUMENTED_REJECTIONS = Map.of(
            OperationType.RECEIVE, Set.of(),
            OperationType.MOVE, Set.of(),
            OperationType.ADJUST, Set.of(ResultCodes.INSUFFICIENT_STOCK),
            OperationType.RESERVE, Set.of(ResultCodes.INSUFFICIENT_STOCK, ResultCodes.ALREADY_RESERVED),
            OperationType.RELEASE, Set.of(ResultCodes.NOTHING_TO_RELEASE),
            OperationType.PICK, Set.of(ResultCodes.INSUFFICIENT_STOCK, ResultCodes.INSUFFICIENT_RESERVATION),
            OperationType.COUNT, Set.of(ResultCodes.COUNT_BELOW_RESERVED));

    private static RedisProcess redis;
    private static TestDatabase db;
    private static CoreHarness core;
    private static final AtomicInteger TRY = new AtomicInteger();

    /** One operation of a schedule: who sends it and what; {@code toString} is the shrunk counterexample's line. */
    record Step(int caller, OperationType type, int record, long qty, int order) {
        @Override
        public String toString() {
            String what = type + " " + qty + " on R" + record;
            return "caller " + caller + ": " + (order > 0 ? what + " for SO-" + order : what);
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of());
        core.seed(core.acme, TENANT, WAREHOUSE);
    }

    @AfterContainer
    static void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        if (db != null) {
            db.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void stockNeverGoesNegativeRejectionsAreDocumentedAndRedisEqualsTheLedgerAfterWriteBack(
            @ForAll("schedules") List<Step> steps) throws Exception {
        String prefix = "PT" + TRY.incrementAndGet() + "-";
        List<String> skus = List.of(prefix + "R0", prefix + "R1", prefix + "R2");
        core.seed(core.acme, TENANT, WAREHOUSE, skus.toArray(String[]::new));
        Map<Integer, List<Operation>> byCaller = new HashMap<>();
        List<Operation> all = new ArrayList<>();
        for (Step s : steps) {
            Operation op = toOperation(s, skus);
            byCaller.computeIfAbsent(s.caller(), c -> new ArrayList<>()).add(op);
            all.add(op);
        }
        List<OperationResult> results = postConcurrently(byCaller);

        Map<String, OperationType> typeOf = new HashMap<>();
        all.forEach(op -> typeOf.put(op.opId(), op.type()));
        for (OperationResult r : results) {
            assertThat(r.status()).as("result of %s", r).isIn(ResultStatus.APPLIED, ResultStatus.REJECTED);
            if (r.stock() != null) {
                StockLevels s = r.stock();
                assertThat(s.usable()).as("usable in %s", r).isNotNegative();
                assertThat(s.reserved()).as("reserved in %s", r).isNotNegative();
                assertThat(s.onHand()).as("onHand = usable + reserved in %s", r).isEqualTo(s.usable() + s.reserved());
            }
            if (r.status() == ResultStatus.REJECTED) {
                assertThat(r.code()).as("rejection of a %s: %s", typeOf.get(r.opId()), r)
                        .isIn(DOCUMENTED_REJECTIONS.get(typeOf.get(r.opId())));
            }
        }
        assertThat(results).hasSize(all.size());

        core.awaitWriteBack(Duration.ofSeconds(20));
        for (String sku : skus) {
            List<Map<String, Object>> ledger = db.query("SELECT op_id, type, qty, order_no, status, code, on_hand, "
                    + "usable, reserved, seq FROM ledger WHERE tenant = ? AND warehouse = ? AND sku = ? ORDER BY id",
                    TENANT, WAREHOUSE, sku);
            long sent = all.stream().filter(op -> op.sku().equals(sku)).count();
            assertThat(ledger).as("one ledger row per operation on %s", sku).hasSize((int) sent);
            StockLevels replayed = replay(sku, ledger);
            Optional<StockLevels> inRedis = core.bean(OperationEngine.class).stock(TENANT, WAREHOUSE, sku);
            List<Map<String, Object>> row = db.query("SELECT on_hand, usable, reserved FROM stock WHERE tenant = ? "
                    + "AND warehouse = ? AND sku = ?", TENANT, WAREHOUSE, sku);
            if (row.isEmpty()) {
                assertThat(replayed).as("no MySQL row for %s: nothing was applied", sku)
                        .isEqualTo(new StockLevels(0, 0, 0));
                assertThat(inRedis.orElse(new StockLevels(0, 0, 0))).isEqualTo(replayed);
            } else {
                StockLevels inMysql = new StockLevels(num(row.get(0), "on_hand"), num(row.get(0), "usable"),
                        num(row.get(0), "reserved"));
                assertThat(inMysql).as("MySQL stock of %s equals the ledger replay", sku).isEqualTo(replayed);
                assertThat(inRedis).as("Redis stock of %s equals MySQL", sku).contains(inMysql);
            }
        }
    }

    /**
     * Replays the APPLIED ledger rows of one record in sequence order through API.md's semantics and checks each
     * row's figures; returns the final figures.
     */
    private static StockLevels replay(String sku, List<Map<String, Object>> ledger) {
        List<Map<String, Object>> applied = ledger.stream().filter(r -> "APPLIED".equals(r.get("status")))
                .sorted((a, b) -> Long.compare(num(a, "seq"), num(b, "seq"))).toList();
        long onHand = 0;
        long usable = 0;
        long reserved = 0;
        Map<String, Long> activeByOrder = new HashMap<>();
        long lastSeq = 0;
        for (Map<String, Object> row : applied) {
            String where = sku + " seq " + row.get("seq") + " " + row.get("type") + " " + row.get("qty")
                    + (row.get("order_no") == null ? "" : " for " + row.get("order_no"));
            assertThat(num(row, "seq")).as("sequence increases at %s", where).isGreaterThan(lastSeq);
            lastSeq = num(row, "seq");
            long qty = num(row, "qty");
            String order = (String) row.get("order_no");
            switch (OperationType.valueOf((String) row.get("type"))) {
                case RECEIVE -> {
                    onHand += qty;
                    usable += qty;
                }
                case ADJUST -> {
                    assertThat(usable + qty).as("an applied ADJUST keeps usable >= 0 at %s", where).isNotNegative();
                    onHand += qty;
                    usable += qty;
                }
                case RESERVE -> {
                    assertThat(activeByOrder.getOrDefault(order, 0L)).as("one active reservation at %s", where)
                            .isZero();
                    assertThat(usable).as("an applied RESERVE had the usable stock at %s", where)
                            .isGreaterThanOrEqualTo(qty);
                    usable -= qty;
                    reserved += qty;
                    activeByOrder.put(order, qty);
                }
                case RELEASE -> {
                    long remaining = activeByOrder.getOrDefault(order, 0L);
                    assertThat(remaining).as("an applied RELEASE had something to release at %s", where).isPositive();
                    usable += remaining;
                    reserved -= remaining;
                    activeByOrder.remove(order);
                }
                case PICK -> {
                    if (order == null) {
                        assertThat(usable).as("an applied PICK had the usable stock at %s", where)
                                .isGreaterThanOrEqualTo(qty);
                        usable -= qty;
                    } else {
                        long remaining = activeByOrder.getOrDefault(order, 0L);
                        assertThat(remaining).as("an applied PICK for an order had its reservation at %s", where)
                                .isGreaterThanOrEqualTo(qty);
                        reserved -= qty;
                        activeByOrder.put(order, remaining - qty);
                    }
                    onHand -= qty;
                }
                case COUNT -> {
                    assertThat(qty).as("an applied COUNT was not below reserved at %s", where)
                            .isGreaterThanOrEqualTo(reserved);
                    onHand = qty;
                    usable = qty - reserved;
                }
                default -> {
                    // MOVE, PUTAWAY, SHIP: recorded, totals unchanged
                }
            }
            StockLevels expected = new StockLevels(onHand, usable, reserved);
            StockLevels recorded = new StockLevels(num(row, "on_hand"), num(row, "usable"), num(row, "reserved"));
            assertThat(recorded).as("ledger figures at %s", where).isEqualTo(expected);
        }
        return new StockLevels(onHand, usable, reserved);
    }

    /** Each caller posts its operations in order, two per batch, all callers at the same time. */
    private static List<OperationResult> postConcurrently(Map<Integer, List<Operation>> byCaller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<List<OperationResult>>> futures = new ArrayList<>();
            for (List<Operation> ops : byCaller.values()) {
                futures.add(pool.submit(() -> {
                    List<OperationResult> out = new ArrayList<>();
                    for (int i = 0; i < ops.size(); i += 2) {
                        out.addAll(CoreHarness.apply(core.acme, ops.subList(i, Math.min(ops.size(), i + 2))));
                    }
                    return out;
                }));
            }
            List<OperationResult> all = new ArrayList<>();
            for (Future<List<OperationResult>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Operation toOperation(Step s, List<String> skus) {
        Operation op = CoreHarness.op(TENANT, WAREHOUSE, s.type(), skus.get(s.record()), s.qty());
        Operation.Builder b = op.toBuilder();
        if (s.type() == OperationType.MOVE) {
            b.location("A-01-01").toLocation("B-01-01");
        }
        if (s.order() > 0) {
            b.orderNo("SO-" + s.order());
        }
        return b.build();
    }

    @Provide
    Arbitrary<List<Step>> schedules() {
        Arbitrary<Integer> caller = Arbitraries.integers().between(0, CALLERS - 1);
        Arbitrary<Integer> record = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> order = Arbitraries.integers().between(1, 2);
        Arbitrary<Step> receive = Combinators.combine(caller, record, Arbitraries.longs().between(1, 10))
                .as((c, r, q) -> new Step(c, OperationType.RECEIVE, r, q, 0));
        Arbitrary<Step> pick = Combinators.combine(caller, record, Arbitraries.longs().between(1, 8),
                Arbitraries.integers().between(0, 2)).as((c, r, q, o) -> new Step(c, OperationType.PICK, r, q, o));
        Arbitrary<Step> move = Combinators.combine(caller, record, Arbitraries.longs().between(1, 5))
                .as((c, r, q) -> new Step(c, OperationType.MOVE, r, q, 0));
        Arbitrary<Step> count = Combinators.combine(caller, record, Arbitraries.longs().between(0, 12))
                .as((c, r, q) -> new Step(c, OperationType.COUNT, r, q, 0));
        Arbitrary<Step> adjust = Combinators.combine(caller, record, Arbitraries.longs().between(-6, 6)
                .filter(q -> q != 0)).as((c, r, q) -> new Step(c, OperationType.ADJUST, r, q, 0));
        Arbitrary<Step> reserve = Combinators.combine(caller, record, Arbitraries.longs().between(1, 8), order)
                .as((c, r, q, o) -> new Step(c, OperationType.RESERVE, r, q, o));
        Arbitrary<Step> release = Combinators.combine(caller, record, Arbitraries.longs().between(1, 8), order)
                .as((c, r, q, o) -> new Step(c, OperationType.RELEASE, r, q, o));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, receive), net.jqwik.api.Tuple.of(4, pick), net.jqwik.api.Tuple.of(1, move),
                net.jqwik.api.Tuple.of(2, count), net.jqwik.api.Tuple.of(2, adjust),
                net.jqwik.api.Tuple.of(4, reserve), net.jqwik.api.Tuple.of(3, release))
                .list().ofMinSize(1).ofMaxSize(24);
    }

    private static long num(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
