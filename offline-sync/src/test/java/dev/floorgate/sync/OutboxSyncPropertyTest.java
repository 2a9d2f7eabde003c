package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.StockLevels;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * Issue 18 item 4, the outbox half: for any sequence of appends, device resends, lost responses (the core applied
 * the batch, the answer never arrived) and engine restarts in the middle of uploads, the set of operations the core
 * applied equals the set the outbox acknowledged, each applied exactly once, in the order they were acknowledged
 * per record. The engine is the real one (SQLite outbox file, uploader, OkHttp) against {@link FeedCore} on a
 * real HTTP server that verifies every signature and applies idempotently by opId. A restart here is a close and
 * reopen of the same outbox file while a batch may be in flight; the kill -9 of a process mid-append is
 * {@link OutboxCrashTest}'s.
 */
class OutboxSyncPropertyTest {
    /** One step of a schedule; {@code toString} is what a shrunk counterexample prints. */
    sealed interface Step permits Append, Resend, LoseResponse, Restart {
    }

    /** A device posts {@code count} new operations on one record (tenant, SKU) in one request. */
    record Append(String tenant, String sku, int count) implements Step {
        @Override
        public String toString() {
            return "append " + count + " on " + tenant + "/" + sku;
        }
    }

    /** A device resends an operation it already got 202 for (the {@code pick}-th acknowledged, modulo their count). */
    record Resend(int pick) implements Step {
        @Override
        public String toString() {
            return "resend #" + pick;
        }
    }

    /** The core applies the next batch and the connection drops before the answer. */
    record LoseResponse() implements Step {
        @Override
        public String toString() {
            return "lose-response";
        }
    }

    /** The engine stops (a batch may be in flight) and a new one opens the same files. */
    record Restart() implements Step {
        @Override
        public String toString() {
            return "restart";
        }
    }

    @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED)
    void theCoreAppliesExactlyTheAcknowledgedOperationsOnceEachInPerRecordOrder(
            @ForAll("schedules") List<Step> steps, @ForAll("delays") int coreDelayMillis) throws Exception {
        Path dir = Files.createTempDirectory("fg-outbox-prop-");
        FeedCore feed = new FeedCore();
        ScriptedCore core = feed.batches;
        List<String> appliedOrder = Collections.synchronizedList(new ArrayList<>());
        core.decide = op -> {
            appliedOrder.add(op.opId());
            return OperationResult.applied(op.opId(), new StockLevels(op.qty(), op.qty(), 0));
        };
        core.delayMillis = coreDelayMillis;
        MockWebServer server = new MockWebServer();
        server.setDispatcher(feed);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        SyncOptions options = SyncOptions.builder().dataDir(dir).gatewayId("gw-prop")
                .coreUrl("http://127.0.0.1:" + server.getPort()).keyId(ScriptedCore.KEY_ID)
                .secret(ScriptedCore.SECRET).batchSize(3).backoffMin(Duration.ofMillis(5))
                .backoffMax(Duration.ofMillis(50)).build();
        List<Operation> acked = new ArrayList<>();
        SyncEngine engine = SyncEngine.start(options, SyncListener.NONE);
        try {
            int sequence = 0;
            for (Step step : steps) {
                if (step instanceof Append a) {
                    List<Operation> ops = new ArrayList<>();
                    for (int i = 0; i < a.count(); i++) {
                        ops.add(Ops.receive(a.tenant(), a.sku(), 1 + (sequence++ % 5)));
                    }
                    for (AppendResult r : engine.outbox().append(ops, "pda-1").get(10, TimeUnit.SECONDS)) {
                        assertThat(r.kind()).as("a new operation is accepted: %s", r).isEqualTo(AppendResult.Kind.ACCEPTED);
                    }
                    acked.addAll(ops);
                } else if (step instanceof Resend r && !acked.isEmpty()) {
                    Operation again = acked.get(r.pick() % acked.size());
                    AppendResult result = engine.outbox().append(again, "pda-1").get(10, TimeUnit.SECONDS);
                    assertThat(result.kind()).as("a resend is the stored row").isEqualTo(AppendResult.Kind.EXISTING);
                } else if (step instanceof LoseResponse) {
                    core.script.add(new ScriptedCore.Scripted(
                            new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST), true));
                } else if (step instanceof Restart) {
                    engine.close();
                    engine = SyncEngine.start(options, SyncListener.NONE);
                }
            }
            awaitDrained(engine, core, acked);

            Set<String> ackedIds = acked.stream().map(Operation::opId).collect(Collectors.toCollection(LinkedHashSet::new));
            assertThat(core.firstResults.keySet()).as("the core applied exactly the acknowledged operations")
                    .containsExactlyInAnyOrderElementsOf(ackedIds);
            assertThat(appliedOrder).as("each applied once").doesNotHaveDuplicates().hasSize(ackedIds.size());
            for (Map.Entry<String, List<String>> record : byRecord(acked).entrySet()) {
                List<String> applied = appliedOrder.stream().filter(record.getValue()::contains).toList();
                assertThat(applied).as("applied in acknowledgement order on %s", record.getKey())
                        .containsExactlyElementsOf(record.getValue());
            }
            for (Operation op : acked) {
                OpState state = engine.outbox().find(op.opId()).orElseThrow().state();
                assertThat(state).as("outbox state of %s", op.opId()).isIn(OpState.APPLIED, OpState.DUPLICATE);
            }
            assertThat(engine.stats().unsyncedOps()).isZero();
        } finally {
            engine.close();
            server.shutdown();
            deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<List<Step>> schedules() {
        Arbitrary<Step> append = Combinators.combine(Arbitraries.of("acme", "globex"),
                Arbitraries.of("SKU-1", "SKU-2"), Arbitraries.integers().between(1, 4)).as(Append::new);
        Arbitrary<Step> resend = Arbitraries.integers().between(0, 30).map(Resend::new);
        return Arbitraries.frequencyOf(Tuple.of(6, append), Tuple.of(1, resend),
                Tuple.of(2, Arbitraries.just(new LoseResponse())), Tuple.of(2, Arbitraries.just(new Restart())))
                .list().ofMinSize(1).ofMaxSize(14);
    }

    @Provide
    Arbitrary<Integer> delays() {
        return Arbitraries.of(0, 2, 10);
    }

    /** Waits until every acknowledged operation has its final answer stored (or fails naming what is missing). */
    private static void awaitDrained(SyncEngine engine, ScriptedCore core, List<Operation> acked)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<String> open = acked.stream().map(Operation::opId)
                    .filter(id -> !engine.outbox().find(id).orElseThrow().state().isFinal()).toList();
            // The queue depth counter moves right after the COMMIT that made the rows final, on the writer thread,
            // so it may trail the rows by a moment; it must still reach 0 within the same deadline.
            if (open.isEmpty() && engine.stats().unsyncedOps() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(open.isEmpty()
                        ? "every operation is final but the queue depth still reads " + engine.stats().unsyncedOps()
                        + " after 20 s"
                        : open.size() + " of " + acked.size() + " acknowledged operations still unsynced after 20 s, "
                        + "e.g. " + open.get(0) + "; the core received " + core.received().size() + " requests");
            }
            Thread.sleep(10);
        }
    }

    /** opIds per record (tenant/SKU) in acknowledgement order. */
    private static Map<String, List<String>> byRecord(List<Operation> acked) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Operation op : acked) {
            out.computeIfAbsent(op.tenant() + "/" + op.sku(), k -> new ArrayList<>()).add(op.opId());
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
