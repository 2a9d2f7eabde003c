package dev.floorgate.sync;

import static dev.floorgate.sync.FeedCore.location;
import static dev.floorgate.sync.FeedCore.page;
import static dev.floorgate.sync.FeedCore.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncEngineTest {
    @TempDir
    Path dir;

    @Test
    void withoutACoreEverythingQueuesAndSurvivesARestart() throws Exception {
        SyncOptions options = SyncOptions.builder().dataDir(dir).build();
        Operation op = Ops.receive("acme");
        try (SyncEngine engine = SyncEngine.start(options, SyncListener.NONE)) {
            assertThat(engine.uploader()).isEmpty();
            AppendResult r = engine.outbox().append(op, "pda-1").get(10, TimeUnit.SECONDS);
            assertThat(r.kind()).isEqualTo(AppendResult.Kind.ACCEPTED);
            SyncStats s = engine.stats();
            assertThat(s.offline()).isTrue();
            assertThat(s.coreReachable()).isNull();
            assertThat(s.unsyncedOps()).isEqualTo(1);
            assertThat(s.acceptedTotal()).isEqualTo(1);
            assertThat(s.cacheAge()).isNull();
        }
        try (SyncEngine engine = SyncEngine.start(options, SyncListener.NONE)) {
            assertThat(engine.outbox().find(op.opId()).orElseThrow().state()).isEqualTo(OpState.PENDING);
            assertThat(engine.stats().unsyncedOps()).isEqualTo(1);
        }
    }

    @Test
    void withACoreTheEnginePullsMasterDataValidatesAndSyncsOperations() throws Exception {
        FeedCore core = new FeedCore();
        core.batches.decide = op -> op.sku().equals("SKU-2")
                ? OperationResult.rejected(op.opId(), ResultCodes.INSUFFICIENT_STOCK, "usable 0 < requested 1")
                : OperationResult.applied(op.opId(), null);
        core.pagesBySince.put("", page("c1", sku("acme", "SKU-1", "09501101530003"),
                sku("acme", "SKU-2", "09501101530010"), location("acme", "A-01-01")));
        core.pagesBySince.put("c1", page("c1"));
        MockWebServer server = new MockWebServer();
        server.setDispatcher(core);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        Map<String, OperationResult> heard = new ConcurrentHashMap<>();
        SyncOptions options = SyncOptions.builder().dataDir(dir).gatewayId("gw-sh01")
                .coreUrl("http://127.0.0.1:" + server.getPort()).keyId(ScriptedCore.KEY_ID)
                .secret(ScriptedCore.SECRET).warehouses(Set.of("SH01")).backoffMin(Duration.ofMillis(20))
                .backoffMax(Duration.ofMillis(200)).build();
        try (SyncEngine engine = SyncEngine.start(options, (op, r) -> heard.put(op.opId(), r))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.cache().skuExists("acme", "SKU-2"));
            assertThat(engine.validator().check(Ops.receive("acme", "SKU-9", 1)))
                    .extracting(LocalProblem::code).containsExactly(ResultCodes.UNKNOWN_SKU);

            Operation good = Ops.receive("acme", "SKU-1", 1);
            Operation short1 = Ops.receive("acme", "SKU-2", 1);
            assertThat(engine.validator().check(good)).isEmpty();
            engine.outbox().append(List.of(good, short1), "pda-1").get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
            assertThat(heard.get(good.opId()).status()).isEqualTo(ResultStatus.APPLIED);
            assertThat(heard.get(short1.opId()).code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
            assertThat(engine.outbox().find(short1.opId()).orElseThrow().state()).isEqualTo(OpState.REJECTED);
            SyncStats s = engine.stats();
            assertThat(s.offline()).isFalse();
            assertThat(s.coreReachable()).isTrue();
            assertThat(s.unsyncedOps()).isZero();
            assertThat(s.oldestUnsyncedAge()).isEqualTo(Duration.ZERO);
            assertThat(s.syncedTotal()).isEqualTo(2);
            assertThat(s.rejectedTotal()).isEqualTo(1);
            assertThat(s.lastSuccessfulSyncAt()).isNotNull();
            assertThat(s.cacheAge()).isNotNull().isLessThan(Duration.ofSeconds(10));
            assertThat(s.syncRatePerSecond()).isPositive();
            assertThat(core.signatureProblems).isEmpty();
            assertThat(core.batches.received()).allSatisfy(r -> assertThat(r.signatureProblem).isNull());
        } finally {
            server.shutdown();
        }
    }
}
