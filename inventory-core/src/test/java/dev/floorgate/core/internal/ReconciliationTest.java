package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.core.ReconcileCommand;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redis and MySQL agree after write-back, and reconciliation proves it (DESIGN.md guarantee 5): no difference on
 * a clean run under load (events in flight are counted, not reported), every difference a test introduces is
 * reported (endpoint, metric, command line), and a correction is an explicit, recorded admin action.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationTest {
    private static final List<String> SKUS = List.of("SKU-0", "SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5");
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        // A lazier worker keeps events in flight while reconciliation runs.
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.poll-interval", "40ms",
                "fg.core.writeback.batch-size", "20"));
        List<String> skus = new ArrayList<>(SKUS);
        skus.addAll(List.of("D-MISMATCH", "D-INVARIANT", "D-BEHIND", "D-MISSING"));
        core.seed(core.acme, "acme", "SH01", skus.toArray(new String[0]));
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void aCleanRunUnderLoadReportsNoDifferenceAndCountsTheEventsInFlight() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String sku = SKUS.get(w);
            int writer = w;
            writers.add(pool.submit(() -> {
                int n = 0;
                apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, sku, 1_000_000));
                while (writing.get()) {
                    OperationResult r = apply(core.acme, List.of(
                            op("acme", "SH01", OperationType.RESERVE, sku, 2).toBuilder().orderNo("SO-" + writer
                                    + "-" + n).build(),
                            op("acme", "SH01", OperationType.PICK, sku, 1).toBuilder().orderNo("SO-" + writer + "-"
                                    + n).build(),
                            op("acme", "SH01", OperationType.RECEIVE, sku, 3))).get(2);
                    assertThat(r.status()).isEqualTo(ResultStatus.APPLIED);
                    n++;
                }
                return n;
            }));
        }
        Thread.sleep(500);
        List<ReconcileReport> reports = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                reports.add(core.bean(Reconciler.class).run("test-under-load"));
                Thread.sleep(100);
            }
        } finally {
            writing.set(false);
        }
        int batches = 0;
        for (Future<Integer> f : writers) {
            batches += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(batches).isGreaterThan(50);
        assertThat(reports).allSatisfy(r -> assertThat(r.differences()).isEmpty());
        assertThat(reports.stream().mapToLong(ReconcileReport::inFlight).sum()).as("events in flight seen")
                .isPositive();
        core.awaitWriteBack(Duration.ofSeconds(30));
        ReconcileReport settled = core.bean(Reconciler.class).run("test-settled");
        assertThat(settled.differenceCount()).isZero();
        assertThat(settled.inFlight()).isZero();
    }

    @Test
    void introducedDifferencesAreReportedAndACorrectionIsRecorded() throws Exception {
        for (String sku : List.of("D-MISMATCH", "D-INVARIANT", "D-BEHIND", "D-MISSING")) {
            apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, sku, 10));
        }
        core.awaitWriteBack(Duration.ofSeconds(10));
        KeyLayout keys = core.bean(KeyLayout.class);
        int port = redis.ports().get(0);
        db.update("UPDATE stock SET on_hand = 15, usable = 15 WHERE sku = 'D-MISMATCH'");
        RedisProcess.command(port, "HSET", keys.stockKey(KeyLayout.recordId("acme", "SH01", "D-INVARIANT")), "us",
                "7");
        db.update("UPDATE stock SET seq = seq + 5 WHERE sku = 'D-BEHIND'");
        RedisProcess.command(port, "HSET", keys.stockKey(KeyLayout.recordId("acme", "SH01", "D-MISSING")), "v", "9",
                "oh", "12", "us", "12");

        CoreClient.Reply r = core.acme.unsigned("POST", "/v1/admin/reconcile", "",
                Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN));
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> report = core.json(r.body());
        assertThat(report).containsEntry("differenceCount", 4);
        assertThat(r.body()).contains("\"sku\":\"D-MISMATCH\"", "\"kind\":\"MISMATCH\"", "\"kind\":\"INVARIANT\"",
                "\"kind\":\"REDIS_BEHIND\"", "\"kind\":\"MISSING_WRITEBACK\"");
        assertThat(core.acme.unsigned("GET", "/v1/admin/reconcile", null,
                Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN)).body()).isEqualTo(r.body());
        assertThat(core.acme.unsigned("GET", "/metrics", null, Map.of()).body())
                .contains("fg_core_reconcile_differences 4.0");
        // Nothing was corrected by looking.
        assertThat(db.count("SELECT on_hand FROM stock WHERE sku = 'D-MISMATCH'")).isEqualTo(15);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReconcileCommand.run(new String[] {"--url", core.base, "--token", CoreHarness.ADMIN_TOKEN},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("MISMATCH", "D-BEHIND");
        assertThat(ReconcileCommand.run(new String[] {"--url", core.base, "--token", "wrong"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);

        for (String sku : List.of("D-MISMATCH", "D-INVARIANT", "D-BEHIND", "D-MISSING")) {
            CoreClient.Reply c = core.acme.unsigned("POST", "/v1/admin/corrections", "{\"tenant\":\"acme\","
                    + "\"warehouse\":\"SH01\",\"sku\":\"" + sku + "\",\"onHand\":10,\"usable\":10,\"reserved\":0,"
                    + "\"reason\":\"recount after reconciliation\",\"actor\":\"central-it\"}",
                    Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN));
            assertThat(c.status()).isEqualTo(200);
        }
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM corrections WHERE actor = 'central-it'")).isEqualTo(4);
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE type = 'CORRECTION' AND kind = 'C'")).isEqualTo(4);
        assertThat(db.query("SELECT before_on_hand, on_hand FROM corrections WHERE sku = 'D-MISSING'").get(0))
                .containsEntry("before_on_hand", 12L).containsEntry("on_hand", 10L);
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "D-BEHIND"))
                .contains(new StockLevels(10, 10, 0));
        assertThat(ReconcileCommand.run(new String[] {"--url", core.base, "--token", CoreHarness.ADMIN_TOKEN},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isZero();
    }
}
