package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.OperationIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's backup as packaging/README.md documents it: a {@code mariadb-dump} of its database, restored into a new
 * database, and a core started on it with an empty Redis. Redis is rebuilt from MySQL as records are used (cold
 * loading): the stock is what it was, and every operation in the dump is answered DUPLICATE when sent again.
 */
class CoreRestoreTest {
    @TempDir
    Path dir;

    @Test
    void aDumpRestoredUnderAnEmptyRedisGivesTheSameStockAndKnowsEveryOperation() throws Exception {
        List<String> ids = new ArrayList<>();
        Path dump = dir.resolve("core.sql");
        try (Chain chain = new Chain(dir).startCore()) {
            chain.seed("acme", 2);
            StringBuilder batch = new StringBuilder("{\"gatewayId\":\"restore\",\"operations\":[");
            for (int i = 0; i < 20; i++) {
                String id = OperationIds.newId();
                ids.add(id);
                batch.append(i == 0 ? "" : ",").append(Chain.receive(id, "acme", i % 2, 3));
            }
            assertThat(chain.coreApi.ok("POST", "/v1/operations:batch", batch + "]}")).doesNotContain("REJECTED");
            await().atMost(Duration.ofSeconds(30)).until(() -> chain.ledgerExists()
                    && chain.queryLong("SELECT COUNT(*) FROM ledger") == 20);
            String name = chain.db.jdbcUrl().substring(chain.db.jdbcUrl().lastIndexOf('/') + 1);
            run(dump, "mariadb-dump", "-h", "127.0.0.1", "-u", "root", "--single-transaction", name);
        }
        try (RedisServer emptyRedis = new RedisServer(dir); MariaDbDatabase restored = new MariaDbDatabase()) {
            String name = restored.jdbcUrl().substring(restored.jdbcUrl().lastIndexOf('/') + 1);
            run(null, "sh", "-c", "mariadb -h 127.0.0.1 -u root " + name + " < " + dump);
            int port = ServiceProcess.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("FG_CORE_PORT", Integer.toString(port));
            env.put("FG_REDIS_URI", emptyRedis.uri());
            env.put("FG_MYSQL_URL", restored.jdbcUrl());
            env.put("FG_CORE_KEYS", Chain.KEY_ID + ":" + Chain.SECRET + ":acme");
            try (ServiceProcess core = new ServiceProcess("core", "fg.core.jar", port, env, dir)
                    .start(Duration.ofSeconds(90))) {
                CoreClientForTests api = new CoreClientForTests("http://127.0.0.1:" + port, Chain.KEY_ID, Chain.SECRET);
                for (int sku = 0; sku < 2; sku++) {
                    assertThat(api.ok("GET", "/v1/stock/acme/SH01/SKU-" + sku, null)).containsPattern(
                            "\"onHand\"\\s*:\\s*30\\b");
                }
                StringBuilder again = new StringBuilder("{\"gatewayId\":\"restore\",\"operations\":[");
                for (int i = 0; i < ids.size(); i++) {
                    again.append(i == 0 ? "" : ",").append(Chain.receive(ids.get(i), "acme", i % 2, 3));
                }
                String results = api.ok("POST", "/v1/operations:batch", again + "]}");
                assertThat(java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"DUPLICATE\"").matcher(results)
                        .results().count()).as(results).isEqualTo(20);
                assertThat(results).doesNotContainPattern("\"status\"\\s*:\\s*\"APPLIED\"");
                assertThat(api.ok("GET", "/v1/stock/acme/SH01/SKU-0", null)).containsPattern(
                        "\"onHand\"\\s*:\\s*30\\b");
            }
        }
    }

    private static void run(Path output, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (output != null) {
            pb.redirectOutput(output.toFile());
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        if (output != null) {
            assertThat(Files.size(output)).isPositive();
        }
    }
}
