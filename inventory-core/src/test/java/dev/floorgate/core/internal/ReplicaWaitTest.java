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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * fg.redis.wait-replicas on one primary whose replica is missing (issue 14 item 5): the core answers RETRY for what
 * it applied on the primary, and the write-back copies none of it into MySQL; once a replica is attached, the
 * resend (same opId, same body) is answered from the first result, the write-back drains, and the ledger holds
 * the operation once.
 */
class ReplicaWaitTest {
    @Test
    void withoutTheReplicaWritesAreRetryAndHeldBackAndTheResendIsADuplicateNotASecondApply() throws Exception {
        try (RedisProcess primary = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(primary.uri(), db, Map.of("fg.redis.wait-replicas", "1",
                        "fg.redis.wait-timeout", "1s"))) {
            core.seed(core.acme, "acme", "SH01", "W-1");
            Operation receive = op("acme", "SH01", OperationType.RECEIVE, "W-1", 7);
            Operation invalid = op("acme", "SH01", OperationType.RECEIVE, "W-1", -1);

            List<OperationResult> first = apply(core.acme, List.of(receive, invalid));
            assertThat(first.get(0).status()).isEqualTo(ResultStatus.RETRY);
            assertThat(first.get(0).message()).contains("only 0 of 1 required replicas confirmed it");
            assertThat(first.get(1).code()).as("decided by the body alone: stays").isEqualTo(ResultCodes.INVALID);
            assertThat(primary.ports()).hasSize(1);
            assertThat(RedisProcess.command(primary.ports().get(0), "HGET", new KeyLayout(16).stockKey(
                    KeyLayout.recordId("acme", "SH01", "W-1")), "oh")).as("applied on the primary").contains("7");
            Thread.sleep(500); // several write-back rounds
            assertThat(db.count("SELECT COUNT(*) FROM ledger")).as("nothing the replica lacks reaches MySQL")
                    .isZero();
            assertThat(core.bean(LoadShedder.class).lag()).isGreaterThanOrEqualTo(1);
            assertThat(apply(core.acme, receive).status()).as("a resend while still short of replicas")
                    .isEqualTo(ResultStatus.RETRY);

            Path replicaDir = Files.createTempDirectory("fg-replica-");
            Process replica = startReplica(primary.ports().get(0), replicaDir);
            try {
                // the first resend the replica confirms is the one asserted (a later one could meet a WAIT timed out
                // on a loaded machine, which is RETRY again and says nothing about a second apply)
                OperationResult[] confirmed = new OperationResult[1];
                CoreHarness.waitFor(() -> {
                    confirmed[0] = apply(core.acme, receive);
                    return confirmed[0].status() != ResultStatus.RETRY;
                }, Duration.ofSeconds(30), "the resend to be confirmed once a replica is attached");
                OperationResult resend = confirmed[0];
                assertThat(resend.status()).isEqualTo(ResultStatus.DUPLICATE);
                assertThat(resend.code()).isEqualTo("APPLIED");
                assertThat(resend.stock()).isEqualTo(new StockLevels(7, 7, 0));
                core.awaitWriteBack(Duration.ofSeconds(30));
                assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE op_id = ?", receive.opId())).isEqualTo(1);
                assertThat(db.count("SELECT on_hand FROM stock WHERE sku = 'W-1'")).isEqualTo(7);
                OperationResult next = apply(core.acme, op("acme", "SH01", OperationType.PICK, "W-1", 2));
                assertThat(next.status()).isEqualTo(ResultStatus.APPLIED);
                assertThat(next.stock()).isEqualTo(new StockLevels(5, 5, 0));
            } finally {
                replica.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                try (Stream<Path> files = Files.walk(replicaDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void anAdminCorrectionIsAnsweredOnlyOnceAReplicaHoldsIt() throws Exception {
        String correction = "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"sku\":\"W-2\",\"onHand\":10,"
                + "\"usable\":10,\"reserved\":0,\"reason\":\"recount\",\"actor\":\"central-it\"}";
        Map<String, String> admin = Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN);
        try (RedisProcess primary = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(primary.uri(), db, Map.of("fg.redis.wait-replicas", "1",
                        "fg.redis.wait-timeout", "1s"))) {
            core.seed(core.acme, "acme", "SH01", "W-2");
            CoreClient.Reply unconfirmed = core.acme.unsigned("POST", "/v1/admin/corrections", correction, admin);
            assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(503);
            assertThat(unconfirmed.body()).contains("only 0 of 1 required replicas confirmed it")
                    .contains("send it again");
            assertThat(unconfirmed.headers().firstValue("Retry-After")).isPresent();
            Thread.sleep(500); // several write-back rounds
            assertThat(db.count("SELECT COUNT(*) FROM corrections")).as("not recorded while unconfirmed").isZero();
            assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE type = 'CORRECTION'"))
                    .as("nothing the replica lacks reaches MySQL").isZero();

            Path replicaDir = Files.createTempDirectory("fg-replica-");
            Process replica = startReplica(primary.ports().get(0), replicaDir);
            try {
                CoreHarness.waitFor(() -> core.acme.unsigned("POST", "/v1/admin/corrections", correction, admin)
                        .status() == 200, Duration.ofSeconds(30), "the correction to be confirmed with a replica");
                core.awaitWriteBack(Duration.ofSeconds(30));
                assertThat(db.count("SELECT COUNT(*) FROM corrections WHERE actor = 'central-it'")).isEqualTo(1);
                assertThat(db.count("SELECT on_hand FROM stock WHERE sku = 'W-2'")).isEqualTo(10);
                assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "W-2"))
                        .contains(new StockLevels(10, 10, 0));
            } finally {
                replica.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                try (Stream<Path> files = Files.walk(replicaDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private static Process startReplica(int primaryPort, Path dir) throws Exception {
        int port = RedisProcess.freePort(false);
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--replicaof", "127.0.0.1",
                Integer.toString(primaryPort), "--repl-diskless-sync-delay", "0").redirectErrorStream(true)
                .redirectOutput(dir.resolve("replica.log").toFile()).start();
        return p;
    }
}
