package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.batch;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Traffic lanes and hot-record isolation (issue 14 items 2 and 3) over signed HTTP: each lane is occupied by a task
 * the test holds, then a request for that lane is answered 429 with Retry-After and nothing applied, while the other
 * lanes answer 200. One thread and no queue per lane make "full" exact.
 */
class TrafficLanesTest {
    private static Map<String, Object> oneSlotLanes() {
        Map<String, Object> p = new HashMap<>();
        for (String lane : new String[] {"fg.core.lanes.realtime", "fg.core.lanes.bulk", "fg.core.lanes.sync",
                "fg.core.hotspot"}) {
            p.put(lane + ".threads", "1");
            p.put(lane + ".queue", "0");
        }
        p.put("fg.core.lanes.bulk-threshold", "3");
        p.put("fg.core.hotspot.threshold", "5");
        p.put("fg.core.hotspot.window", "60s"); // stays hot for the whole test
        p.put("fg.core.retry-after", "7s");
        return p;
    }

    @Test
    void aFullHotLaneAnswers429WhileColdRecordsGoOn() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, oneSlotLanes())) {
            core.seed(core.acme, "acme", "SH01", "HOT-1", "COLD-1");
            TrafficLanes lanes = core.bean(TrafficLanes.class);
            List<Operation> five = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                five.add(op("acme", "SH01", OperationType.RECEIVE, "HOT-1", 10));
            }
            CoreHarness.apply(core.acme, five); // 3 operations: not hot yet
            assertThat(lanes.detector().isHot("acme/SH01/HOT-1")).isFalse();
            CoreHarness.apply(core.acme, five.subList(0, 2).stream()
                    .map(o -> op("acme", "SH01", OperationType.RECEIVE, "HOT-1", 10)).toList()); // 5: hot
            assertThat(lanes.detector().hot()).containsExactly("acme/SH01/HOT-1");

            try (Held held = Held.on(lanes, TrafficLanes.Lane.HOT)) {
                CoreClient.Reply refused = core.acme.post("/v1/operations:batch",
                        batch(List.of(op("acme", "SH01", OperationType.PICK, "HOT-1", 1))));
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).contains("7");
                assertThat(refused.body()).contains("\"error\":\"TOO_BUSY\"").contains("hot lane is full");
                OperationResultsAssert.applied(CoreHarness.apply(core.acme,
                        op("acme", "SH01", OperationType.RECEIVE, "COLD-1", 1)));
            }
            assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "HOT-1").orElseThrow())
                    .isEqualTo(new StockLevels(50, 50, 0)); // the refused PICK was not applied
            OperationResultsAssert.applied(CoreHarness.apply(core.acme,
                    op("acme", "SH01", OperationType.PICK, "HOT-1", 1)));
            String metrics = core.bean(CoreMetrics.class).scrape();
            assertThat(metrics).contains("fg_core_hot_records 1.0")
                    .contains("fg_core_lane_rejected_total{lane=\"hot\"} 1.0")
                    .contains("fg_core_hot_queue_depth 0.0");
        }
    }

    @Test
    void bulkSyncAndRealtimeLanesRefuseOnlyTheirOwnTraffic() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, oneSlotLanes())) {
            core.seed(core.acme, "acme", "SH01", "A-1", "B-1", "C-1", "D-1");
            TrafficLanes lanes = core.bean(TrafficLanes.class);
            try (Held held = Held.on(lanes, TrafficLanes.Lane.BULK)) {
                // the header, and a batch over the threshold (3), are bulk
                byte[] one = batch(List.of(op("acme", "SH01", OperationType.RECEIVE, "A-1", 1)))
                        .getBytes(StandardCharsets.UTF_8);
                Map<String, String> headers = new HashMap<>(core.acme.headersFor("POST", "/v1/operations:batch", one));
                headers.put("X-FG-Lane", "bulk");
                assertThat(core.acme.send("POST", "/v1/operations:batch", one, headers).status()).isEqualTo(429);
                List<Operation> four = new ArrayList<>();
                for (String sku : new String[] {"A-1", "B-1", "C-1", "D-1"}) {
                    four.add(op("acme", "SH01", OperationType.RECEIVE, sku, 1));
                }
                assertThat(core.acme.post("/v1/operations:batch", batch(four)).status()).isEqualTo(429);
                assertThat(core.acme.post("/v1/import/skus", "[]").status()).isEqualTo(429);
                // three operations without the header: real-time, applied
                for (var r : CoreHarness.apply(core.acme, four.subList(0, 3))) {
                    OperationResultsAssert.applied(r);
                }
                assertThat(core.acme.get("/v1/changes?warehouse=SH01").status()).isEqualTo(200);
            }
            assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "D-1").orElseThrow().onHand())
                    .isZero(); // the refused bulk batch applied nothing
            try (Held held = Held.on(lanes, TrafficLanes.Lane.SYNC)) {
                CoreClient.Reply r = core.acme.get("/v1/changes?warehouse=SH01");
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.body()).contains("sync lane is full");
                OperationResultsAssert.applied(CoreHarness.apply(core.acme,
                        op("acme", "SH01", OperationType.RECEIVE, "A-1", 1)));
            }
            try (Held held = Held.on(lanes, TrafficLanes.Lane.REALTIME)) {
                // C-1, not A-1: a fifth operation on A-1 (refused ones count too) would make it hot: the hot lane
                assertThat(core.acme.post("/v1/operations:batch",
                        batch(List.of(op("acme", "SH01", OperationType.RECEIVE, "C-1", 1)))).status()).isEqualTo(429);
                assertThat(core.acme.get("/v1/changes?warehouse=SH01").status()).isEqualTo(200);
            }
            String metrics = core.bean(CoreMetrics.class).scrape();
            assertThat(metrics).contains("fg_core_lane_rejected_total{lane=\"bulk\"} 3.0")
                    .contains("fg_core_lane_rejected_total{lane=\"sync\"} 1.0")
                    .contains("fg_core_lane_rejected_total{lane=\"realtime\"} 1.0");
        }
    }

    @Test
    void aRequestThatWaitedLongerThanItsLaneTimeoutIsRefusedUnapplied() throws Exception {
        CoreMetrics metrics = new CoreMetrics();
        Map<TrafficLanes.Lane, TrafficLanes.Limits> limits = new HashMap<>();
        for (TrafficLanes.Lane lane : TrafficLanes.Lane.values()) {
            limits.put(lane, new TrafficLanes.Limits(1, 1, java.time.Duration.ofMillis(200)));
        }
        try (TrafficLanes lanes = new TrafficLanes(new java.util.EnumMap<>(limits), new HotspotDetector(
                java.time.Duration.ofSeconds(1), 10, 100, System::currentTimeMillis), t -> true, 100,
                java.time.Duration.ofSeconds(3), java.time.Duration.ofMillis(100), metrics)) {
            boolean[] ran = new boolean[1];
            CompletableFuture<Object> queued;
            try (Held held = Held.on(lanes, TrafficLanes.Lane.REALTIME)) {
                queued = CompletableFuture.supplyAsync(() -> lanes.run(TrafficLanes.Lane.REALTIME, () -> {
                    ran[0] = true;
                    return "ran";
                }));
                CoreHarness.waitFor(() -> metrics.scrape().contains("fg_core_lane_queued{lane=\"realtime\"} 1.0"),
                        java.time.Duration.ofSeconds(10), "the second request to queue");
                Thread.sleep(400); // longer than the 200 ms the lane allows a request to wait
                // a third finds the one queue place taken: refused at once
                assertThatThrownBy(() -> lanes.run(TrafficLanes.Lane.REALTIME, () -> "third"))
                        .isInstanceOf(TooBusyException.class).hasMessageContaining("1 running and 1 waiting");
            }
            assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TooBusyException.class)
                    .hasMessageContaining("did not start this request within 200 ms");
            assertThat(ran[0]).isFalse();
            assertThat(lanes.rejected(TrafficLanes.Lane.REALTIME)).isEqualTo(2);
            assertThat(lanes.run(TrafficLanes.Lane.REALTIME, () -> "after")).isEqualTo("after");
        }
    }

    /** Occupies a lane's one thread until closed. */
    static final class Held implements AutoCloseable {
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Object> task;

        private Held(TrafficLanes lanes, TrafficLanes.Lane lane) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            task = CompletableFuture.supplyAsync(() -> {
                try {
                    return lanes.run(lane, () -> {
                        started.countDown();
                        release.await();
                        return null;
                    });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the " + lane + " lane never started the holding task");
            }
        }

        static Held on(TrafficLanes lanes, TrafficLanes.Lane lane) throws InterruptedException {
            return new Held(lanes, lane);
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            task.get(10, TimeUnit.SECONDS);
        }
    }

    /** One result's status, with its message when it is not what was expected. */
    static final class OperationResultsAssert {
        static void applied(dev.floorgate.protocol.OperationResult r) {
            assertThat(r.status()).as("%s: %s %s", r.opId(), r.code(), r.message()).isEqualTo(ResultStatus.APPLIED);
        }
    }
}
