package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.StockLevels;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several core instances (issue 14 item 4, gateway side): three HTTP servers play three core instances sharing one
 * store (one {@link ScriptedCore}, as three cores share one Redis), each able to fail in its own way. Every test
 * counts how often the core decided an operation (must be once per opId: no double apply) and that the outbox
 * holds a final answer for every operation (no loss).
 */
class CoreFailoverTest {
    @TempDir
    Path dir;
    final ScriptedCore core = new ScriptedCore();
    final AtomicInteger decisions = new AtomicInteger();
    final Map<String, AtomicInteger> decidedPerOp = new ConcurrentHashMap<>();
    final List<Instance> instances = new ArrayList<>();
    Outbox outbox;
    Uploader uploader;
    CoreClient client;
    OkHttpClient http;

    /** How one instance behaves now. */
    enum Mode { SERVE, ANSWER_503, APPLY_THEN_DROP }

    /** One core instance: a server in front of the shared store, with its own failure mode and request count. */
    final class Instance extends Dispatcher {
        final String name;
        volatile Mode mode = Mode.SERVE;
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger healthChecks = new AtomicInteger();
        MockWebServer server;
        int port;

        Instance(String name) throws IOException {
            this.name = name;
            start(0);
        }

        void start(int onPort) throws IOException {
            server = new MockWebServer();
            server.setDispatcher(this);
            server.start(InetAddress.getByName("127.0.0.1"), onPort);
            port = server.getPort();
        }

        void kill() throws IOException {
            server.shutdown();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if ("/health".equals(request.getPath())) {
                healthChecks.incrementAndGet();
                return mode == Mode.SERVE ? new MockResponse().setBody("{\"status\":\"UP\"}")
                        : ScriptedCore.error(503, "DOWN", name + " is down");
            }
            batches.incrementAndGet();
            switch (mode) {
                case ANSWER_503:
                    return ScriptedCore.error(503, "UNAVAILABLE", name + " sheds load");
                case APPLY_THEN_DROP:
                    core.script.addFirst(new ScriptedCore.Scripted(
                            new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST), true));
                    return core.dispatch(request);
                default:
                    return core.dispatch(request);
            }
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        core.decide = op -> {
            decisions.incrementAndGet();
            decidedPerOp.computeIfAbsent(op.opId(), k -> new AtomicInteger()).incrementAndGet();
            return OperationResult.applied(op.opId(), new StockLevels(10, 10 - op.qty(), op.qty()));
        };
        for (String name : List.of("core-a", "core-b", "core-c")) {
            instances.add(new Instance(name));
        }
        outbox = Outbox.open(dir.resolve("outbox.db"), new DiskGuard(dir, 0));
        // no OkHttp retry on the same server: a failure must surface to the failover logic
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).retryOnConnectionFailure(false).build();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (uploader != null) {
            uploader.close();
        }
        outbox.close();
        for (Instance i : instances) {
            i.kill();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private Instance a() {
        return instances.get(0);
    }

    private Instance b() {
        return instances.get(1);
    }

    private Instance c() {
        return instances.get(2);
    }

    private void startUploader(int batchSize, Duration probeInterval) {
        String urls = instances.stream().map(Instance::url).collect(Collectors.joining(", "));
        SyncOptions options = SyncOptions.builder().dataDir(dir).gatewayId("gw-7").coreUrl(urls)
                .keyId(ScriptedCore.KEY_ID).secret(ScriptedCore.SECRET).batchSize(batchSize)
                .coreProbeInterval(probeInterval)
                .backoffMin(Duration.ofMillis(20)).backoffMax(Duration.ofMillis(200)).build();
        assertThat(options.coreUrls()).containsExactly(a().url(), b().url(), c().url());
        client = new CoreClient(new CoreEndpoints(options.coreUrls(), probeInterval.toNanos()),
                new RequestSigner(ScriptedCore.KEY_ID, ScriptedCore.SECRET), http, options.maxResponseBytes(),
                options.clock(), new ClockOffset(options.clock()));
        uploader = new Uploader(outbox, client, options, null);
        uploader.start();
    }

    private List<Operation> append(int n) throws Exception {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Operation op = Ops.receive("acme", "SKU-" + i % 5, 1);
            outbox.append(op, "pda-1").get(10, TimeUnit.SECONDS);
            ops.add(op);
        }
        return ops;
    }

