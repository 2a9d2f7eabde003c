package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.ResultStatus;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gateway whose clock is off keeps syncing (issue 20): the core's clock is played skewed against this machine's,
 * its verifier keeps the strict 300 s window, and the engine must sign in core time. The backoff is set long
 * (5 s to 60 s) so that any wait on a backoff shows in the time the first batch takes.
 */
class SkewedCoreTest {
    private static final Duration NO_BACKOFF_WOULD_BE_THIS_FAST = Duration.ofMillis(2_500);
    @TempDir
    Path dir;
    private ScriptedCore core;
    private MockWebServer server;
    private final Map<String, ResultStatus> heard = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        core = new ScriptedCore();
        server = new MockWebServer();
        server.setDispatcher(core);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private SyncEngine engine() throws Exception {
        SyncOptions options = SyncOptions.builder().dataDir(dir).gatewayId("gw-skew")
                .coreUrl("http://127.0.0.1:" + server.getPort()).keyId(ScriptedCore.KEY_ID)
                .secret(ScriptedCore.SECRET).backoffMin(Duration.ofSeconds(5)).backoffMax(Duration.ofSeconds(60))
                .build();
        return SyncEngine.start(options, (op, r) -> heard.put(op.opId(), r.status()));
    }

    @ParameterizedTest(name = "core clock {0} ms from the gateway's")
    @ValueSource(longs = {600_000L, -600_000L, 86_400_000L, -86_400_000L})
    void aGatewayWhoseClockIsOffSyncsItsFirstBatchInSecondsAndAppliesEachOperationOnce(long skew) throws Exception {
        core.coreSkewMillis = skew;
        try (SyncEngine engine = engine()) {
            List<Operation> ops = List.of(Ops.receive("acme"), Ops.receive("acme"), Ops.receive("acme"));
            long started = System.nanoTime();
            engine.outbox().append(ops, "pda-1").get(10, TimeUnit.SECONDS);

            await().atMost(NO_BACKOFF_WOULD_BE_THIS_FAST).until(() -> heard.size() == 3);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(heard.values()).containsOnly(ResultStatus.APPLIED);
            assertThat(took).isLessThan(NO_BACKOFF_WOULD_BE_THIS_FAST);
            assertAppliedOnceEach(ops);
            assertThat(refusals()).as("at most the one refusal that taught the offset").isLessThanOrEqualTo(1);
            assertThat(engine.clockOffset().offsetMillis()).isBetween(skew - 1_000, skew + 1_000);
            assertThat(engine.coreKeyRefusal()).isNull();
        }
    }

    @Test
    void aClockThatJumpsAnHourMidShiftCostsOneRefusalAndNoBackoff() throws Exception {
        try (SyncEngine engine = engine()) {
            List<Operation> before = List.of(Ops.receive("acme"), Ops.receive("acme"));
            engine.outbox().append(before, "pda-1").get(10, TimeUnit.SECONDS);
            await().atMost(NO_BACKOFF_WOULD_BE_THIS_FAST).until(() -> heard.size() == 2);
            assertThat(refusals()).isZero();

            core.coreSkewMillis = -3_600_000L; // this machine's clock was just set an hour ahead
            List<Operation> after = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                after.add(Ops.receive("acme"));
            }
            long started = System.nanoTime();
            engine.outbox().append(after, "pda-1").get(10, TimeUnit.SECONDS);
            await().atMost(NO_BACKOFF_WOULD_BE_THIS_FAST).until(() -> heard.size() == 7);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(NO_BACKOFF_WOULD_BE_THIS_FAST);
            assertThat(refusals()).isEqualTo(1);
            assertThat(heard.values()).containsOnly(ResultStatus.APPLIED);
            List<Operation> all = new ArrayList<>(before);
            all.addAll(after);
            assertAppliedOnceEach(all);
        }
    }

    @Test
    void aCoreThatSendsOnlyTheDateHeaderIsEnoughToSyncWithAClockTenMinutesOff() throws Exception {
        core.sendsCoreTime = false;
        core.coreSkewMillis = 600_000L;
        try (SyncEngine engine = engine()) {
            List<Operation> ops = List.of(Ops.receive("acme"), Ops.receive("acme"));
            engine.outbox().append(ops, "pda-1").get(10, TimeUnit.SECONDS);
            await().atMost(NO_BACKOFF_WOULD_BE_THIS_FAST).until(() -> heard.size() == 2);
            assertAppliedOnceEach(ops);
            assertThat(engine.clockOffset().offsetMillis()).isBetween(600_000L - 2_000, 600_000L + 2_000);
        }
    }

    @Test
    void aKeyTheCoreRefusesIsReportedAndNotMistakenForAClockProblem() throws Exception {
        core.verifier = ScriptedCore.verifierFor("another-secret-of-16+chars");
        try (SyncEngine engine = engine()) {
            engine.outbox().append(Ops.receive("acme"), "pda-1").get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.coreKeyRefusal() != null);
            assertThat(engine.coreKeyRefusal()).startsWith("401 BAD_SIGNATURE").contains("signature does not match");
            assertThat(core.received()).hasSize(1);
        }
    }

    private long refusals() {
        return core.received().stream().filter(r -> r.signatureProblem != null).count();
    }

    private void assertAppliedOnceEach(List<Operation> ops) {
        assertThat(core.firstResults).containsOnlyKeys(ops.stream().map(Operation::opId).toArray(String[]::new));
        List<String> accepted = new ArrayList<>();
        for (ScriptedCore.Received r : core.received()) {
            if (r.signatureProblem == null) {
                accepted.addAll(r.opIds());
            }
        }
        assertThat(new HashSet<>(accepted)).hasSize(accepted.size()).hasSize(ops.size());
    }
}
