package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploaderTest {
    @TempDir
    Path dir;
    MockWebServer server;
    ScriptedCore core;
    Outbox outbox;
    Uploader uploader;
    OkHttpClient http;
    final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    final Map<String, OperationResult> heardResults = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        core = new ScriptedCore();
        server = new MockWebServer();
        server.setDispatcher(core);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        outbox = Outbox.open(dir.resolve("outbox.db"), new DiskGuard(dir, 0));
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (uploader != null) {
            uploader.close();
        }
        outbox.close();
        server.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private SyncOptions.Builder options() {
        return SyncOptions.builder().dataDir(dir).gatewayId("gw-7").coreUrl(baseUrl(server.getPort()))
                .keyId(ScriptedCore.KEY_ID).secret(ScriptedCore.SECRET)
                .backoffMin(Duration.ofMillis(20)).backoffMax(Duration.ofMillis(200));
    }

    private static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    private void startUploader(SyncOptions options) {
        CoreClient client = new CoreClient(options.coreUrl(),
                new RequestSigner(ScriptedCore.KEY_ID, ScriptedCore.SECRET), http);
        uploader = new Uploader(outbox, client, options, (op, result) -> {
            heard.add(op.opId());
            heardResults.put(op.opId(), result);
        });
        uploader.start();
    }

    private List<Operation> append(String tenant, int n) throws Exception {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Operation op = Ops.receive(tenant, "SKU-" + i, 1 + i % 3);
            outbox.append(op, "pda-1").get(10, TimeUnit.SECONDS);
            ops.add(op);
        }
        return ops;
    }

    private StoredOperation stored(Operation op) {
        return outbox.find(op.opId()).orElseThrow();
    }

    private void awaitFinal(List<Operation> ops) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ops.stream().allMatch(o -> stored(o).state().isFinal()));
    }

    private static List<String> ids(List<Operation> ops) {
        return ops.stream().map(Operation::opId).collect(Collectors.toList());
    }

    @Test
    void eachTenantsOperationsGoOutInAckOrderWithOneSignedBatchInFlightPerTenant() throws Exception {
        core.delayMillis = 15;
        List<Operation> acme = new ArrayList<>();
        List<Operation> globex = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // interleaved acknowledgements of two tenants
            acme.addAll(append("acme", 1));
            globex.addAll(append("globex", 1));
        }
        startUploader(options().batchSize(7).build());
        List<Operation> more = append("acme", 12); // arrives while batches are in flight
        acme.addAll(more);

        awaitFinal(acme);
        awaitFinal(globex);

        assertThat(core.wireOrder("acme")).containsExactlyElementsOf(ids(acme));
        assertThat(core.wireOrder("globex")).containsExactlyElementsOf(ids(globex));
        assertThat(core.maxInFlightPerTenant.get()).isEqualTo(1);
        for (ScriptedCore.Received r : core.received()) {
            assertThat(r.signatureProblem).as("signature of %s", r.opIds()).isNull();
            assertThat(r.method).isEqualTo("POST");
            assertThat(r.path).isEqualTo("/v1/operations:batch");
            assertThat(r.batch.gatewayId()).isEqualTo("gw-7");
            assertThat(r.batch.operations()).hasSizeLessThanOrEqualTo(7)
                    .allSatisfy(op -> assertThat(op.tenant()).isEqualTo(r.tenant()));
            String expected = "{\"gatewayId\":\"gw-7\",\"operations\":[" + r.opIds().stream()
                    .map(id -> outbox.find(id).orElseThrow().json()).collect(Collectors.joining(",")) + "]}";
            assertThat(new String(r.body, StandardCharsets.UTF_8)).isEqualTo(expected); // stored bytes, as signed
        }
        assertThat(acme).allSatisfy(op -> {
            assertThat(stored(op).state()).isEqualTo(OpState.APPLIED);
            assertThat(stored(op).result().stock()).isNotNull();
        });
        assertThat(heard).hasSize(acme.size() + globex.size()).doesNotHaveDuplicates();
        assertThat(uploader.stats().syncedTotal()).isEqualTo(acme.size() + globex.size());
        assertThat(uploader.stats().unsyncedOps()).isZero();
        assertThat(uploader.stats().coreReachable()).isTrue();
    }

    @Test
    void aBusyCoreIsAskedAgainOnlyAfterItsRetryAfter() throws Exception {
        core.enqueue(ScriptedCore.error(503, "UNAVAILABLE", "shedding load").setHeader("Retry-After", "1"));
        List<Operation> ops = append("acme", 3);
        startUploader(options().build());

        awaitFinal(ops);

        List<ScriptedCore.Received> r = core.received();
        assertThat(r).hasSize(2);
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(r.get(1).atNanos - r.get(0).atNanos);
        assertThat(gapMillis).as("gap after 503 with Retry-After: 1 (backoff alone would be < 200 ms)")
                .isBetween(1000L, 3000L);
        assertThat(r.get(1).opIds()).isEqualTo(r.get(0).opIds());
        assertThat(ops).allSatisfy(op -> assertThat(stored(op).state()).isEqualTo(OpState.APPLIED));
    }

    @Test
    void operationsQueuedWhileTheCoreIsDownAreDeliveredWhenItComesBack() throws Exception {
        int port = server.getPort();
        server.shutdown(); // nothing listens on the port now
        List<Operation> ops = append("acme", 5);
        startUploader(options().build());

        await().atMost(Duration.ofSeconds(10)).until(() -> uploader.stats().lastError() != null);
        assertThat(uploader.stats().coreReachable()).isFalse();
        assertThat(uploader.stats().lastError()).contains("unreachable");
        // kept, none answered: PENDING, or SYNCING while the next attempt is on its way (a full run caught one)
        assertThat(ops).allSatisfy(op -> assertThat(stored(op).state()).isIn(OpState.PENDING, OpState.SYNCING));

        server = new MockWebServer();
        server.setDispatcher(core);
        server.start(InetAddress.getByName("127.0.0.1"), port);
        awaitFinal(ops);

        assertThat(ops).allSatisfy(op -> assertThat(stored(op).state()).isEqualTo(OpState.APPLIED));
        assertThat(core.wireOrder("acme")).containsExactlyElementsOf(ids(ops));
        assertThat(uploader.stats().coreReachable()).isTrue();
    }

    @Test
    void aResponseLostAfterTheCoreAppliedTheBatchIsResolvedByResendingAndStoresTheDuplicate() throws Exception {
        core.script.add(new ScriptedCore.Scripted(
                new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST), true));
        List<Operation> ops = append("acme", 2);
        startUploader(options().build());

        awaitFinal(ops);

        List<ScriptedCore.Received> r = core.received();
        assertThat(r).hasSizeGreaterThanOrEqualTo(2);
        assertThat(r.get(1).opIds()).isEqualTo(r.get(0).opIds());
        for (Operation op : ops) {
            StoredOperation s = stored(op);
            OperationResult first = core.firstResults.get(op.opId());
            assertThat(s.state()).isEqualTo(OpState.DUPLICATE);
            assertThat(s.result().status()).isEqualTo(ResultStatus.DUPLICATE);
            assertThat(s.result().code()).isEqualTo("APPLIED");
            assertThat(s.result().stock()).isEqualTo(first.stock());
            assertThat(heardResults.get(op.opId())).isEqualTo(s.result());
        }
        assertThat(core.firstResults).hasSize(2); // applied once each
    }

    @Test
    void aRejectedOperationDoesNotHoldUpTheOperationsBehindIt() throws Exception {
        core.decide = op -> op.sku().equals("SKU-2")
                ? OperationResult.rejected(op.opId(), ResultCodes.INSUFFICIENT_STOCK, "usable 0 < requested 3")
                : OperationResult.applied(op.opId(), new StockLevels(5, 5, 0));
        List<Operation> ops = append("acme", 5);
        startUploader(options().build());
        awaitFinal(ops);
        List<Operation> later = append("acme", 2);
        awaitFinal(later);

        StoredOperation rejected = stored(ops.get(2));
        assertThat(rejected.state()).isEqualTo(OpState.REJECTED);
        assertThat(rejected.result().code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
        assertThat(rejected.result().message()).isEqualTo("usable 0 < requested 3");
        assertThat(heardResults.get(ops.get(2).opId()).status()).isEqualTo(ResultStatus.REJECTED);
        for (Operation op : List.of(ops.get(0), ops.get(1), ops.get(3), ops.get(4), later.get(0), later.get(1))) {
            assertThat(stored(op).state()).isEqualTo(OpState.APPLIED);
        }
        assertThat(uploader.stats().rejectedTotal()).isEqualTo(1);
    }

    @Test
    void aBatchTheCoreCannotReadIsSentOneByOneAndOnlyThePoisonOperationIsRejected() throws Exception {
        core.unreadable = op -> "POISON".equals(op.lot());
        List<Operation> ops = new ArrayList<>(append("acme", 2));
        Operation poison = Ops.receive("acme", "SKU-P", 1).toBuilder().lot("POISON").build();
        outbox.append(poison, "pda-1").get(10, TimeUnit.SECONDS);
        ops.add(poison);
        ops.addAll(append("acme", 1));
        startUploader(options().build());

        awaitFinal(ops);

        List<List<String>> wire = core.received().stream().map(ScriptedCore.Received::opIds)
                .collect(Collectors.toList());
        assertThat(wire).containsExactly(ids(ops), List.of(ops.get(0).opId()), List.of(ops.get(1).opId()),
                List.of(poison.opId()), List.of(ops.get(3).opId()));
        StoredOperation p = stored(poison);
        assertThat(p.state()).isEqualTo(OpState.REJECTED);
        assertThat(p.result().code()).isEqualTo(ResultCodes.MALFORMED_JSON);
        assertThat(p.result().message()).contains("cannot read operation " + poison.opId());
        assertThat(List.of(ops.get(0), ops.get(1), ops.get(3)))
                .allSatisfy(op -> assertThat(stored(op).state()).isEqualTo(OpState.APPLIED));
    }

    @Test
    void aRefusedKeyIsLoggedAndRetriedAndNothingIsDropped() throws Exception {
        core.verifier = ScriptedCore.verifierFor("another-secret-of-16+chars"); // the core does not know our secret
        List<Operation> ops = append("acme", 3);
        startUploader(options().build());

        await().atMost(Duration.ofSeconds(10)).until(() -> core.received().size() >= 3);
        assertThat(core.received()).allSatisfy(r -> assertThat(r.signatureProblem).contains("does not match"));
        assertThat(uploader.stats().lastError()).contains("401");
        assertThat(ops).allSatisfy(op -> assertThat(stored(op).state().isFinal()).isFalse());

        core.verifier = ScriptedCore.verifierFor(ScriptedCore.SECRET); // site IT fixes the key at the core
        awaitFinal(ops);
        assertThat(ops).allSatisfy(op -> assertThat(stored(op).state()).isEqualTo(OpState.APPLIED));
    }

    @Test
    void retryResultsStayPendingAndAreSentAgain() throws Exception {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        core.decide = op -> seen.merge(op.opId(), 1, Integer::sum) == 1
                ? OperationResult.retry(op.opId(), "redis busy")
                : OperationResult.applied(op.opId(), new StockLevels(1, 1, 0));
        List<Operation> ops = append("acme", 2);
        startUploader(options().build());

        awaitFinal(ops);

        assertThat(core.wireOrder("acme")).containsExactly(ops.get(0).opId(), ops.get(1).opId(),
                ops.get(0).opId(), ops.get(1).opId());
        assertThat(ops).allSatisfy(op -> assertThat(stored(op).state()).isEqualTo(OpState.APPLIED));
    }

    @Test
    void aBatchTooLargeForTheCoreIsSentInSmallerBatches() throws Exception {
        core.enqueue(ScriptedCore.error(413, "BATCH_TOO_LARGE", "at most 4 MiB"));
        List<Operation> ops = append("acme", 8);
        startUploader(options().batchSize(8).build());

        awaitFinal(ops);

        assertThat(core.received().stream().map(r -> r.opIds().size()).collect(Collectors.toList()))
                .containsExactly(8, 4, 4);
    }

    @Test
    void operationsLeftSyncingByACrashMidSendAreSentAgainAfterRestart() throws Exception {
        List<Operation> ops = append("acme", 3);
        List<StoredOperation> inFlight = outbox.nextBatch("acme", 10, 1 << 20);
        outbox.markSyncing(inFlight).get(10, TimeUnit.SECONDS); // the process dies here, mid-send
        outbox.close();
        outbox = Outbox.open(dir.resolve("outbox.db"), new DiskGuard(dir, 0));
        assertThat(stored(ops.get(0)).state()).isEqualTo(OpState.SYNCING);
        assertThat(outbox.stats().unsynced()).isEqualTo(3);

        startUploader(options().build());
        awaitFinal(ops);

        assertThat(core.wireOrder("acme")).containsExactlyElementsOf(ids(ops));
        assertThat(ops).allSatisfy(op -> assertThat(stored(op).state()).isEqualTo(OpState.APPLIED));
    }
}