    private void awaitFinal(List<Operation> ops) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.stream()
                .allMatch(o -> outbox.find(o.opId()).orElseThrow().state().isFinal()));
    }

    /** No loss, no double apply: every operation decided exactly once and final in the outbox. */
    private void assertExactlyOnce(List<Operation> ops) {
        assertThat(decidedPerOp.keySet()).containsExactlyInAnyOrderElementsOf(
                ops.stream().map(Operation::opId).collect(Collectors.toList()));
        assertThat(decidedPerOp.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(decisions.get()).isEqualTo(ops.size());
        for (Operation op : ops) {
            StoredOperation s = outbox.find(op.opId()).orElseThrow();
            assertThat(s.state()).as("state of %s", op.opId()).isIn(OpState.APPLIED, OpState.DUPLICATE);
        }
        assertThat(core.maxInFlightPerTenant.get()).isEqualTo(1);
    }

    @Test
    void aDeadPreferredCoreIsSkippedAndEveryOperationLandsOnceOnTheNext() throws Exception {
        a().kill();
        List<Operation> ops = append(50);
        startUploader(10, Duration.ofHours(1));

        awaitFinal(ops);

        assertExactlyOnce(ops);
        assertThat(ops).allSatisfy(op -> assertThat(outbox.find(op.opId()).orElseThrow().state())
                .isEqualTo(OpState.APPLIED));
        assertThat(client.baseUrl()).isEqualTo(b().url());
        assertThat(b().batches.get()).isEqualTo(5);
        assertThat(c().batches.get()).isZero();
        assertThat(client.failovers()).isEqualTo(1);
        assertThat(uploader.stats().coreReachable()).isTrue();
    }

    @Test
    void aBatchWhoseAnswerWasLostIsResentToTheNextCoreWithTheSameBytesAndAnsweredAsDuplicate() throws Exception {
        a().mode = Mode.APPLY_THEN_DROP; // applies every batch, never answers
        List<Operation> ops = append(30);
        startUploader(10, Duration.ofHours(1));

        awaitFinal(ops);

        assertExactlyOnce(ops);
        List<ScriptedCore.Received> received = core.received();
        assertThat(received).hasSize(4); // first batch to a (applied, answer lost), then all three to b
        assertThat(received.get(1).body).isEqualTo(received.get(0).body);
        assertThat(received.get(1).opIds()).isEqualTo(received.get(0).opIds());
        for (String opId : received.get(0).opIds()) {
            assertThat(outbox.find(opId).orElseThrow().state()).isEqualTo(OpState.DUPLICATE);
        }
        assertThat(core.wireOrder("acme").subList(10, 40))
                .containsExactlyElementsOf(ops.stream().map(Operation::opId).collect(Collectors.toList()));
        assertThat(client.baseUrl()).isEqualTo(b().url());
    }

    @Test
    void a503Or502FromTheCoreInUseMovesOnAndTheLastCoreWrapsToTheFirst() throws Exception {
        a().mode = Mode.ANSWER_503;
        b().mode = Mode.ANSWER_503;
        List<Operation> ops = append(20);
        startUploader(10, Duration.ofHours(1));

        awaitFinal(ops);

        assertExactlyOnce(ops);
        assertThat(client.baseUrl()).isEqualTo(c().url());
        c().kill(); // c dies, a is fine again: the list wraps around to a
        a().mode = Mode.SERVE;
        List<Operation> more = append(10);
        awaitFinal(more);

        List<Operation> all = new ArrayList<>(ops);
        all.addAll(more);
        assertExactlyOnce(all);
        assertThat(client.baseUrl()).isEqualTo(a().url());
    }

    @Test
    void theGatewayReturnsToThePreferredCoreOnceItsHealthAnswersAgain() throws Exception {
        int portA = a().port;
        a().kill();
        List<Operation> ops = append(20);
        startUploader(10, Duration.ofMillis(100));
        awaitFinal(ops);
        assertThat(client.baseUrl()).isEqualTo(b().url());

        a().start(portA); // the preferred core is back on its address
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            client.ping(); // each call may trigger the background probe once per interval
            return client.baseUrl().equals(a().url());
        });
        assertThat(a().healthChecks.get()).isGreaterThanOrEqualTo(1);
        int bBatches = b().batches.get();
        List<Operation> more = append(20);
        awaitFinal(more);

        List<Operation> all = new ArrayList<>(ops);
        all.addAll(more);
        assertExactlyOnce(all);
        assertThat(a().batches.get()).isGreaterThanOrEqualTo(2); // 20 in batches of at most 10 (sent as they come)
        assertThat(b().batches.get()).as("batches to b after the return").isEqualTo(bBatches);
    }

    @Test
    void whileThePreferredCoreStaysDownItIsProbedButNotUsed() throws Exception {
        a().mode = Mode.ANSWER_503; // answers, but 503 to batches and health alike
        List<Operation> ops = append(10);
        startUploader(10, Duration.ofMillis(50));
        awaitFinal(ops);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            client.ping();
            return a().healthChecks.get() >= 3;
        });
        assertThat(client.baseUrl()).isEqualTo(b().url());
        assertExactlyOnce(ops);
    }

    @Test
    void withEveryCoreDownNothingIsLostAndTheOperationsWaitPending() throws Exception {
        for (Instance i : instances) {
            i.kill();
        }
        List<Operation> ops = append(5);
        startUploader(10, Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> uploader.stats().lastError() != null);

        assertThat(uploader.stats().lastError()).contains("no core answered").contains("tried 3");
        assertThat(uploader.stats().coreReachable()).isFalse();
        assertThat(ops).allSatisfy(op -> assertThat(outbox.find(op.opId()).orElseThrow().state().isFinal())
                .isFalse());
        assertThat(decisions.get()).isZero();
    }

    @Test
    void badListsAreRefusedWithTheUrlNamed() {
        assertThatThrownBy(() -> SyncOptions.builder().coreUrl("http://a:1, ftp://b:2").keyId("k").secret("s")
                .build()).hasMessageContaining("ftp://b:2");
        assertThatThrownBy(() -> SyncOptions.builder().coreUrl("http://a:1,http://a:1/").keyId("k").secret("s")
                .build()).hasMessageContaining("http://a:1 twice");
        assertThat(SyncOptions.builder().coreUrl("http://a:1/").keyId("k").secret("s").build().coreUrls())
                .containsExactly("http://a:1");
        assertThat(SyncOptions.builder().coreUrl(" http://a:1 ,, http://b:2/ ").keyId("k").secret("s").build()
                .coreUrls()).containsExactly("http://a:1", "http://b:2");
    }
}
