package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.batch;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The core refuses what it cannot make durable: with Redis or MySQL unreachable, or the write-back lagging past
 * its limit, a batch gets 503 with Retry-After and nothing is applied; once the store is back the core serves again.
 */
class SheddingTest {
    @Test
    void redisOrMysqlUnreachableIs503WithRetryAfterAndServiceResumesAfterwards() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone();
                TestDatabase db = new TestDatabase();
                TcpProxy mysql = new TcpProxy(3306)) {
            String url = "jdbc:mariadb://127.0.0.1:" + mysql.port() + "/" + db.name()
                    + "?createDatabaseIfNotExist=true";
            try (CoreHarness core = CoreHarness.start(redis.uri(), url,
                    Map.of("fg.mysql.timeout", "1s", "fg.redis.timeout", "1s", "fg.core.retry-after", "7s"))) {
                core.seed(core.acme, "acme", "SH01", "SKU-1");
                assertThat(apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 5)).status())
                        .isEqualTo(ResultStatus.APPLIED);
                core.awaitWriteBack(Duration.ofSeconds(10));

                redis.stop();
                awaitHealth(core, 503);
                assertShed(core, "Redis");
                assertThat(core.json(core.acme.unsigned("GET", "/health", null, Map.of()).body()))
                        .containsEntry("status", "DOWN");

                redis.restart(); // empty: the record comes back from MySQL
                awaitHealth(core, 200);
                OperationResult after = apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1));
                assertThat(after.stock()).isEqualTo(new StockLevels(6, 6, 0));

                mysql.cut();
                awaitHealth(core, 503);
                assertShed(core, "database"); // the body names the store in our words, never the driver's
                mysql.restore();
                awaitHealth(core, 200);
                assertThat(apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1)).stock())
                        .isEqualTo(new StockLevels(7, 7, 0));
                core.awaitWriteBack(Duration.ofSeconds(20));
                assertThat(db.count("SELECT on_hand FROM stock WHERE sku = 'SKU-1'")).isEqualTo(7);
            }
        }
    }

    @Test
    void writeBackLagPastTheLimitIs503() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone();
                TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.enabled", "false",
                        "fg.core.writeback.max-lag", "5"))) {
            core.seed(core.acme, "acme", "SH01", "SKU-1");
            List<Operation> ops = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ops.add(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1));
            }
            assertThat(CoreHarness.apply(core.acme, ops)).extracting(OperationResult::status)
                    .containsOnly(ResultStatus.APPLIED);
            CoreHarness.waitFor(() -> core.bean(LoadShedder.class).health().writeBackLag() >= 10,
                    Duration.ofSeconds(10), "the probe to see the lag");

            CoreClient.Reply r = core.acme.post("/v1/operations:batch",
                    batch(List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1))));

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("5");
            assertThat((String) core.json(r.body()).get("message")).contains("write-back lags");
            assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-1").orElseThrow().onHand())
                    .isEqualTo(10);
        }
    }

    /**
     * After a Redis failover the promoted replica's consumer-group counters can say hundreds of entries are unread in
     * a stream that holds none (RedisFailoverTest saw it). Here the same state is made on purpose: every event written
     * back and trimmed, then the group's entries-read set back to 0 with XGROUP SETID, so XINFO reports a lag of every
     * event ever added. The core must not count what the stream does not hold: no lag, no shedding.
     */
    @Test
    void aGroupLagThatTheStreamCannotHoldIsNotCountedAndDoesNotShed() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone();
                TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.max-lag", "5"))) {
            core.seed(core.acme, "acme", "SH01", "SKU-1");
            List<Operation> ops = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ops.add(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1));
            }
            assertThat(CoreHarness.apply(core.acme, ops)).extracting(OperationResult::status)
                    .containsOnly(ResultStatus.APPLIED);
            core.awaitWriteBack(Duration.ofSeconds(20));
            RedisConnector connector = core.bean(RedisConnector.class);
            int buckets = core.bean(KeyLayout.class).buckets();
            CoreHarness.waitFor(() -> {
                long held = 0;
                for (int b = 0; b < buckets; b++) {
                    held += connector.await(connector.async().xlen(KeyLayout.stream("acme", b)));
                }
                return held == 0;
            }, Duration.ofSeconds(20), "the written-back events trimmed");
            long reported = 0;
            for (int b = 0; b < buckets; b++) {
                String stream = KeyLayout.stream("acme", b);
                if (connector.await(connector.async().exists(stream)) == 0) {
                    continue;
                }
                String reply = RedisProcess.command(redis.ports().get(0), "XGROUP", "SETID", stream, KeyLayout.GROUP, "$",
                        "ENTRIESREAD", "0");
                assertThat(reply).as("XGROUP SETID on " + stream).startsWith("+OK");
                String info = RedisProcess.command(redis.ports().get(0), "XINFO", "GROUPS", stream);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$3\\r\\nlag\\r\\n:(\\d+)")
                        .matcher(info);
                if (m.find()) {
                    reported += Long.parseLong(m.group(1));
                }
            }
            assertThat(reported).as("XINFO's lag over the streams: the inconsistent state is there").isGreaterThan(5);

            assertThat(core.bean(LoadShedder.class).lag()).isZero();
            CoreHarness.waitFor(() -> core.bean(LoadShedder.class).health().writeBackLag() == 0,
                    Duration.ofSeconds(10), "the probe to see no lag");
            OperationResult next = apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1));
            assertThat(next.status()).as("not shed").isEqualTo(ResultStatus.APPLIED);
        }
    }

    private static void assertShed(CoreHarness core, String store) {
        CoreClient.Reply r = core.acme.post("/v1/operations:batch",
                batch(List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 100))));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("7");
        Map<String, Object> body = core.json(r.body());
        assertThat(body).containsEntry("error", "UNAVAILABLE");
        assertThat((String) body.get("message")).contains(store);
    }

    private static void awaitHealth(CoreHarness core, int status) {
        CoreHarness.waitFor(() -> core.acme.unsigned("GET", "/health", null, Map.of()).status() == status,
                Duration.ofSeconds(30), "/health to answer " + status);
    }
}
