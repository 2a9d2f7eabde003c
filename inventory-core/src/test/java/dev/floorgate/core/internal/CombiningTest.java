package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Hot-SKU combining (issue 14 item 1) under contention, in-process so that many requests really meet on one
 * record: every caller gets exactly its own results, a request's own operations keep their order, repeats and
 * reused opIds keep their meaning, records cold-loaded (and ledger-checked) mid-combine come out right, a Redis
 * killed mid-combine answers RETRY and never a wrong result, and combining happens (fewer script calls than
 * operations, counted in CoreMetrics).
 */
class CombiningTest {
    private static final int THREADS = 32;

    @Test
    void manyThreadsOnOneRecordGetTheirOwnResultsInTheirOwnOrder() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            core.seed(core.acme, "acme", "SH01", "HOT-1");
            OperationEngine engine = core.bean(OperationEngine.class);
            CoreMetrics metrics = core.bean(CoreMetrics.class);
            int stock = 300;
            assertThat(engine.apply(List.of(op("acme", "SH01", OperationType.RECEIVE, "HOT-1", stock))).get(0)
                    .status()).isEqualTo(ResultStatus.APPLIED);
            long calls0 = metrics.applyCalls();
            long ops0 = metrics.applyCallOperations();
            int rounds = 20;
            // Each thread: single RESERVEs (the race for stock), and batches RECEIVE 1, RESERVE 1, RELEASE of that
            // order: in its own order the RELEASE always releases 1 and the net change is +1 on hand.
            List<List<Object[]>> all = runThreads(THREADS, (t) -> {
                List<Object[]> mine = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    Operation reserve = op("acme", "SH01", OperationType.RESERVE, "HOT-1", 1).toBuilder()
                            .orderNo("SO-" + t + "-" + i).build();
                    List<Operation> one = List.of(reserve);
                    mine.add(new Object[] {one, engine.apply(one)});
                    Operation in = op("acme", "SH01", OperationType.RECEIVE, "HOT-1", 1);
                    Operation hold = op("acme", "SH01", OperationType.RESERVE, "HOT-1", 1).toBuilder()
                            .orderNo("TMP-" + t + "-" + i).build();
                    Operation release = op("acme", "SH01", OperationType.RELEASE, "HOT-1", 1).toBuilder()
                            .orderNo("TMP-" + t + "-" + i).build();
                    List<Operation> three = List.of(in, hold, release);
                    mine.add(new Object[] {three, engine.apply(three)});
                }
                return mine;
            });
            long reserved = 0;
            long refused = 0;
            for (List<Object[]> mine : all) {
                for (Object[] pair : mine) {
                    @SuppressWarnings("unchecked")
                    List<Operation> sent = (List<Operation>) pair[0];
                    @SuppressWarnings("unchecked")
                    List<OperationResult> got = (List<OperationResult>) pair[1];
                    assertThat(got).hasSize(sent.size());
                    for (int i = 0; i < sent.size(); i++) {
                        assertThat(got.get(i).opId()).isEqualTo(sent.get(i).opId());
                    }
                    if (sent.size() == 1) {
                        if (got.get(0).status() == ResultStatus.APPLIED) {
                            reserved++;
                        } else {
                            assertThat(got.get(0).code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
                            refused++;
                        }
                    } else {
                        // RECEIVE then RESERVE of that unit: the RESERVE can lose the unit to another thread's
                        // single RESERVE in between, but the RELEASE comes after this request's RESERVE.
                        assertThat(got.get(0).status()).isEqualTo(ResultStatus.APPLIED);
                        if (got.get(1).status() == ResultStatus.APPLIED) {
                            assertThat(got.get(2).status()).isEqualTo(ResultStatus.APPLIED);
                            assertThat(got.get(2).message()).startsWith("released 1 of order TMP-");
                        } else {
                            assertThat(got.get(1).code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
                            assertThat(got.get(2).code()).isEqualTo(ResultCodes.NOTHING_TO_RELEASE);
                        }
                    }
                }
            }
            long received = (long) THREADS * rounds;
            assertThat(reserved + refused).isEqualTo((long) THREADS * rounds);
            // Every unit received (stock + one per three-op batch) ends reserved by a single RESERVE or usable.
            StockLevels end = engine.stock("acme", "SH01", "HOT-1").orElseThrow();
            assertThat(end).isEqualTo(new StockLevels(stock + received, stock + received - reserved, reserved));
            assertThat(reserved).isLessThanOrEqualTo(stock + received);
            long calls = metrics.applyCalls() - calls0;
            long ops = metrics.applyCallOperations() - ops0;
            assertThat(ops).isGreaterThanOrEqualTo((long) THREADS * rounds * 4);
            // Alone, every request costs at least one call; combined, concurrent requests share calls.
            long requests = (long) THREADS * rounds * 2;
            assertThat(calls).as("apply.lua calls for %d requests (%d operations)", requests, ops)
                    .isLessThan(requests);
            assertThat(metrics.scrape()).contains("fg_core_apply_calls_total");

            core.awaitWriteBack(Duration.ofSeconds(60));
            ReconcileReport report = core.bean(Reconciler.class).run("test");
            assertThat(report.differences()).isEmpty();
        }
    }

    @Test
    void repeatsAndReusedOpIdsAcrossConcurrentRequestsApplyOnce() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            core.seed(core.acme, "acme", "SH01", "HOT-1");
            OperationEngine engine = core.bean(OperationEngine.class);
            int n = 200;
            List<Operation> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ops.add(op("acme", "SH01", OperationType.RECEIVE, "HOT-1", 1));
            }
            // Every thread sends all 200 in its own random order, in batches of 1..5; every fourth thread sends a
            // tenth of them with another qty under the same opId (reused: never applied, never merged).
            List<List<OperationResult>> all = runThreads(16, t -> {
                Random rnd = new Random(t);
                List<Operation> mine = new ArrayList<>(ops);
                Collections.shuffle(mine, rnd);
                if (t % 4 == 3) {
                    for (int i = 0; i < mine.size(); i += 10) {
                        mine.set(i, mine.get(i).toBuilder().qty(7).build());
                    }
                }
                List<OperationResult> got = new ArrayList<>();
                for (int i = 0; i < mine.size(); ) {
                    int k = Math.min(mine.size() - i, 1 + rnd.nextInt(5));
                    List<Operation> batch = mine.subList(i, i + k);
                    List<OperationResult> r = engine.apply(batch);
                    for (int j = 0; j < k; j++) {
                        assertThat(r.get(j).opId()).isEqualTo(batch.get(j).opId());
                        if (batch.get(j).qty() == 7) {
                            // first use wins: the 7 is either never applied (REUSED) or, if it came first, the
                            // one applied; its results are checked below through the stock
                            assertThat(r.get(j).status()).isIn(ResultStatus.REJECTED, ResultStatus.APPLIED,
                                    ResultStatus.DUPLICATE);
                        }
                    }
                    got.addAll(r);
                    i += k;
                }
                return got;
            });
            Map<String, Integer> appliedPerId = new HashMap<>();
            long reused = 0;
            for (List<OperationResult> got : all) {
                assertThat(got).hasSize(n);
                for (OperationResult r : got) {
                    assertThat(r.status()).isNotEqualTo(ResultStatus.RETRY);
                    if (r.status() == ResultStatus.APPLIED) {
                        appliedPerId.merge(r.opId(), 1, Integer::sum);
                    } else if (r.status() == ResultStatus.REJECTED) {
                        assertThat(r.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
                        reused++;
                    }
                }
            }
            assertThat(appliedPerId).hasSize(n);
            assertThat(appliedPerId.values()).allMatch(c -> c == 1);
            StockLevels end = engine.stock("acme", "SH01", "HOT-1").orElseThrow();
            core.awaitWriteBack(Duration.ofSeconds(60));
            long applied7 = db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'HOT-1' AND qty = 7 AND status = "
                    + "'APPLIED'");
            assertThat(end.onHand()).isEqualTo(n + 6 * applied7);
            assertThat(reused).isGreaterThan(0);
            assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'HOT-1' AND status = 'APPLIED'"))
                    .isEqualTo(n);
        }
    }

    @Test
    void recordsColdLoadedAndLedgerCheckedMidCombineComeOutRight() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            String[] skus = {"COLD-1", "COLD-2", "COLD-3", "COLD-4"};
            core.seed(core.acme, "acme", "SH01", skus);
            OperationEngine engine = core.bean(OperationEngine.class);
            KeyLayout keys = core.bean(KeyLayout.class);
            long stock = 1000;
            for (String sku : skus) {
                engine.apply(List.of(op("acme", "SH01", OperationType.RECEIVE, sku, stock)));
            }
            long calls0 = core.bean(CoreMetrics.class).applyCalls();
            long ops0 = core.bean(CoreMetrics.class).applyCallOperations();
            Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
            for (int round = 0; round < 3; round++) {
                // MySQL has everything, then Redis loses the records: the next calls answer LOAD, and after a reload
                // with history every operation goes by the ledger (LEDGER) until its time is past the reload.
                core.awaitWriteBack(Duration.ofSeconds(60));
                for (String sku : skus) {
                    redis.onEveryNode("DEL", keys.stockKey(KeyLayout.recordId("acme", "SH01", sku)));
                }
                runThreads(THREADS, t -> {
                    for (int i = 0; i < 5; i++) {
                        String sku = skus[(t + i) % skus.length];
                        OperationResult r = engine.apply(List.of(op("acme", "SH01", OperationType.PICK, sku, 1)))
                                .get(0);
                        assertThat(r.status()).isEqualTo(ResultStatus.APPLIED);
                        applied.computeIfAbsent(sku, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                });
            }
            for (String sku : skus) {
                long picked = applied.get(sku).get();
                assertThat(engine.stock("acme", "SH01", sku).orElseThrow())
                        .isEqualTo(new StockLevels(stock - picked, stock - picked, 0));
            }
            assertThat(applied.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(3 * THREADS * 5);
            CoreMetrics m = core.bean(CoreMetrics.class);
            // LOAD and LEDGER resend operations, so this counts more operations than were applied.
            assertThat(m.applyCallOperations() - ops0).isGreaterThan(3L * THREADS * 5);
            assertThat(m.applyCalls() - calls0).isLessThan(m.applyCallOperations() - ops0);
            core.awaitWriteBack(Duration.ofSeconds(60));
            assertThat(core.bean(Reconciler.class).run("test").differences()).isEmpty();
        }
    }

    @Test
    void aRedisKilledMidCombineAnswersRetryAndNeverAWrongResult() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.redis.timeout", "1s"))) {
            core.seed(core.acme, "acme", "SH01", "HOT-1");
            OperationEngine engine = core.bean(OperationEngine.class);
            engine.apply(List.of(op("acme", "SH01", OperationType.RECEIVE, "HOT-1", 1_000_000)));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger retries = new AtomicInteger();
            AtomicInteger appliedAfterRestart = new AtomicInteger();
            AtomicBoolean restarted = new AtomicBoolean();
            CountDownLatch running = new CountDownLatch(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    int batches = 0;
                    running.countDown();
                    while (!stop.get()) {
                        boolean after = restarted.get();
                        List<Operation> batch = List.of(op("acme", "SH01", OperationType.PICK, "HOT-1", 1),
                                op("acme", "SH01", OperationType.RECEIVE, "HOT-1", 1));
                        List<OperationResult> got;
                        try {
                            got = engine.apply(batch);
                        } catch (dev.floorgate.core.CoreUnavailableException shed) {
                            continue; // the shedder noticed Redis down: refused whole, nothing applied
                        }
                        assertThat(got).hasSize(2);
                        for (int i = 0; i < 2; i++) {
                            assertThat(got.get(i).opId()).isEqualTo(batch.get(i).opId());
                            assertThat(got.get(i).status()).isIn(ResultStatus.APPLIED, ResultStatus.RETRY);
                        }
                        if (got.get(0).status() == ResultStatus.RETRY) {
                            // the RECEIVE after a PICK that must be retried is held back with it
                            assertThat(got.get(1).status()).isEqualTo(ResultStatus.RETRY);
                            retries.incrementAndGet();
                        } else if (after && got.get(1).status() == ResultStatus.APPLIED) {
                            appliedAfterRestart.incrementAndGet();
                        }
                        batches++;
                    }
                    return batches;
                }));
            }
            running.await();
            Thread.sleep(300);
            redis.stop();
            CoreHarness.waitFor(() -> retries.get() > 0, Duration.ofSeconds(30), "a RETRY while Redis is down");
            redis.restart();
            restarted.set(true);
            CoreHarness.waitFor(() -> appliedAfterRestart.get() >= 50, Duration.ofSeconds(60),
                    "operations applied after Redis came back");
            stop.set(true);
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(total).isGreaterThan(0);
            assertThat(retries.get()).isGreaterThan(0);
            // Nothing left queued or in flight in the combiner once all callers were answered.
            assertThat(engine.combiner().activeRecords()).isZero();
            StockLevels end = engine.stock("acme", "SH01", "HOT-1").orElseThrow();
            assertThat(end.reserved()).isZero();
            assertThat(end.usable()).isEqualTo(end.onHand());
        }
    }

    @Test
    void aRequestWithMoreThan256OperationsOnOneRecordGoesInCappedCallsInOrder() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            core.seed(core.acme, "acme", "SH01", "BIG-1");
            OperationEngine engine = core.bean(OperationEngine.class);
            CoreMetrics metrics = core.bean(CoreMetrics.class);
            TenantSwitches switches = core.bean(TenantSwitches.class);
            long onHand = 0;
            for (boolean combining : new boolean[] {true, false}) {
                switches.set("acme", TenantSwitches.Switch.COMBINING, combining);
                // 700 operations alternating RECEIVE 1 and PICK 1: any reordering across the cut between calls
                // would let a PICK find nothing usable (the record starts at 0 on the first pass)
                List<Operation> ops = new ArrayList<>();
                for (int i = 0; i < 700; i++) {
                    ops.add(op("acme", "SH01", i % 2 == 0 ? OperationType.RECEIVE : OperationType.PICK, "BIG-1", 1));
                }
                long calls0 = metrics.applyCalls();
                long carried0 = metrics.applyCallOperations();
                List<OperationResult> got = engine.apply(ops);
                for (int i = 0; i < ops.size(); i++) {
                    assertThat(got.get(i).opId()).isEqualTo(ops.get(i).opId());
                    assertThat(got.get(i).status()).as("op %d with combining %s: %s", i, combining,
                            got.get(i).message()).isEqualTo(ResultStatus.APPLIED);
                    assertThat(got.get(i).stock().usable()).isEqualTo(onHand + (i % 2 == 0 ? 1 : 0));
                }
                // at most 256 operations per call: 700 take at least 3 calls (a LOAD on the first pass adds one)
                long calls = metrics.applyCalls() - calls0;
                long carried = metrics.applyCallOperations() - carried0;
                assertThat(calls).as("calls with combining %s", combining).isGreaterThanOrEqualTo(3);
                assertThat(carried).isLessThanOrEqualTo(calls * ApplyCall.MAX_OPS_PER_CALL);
                assertThat(engine.stock("acme", "SH01", "BIG-1").orElseThrow())
                        .isEqualTo(new StockLevels(onHand, onHand, 0));
            }
        }
    }

    /** Runs the task on n threads started together; returns each thread's result in thread order. */
    static <T> List<T> runThreads(int n, ThreadTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int id = t;
            Callable<T> c = () -> {
                go.await();
                return task.run(id);
            };
            futures.add(pool.submit(c));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get(180, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }
}
