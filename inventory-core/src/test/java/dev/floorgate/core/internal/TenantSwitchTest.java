package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant gray-release switches (issue 14 item 3): the admin endpoint stores a switch in MariaDB, another core
 * instance's TenantSwitches follows within its refresh, and a tenant switched mid-run (combining off, then on again
 * while 32 threads apply) gets correct results throughout while the switch visibly takes effect: with combining
 * off every request costs at least one script call, with it on concurrent requests share calls.
 */
class TenantSwitchTest {
    private static final int THREADS = 32;
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN);

    @Test
    void theAdminEndpointSetsASwitchThatEveryInstanceFollows() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            Map<TenantSwitches.Switch, Boolean> defaults = new EnumMap<>(TenantSwitches.Switch.class);
            defaults.put(TenantSwitches.Switch.COMBINING, true);
            try (TenantSwitches other = new TenantSwitches(core.bean(Database.class), defaults,
                    Duration.ofMillis(100)).start()) {
                CoreClient.Reply read = core.acme.unsigned("GET", "/v1/admin/switches/acme", null, ADMIN);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.body()).contains("\"combining\":true").contains("\"hotspot-isolation\":true");
                assertThat(other.on("acme", TenantSwitches.Switch.COMBINING)).isTrue();

                CoreClient.Reply set = core.acme.unsigned("PUT", "/v1/admin/switches/acme/combining",
                        "{\"enabled\":false}", ADMIN);
                assertThat(set.status()).isEqualTo(200);
                assertThat(set.body()).contains("\"combining\":false");
                CoreHarness.waitFor(() -> !other.on("acme", TenantSwitches.Switch.COMBINING), Duration.ofSeconds(10),
                        "the other instance to read combining off for acme");
                assertThat(other.on("beta", TenantSwitches.Switch.COMBINING)).isTrue(); // other tenants keep it
                assertThat(db.count("SELECT COUNT(*) FROM tenant_switches WHERE tenant = 'acme' AND switch_name = "
                        + "'combining' AND enabled = FALSE")).isEqualTo(1);

                assertThat(core.acme.unsigned("PUT", "/v1/admin/switches/acme/warp-drive", "{\"enabled\":true}",
                        ADMIN).status()).isEqualTo(400);
                assertThat(core.acme.unsigned("PUT", "/v1/admin/switches/acme/combining", "{}", ADMIN).status())
                        .isEqualTo(400);
                assertThat(core.acme.unsigned("PUT", "/v1/admin/switches/acme/combining", "{\"enabled\":true}",
                        Map.of("Authorization", "Bearer wrong")).status()).isEqualTo(401);
                assertThat(other.on("acme", TenantSwitches.Switch.COMBINING)).isFalse();
            }
        }
    }

    @Test
    void aTenantSwitchedMidRunGetsCorrectResultsAndTheSwitchTakesEffect() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            core.seed(core.acme, "acme", "SH01", "HOT-1");
            OperationEngine engine = core.bean(OperationEngine.class);
            CoreMetrics metrics = core.bean(CoreMetrics.class);
            long start = 100_000;
            engine.apply(List.of(op("acme", "SH01", OperationType.RECEIVE, "HOT-1", start)));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong requests = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    long picked = 0;
                    long reserved = 0;
                    int i = 0;
                    while (!stop.get()) {
                        Operation o = i % 2 == 0 ? op("acme", "SH01", OperationType.PICK, "HOT-1", 1)
                                : op("acme", "SH01", OperationType.RESERVE, "HOT-1", 1).toBuilder()
                                        .orderNo("SO-" + thread + "-" + i).build();
                        OperationResult r = engine.apply(List.of(o)).get(0);
                        assertThat(r.opId()).isEqualTo(o.opId());
                        assertThat(r.status()).as("%s %s", r.code(), r.message()).isEqualTo(ResultStatus.APPLIED);
                        if (o.type() == OperationType.PICK) {
                            picked++;
                        } else {
                            reserved++;
                        }
                        requests.incrementAndGet();
                        i++;
                    }
                    return new long[] {picked, reserved};
                }));
            }
            long[] on1 = window(metrics, requests);
            setCombining(core, false);
            long[] off = window(metrics, requests);
            setCombining(core, true);
            long[] on2 = window(metrics, requests);
            stop.set(true);
            long picked = 0;
            long reserved = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get(60, TimeUnit.SECONDS);
                picked += r[0];
                reserved += r[1];
            }
            pool.shutdown();

            // combining on: fewer calls than requests; off: every request at least one call (up to the requests
            // already in flight when the window opened)
            assertThat(on1[0]).as("calls with combining on, for %d requests", on1[1]).isLessThan(on1[1]);
            assertThat(off[0] + THREADS).as("calls with combining off, for %d requests", off[1])
                    .isGreaterThanOrEqualTo(off[1]);
            assertThat(on2[0]).as("calls with combining on again, for %d requests", on2[1]).isLessThan(on2[1]);
            assertThat(picked + reserved).isEqualTo(requests.get());
            assertThat(engine.stock("acme", "SH01", "HOT-1").orElseThrow())
                    .isEqualTo(new StockLevels(start - picked, start - picked - reserved, reserved));
            core.awaitWriteBack(Duration.ofSeconds(60));
            assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'HOT-1' AND status = 'APPLIED'"))
                    .isEqualTo(requests.get() + 1);
            assertThat(core.bean(Reconciler.class).run("test").differences()).isEmpty();
        }
    }

    private static void setCombining(CoreHarness core, boolean on) {
        CoreClient.Reply r = core.acme.unsigned("PUT", "/v1/admin/switches/acme/combining",
                "{\"enabled\":" + on + "}", ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** {calls, requests} over 700 ms, once at least 200 requests went through. */
    private static long[] window(CoreMetrics metrics, AtomicLong requests) throws InterruptedException {
        long calls0 = metrics.applyCalls();
        long req0 = requests.get();
        Thread.sleep(700);
        CoreHarness.waitFor(() -> requests.get() - req0 >= 200, Duration.ofSeconds(60), "200 requests");
        return new long[] {metrics.applyCalls() - calls0, requests.get() - req0};
    }
}
