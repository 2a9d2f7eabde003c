package dev.floorgate.gateway.internal.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool's commit points and crash argument on the real SQLite file: a store is left mid-operation and the
 * files kill -9 would leave (gateway.db and its WAL, as they are on disk, never checkpointed) are opened by a
 * second store in another directory, as the restarted gateway would open them (the first still holds its
 * gateway.db.lock, as a live process would). Plus group commit: concurrent changes share transactions and each
 * caller still sees its own result or its own error.
 */
class PrintJobStoreTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private PrintJobStore open() throws IOException {
        return open(dir);
    }

    private PrintJobStore open(Path dataDir) throws IOException {
        GatewayDatabase db = GatewayDatabase.open(dataDir);
        opened.add(db);
        return new PrintJobStore(db, JSON);
    }

    /**
     * The restarted gateway after kill -9: every change so far has returned, so it is committed to gateway.db or
     * its WAL; those two files, copied as they are while the first store stays open (never checkpointed, its
     * connections never closed), are what the dead process leaves behind. The shared-memory index is not copied:
     * SQLite rebuilds it from the WAL, as after a reboot.
     */
    private PrintJobStore reopenAfterKill9() throws IOException {
        Path restarted = Files.createDirectories(dir.resolve("after-kill-" + opened.size()));
        Files.copy(dir.resolve("gateway.db"), restarted.resolve("gateway.db"));
        Path wal = dir.resolve("gateway.db-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, restarted.resolve("gateway.db-wal"));
        }
        return open(restarted);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private static PrintRequest raw(String jobId, String printer) {
        return PrintRequest.raw(jobId, "acme", printer, null, "^XA^FO0,0^FD" + jobId + "^FS^XZ", "device:pda-1");
    }

    private static PrintRequest bin(String jobId, String bin) {
        return PrintRequest.template(jobId, "acme", "p1", null, "bin-location", Map.of("bin", bin, "warehouse", "SH01"),
                "^XA^FD" + bin + "^FS^PQ1^XZ", 1, "device:pda-1");
    }

    @Test
    void afterACrashOnlyTheJobThatWasBeingSentBecomesMaybePrinted() throws Exception {
        PrintJobStore before = open();
        before.enqueue(raw("queued", "p1"), 100, T0);
        before.enqueue(raw("held", "p1"), 100, T0);
        before.enqueue(raw("printed", "p1"), 100, T0);
        before.enqueue(raw("sending", "p2"), 100, T0);
        before.markPrinting("held", T0);
        before.afterSend("held", PrintJobState.HELD, "paper out", "printer 'p1' reports paper out", T0);
        before.markPrinting("printed", T0);
        before.afterSend("printed", PrintJobState.PRINTED, null, null, T0);
        before.markPrinting("sending", T0); // PRINTING committed; the process dies during the send

        PrintJobStore after = reopenAfterKill9(); // the old connections never closed
        List<PrintJob> recovered = after.recoverAfterCrash(T0.plusSeconds(5));
        assertThat(recovered).extracting(PrintJob::jobId).containsExactly("sending");
        assertThat(state(after, "sending")).isEqualTo(PrintJobState.MAYBE_PRINTED);
        assertThat(after.find("sending").orElseThrow().fault()).isEqualTo(PrintJobStore.RECOVERED_FAULT);
        assertThat(state(after, "queued")).isEqualTo(PrintJobState.QUEUED);
        assertThat(state(after, "held")).isEqualTo(PrintJobState.HELD);
        assertThat(state(after, "printed")).isEqualTo(PrintJobState.PRINTED);
        assertThat(after.head("p2")).as("a maybe-printed job is not sent again by itself").isEmpty();
        assertThat(after.head("p1").orElseThrow().jobId()).isEqualTo("queued");
        assertThat(after.actions("sending")).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("RECOVERED_AFTER_CRASH");
            assertThat(a.from()).isEqualTo("PRINTING");
        });
        assertThat(after.recoverAfterCrash(T0.plusSeconds(6))).as("recovery is idempotent").isEmpty();
    }

    @Test
    void aQueuedJobSurvivesTheCrashAndTheSameJobIdIsStillOneJob() throws Exception {
        open().enqueue(bin("j1", "A-1"), 100, T0);
        PrintJobStore after = reopenAfterKill9();
        PrintJobStore.Enqueued again = after.enqueue(bin("j1", "A-1"), 100, T0.plusSeconds(1));
        assertThat(again.created()).isFalse();
        assertThat(again.job().state()).isEqualTo(PrintJobState.QUEUED);
        assertThat(again.job().data()).containsEntry("bin", "A-1");
        assertThatThrownBy(() -> after.enqueue(bin("j1", "A-2"), 100, T0))
                .isInstanceOfSatisfying(GatewayProblem.class, e -> // answered 409 (ProblemStatusTest)
                        assertThat(e.code()).isEqualTo(ProblemCode.JOB_ID_REUSED));
        assertThat(after.list(null, null, null, 10)).hasSize(1);
    }

    @Test
    void aPrintersJobsLeaveInArrivalOrderAndAReprintGoesToTheEndOfTheQueue() throws Exception {
        PrintJobStore store = open();
        store.enqueue(raw("a", "p1"), 100, T0);
        store.enqueue(raw("b", "p1"), 100, T0);
        store.enqueue(raw("other", "p2"), 100, T0);
        assertThat(store.head("p1").orElseThrow().jobId()).isEqualTo("a");
        store.markPrinting("a", T0);
        store.afterSend("a", PrintJobState.MAYBE_PRINTED, "send failed", "reset after 40 bytes", T0);
        assertThat(store.head("p1").orElseThrow().jobId()).isEqualTo("b");
        store.enqueue(raw("c", "p1"), 100, T0);
        store.resolve("a", PrintJobStore.Action.REPRINT, "device:pda-1", "no label came out", T0);
        List<String> order = new ArrayList<>();
        for (Optional<PrintJob> head = store.head("p1"); head.isPresent(); head = store.head("p1")) {
            order.add(head.get().jobId());
            store.markPrinting(head.get().jobId(), T0);
            store.afterSend(head.get().jobId(), PrintJobState.PRINTED, null, null, T0);
        }
        assertThat(order).containsExactly("b", "c", "a");
        assertThat(store.find("a").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void personActionsNeedAFittingStateAndRecordWhoWhenAndWhy() throws Exception {
        PrintJobStore store = open();
        store.enqueue(raw("j", "p1"), 100, T0);
        assertThatThrownBy(() -> store.resolve("j", PrintJobStore.Action.REPRINT, "admin", "again", T0))
                .isInstanceOfSatisfying(GatewayProblem.class, e -> // answered 409 (ProblemStatusTest)
                        assertThat(e.code()).isEqualTo(ProblemCode.INVALID_STATE))
                .hasMessageContaining("is QUEUED");
        PrintJob discarded = store.resolve("j", PrintJobStore.Action.DISCARD, "device:pda-9", "wrong order",
                T0.plusSeconds(1));
        assertThat(discarded.state()).isEqualTo(PrintJobState.FAILED);
        assertThat(discarded.resolvedBy()).isEqualTo("device:pda-9");
        assertThat(discarded.resolutionReason()).isEqualTo("wrong order");
        assertThat(discarded.resolvedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.markPrinting("j", T0)).as("a discarded job is never sent").isEmpty();
        PrintJob marked = store.resolve("j", PrintJobStore.Action.MARK_PRINTED, "admin", "printed by hand", T0);
        assertThat(marked.state()).isEqualTo(PrintJobState.PRINTED);
        assertThat(marked.printedAt()).isEqualTo(T0);
        assertThat(store.actions("j")).extracting(PrintJobStore.JobAction::action)
                .containsExactly("DISCARD", "MARK_PRINTED");
        assertThatThrownBy(() -> store.resolve("nope", PrintJobStore.Action.DISCARD, "admin", "x", T0))
                .isInstanceOfSatisfying(GatewayProblem.class, e -> // answered 404 (ProblemStatusTest)
                        assertThat(e.code()).isEqualTo(ProblemCode.NOT_FOUND));
        assertThatThrownBy(() -> store.afterSend("j", PrintJobState.PRINTED, null, null, T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not PRINTING");
    }

    @Test
    void aFullPrinterQueueRefusesNewJobsAndOtherPrintersStillTakeThem() throws Exception {
        PrintJobStore store = open();
        store.enqueue(raw("1", "p1"), 2, T0);
        store.enqueue(raw("2", "p1"), 2, T0);
        assertThatThrownBy(() -> store.enqueue(raw("3", "p1"), 2, T0))
                .isInstanceOfSatisfying(GatewayProblem.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.QUEUE_FULL))
                .hasMessageContaining("has 2 jobs waiting");
        assertThat(store.enqueue(raw("4", "p2"), 2, T0).created()).isTrue();
        assertThat(store.countsByPrinter(null)).containsEntry("p1", Map.of("QUEUED", 2))
                .containsEntry("p2", Map.of("QUEUED", 1));
    }

    @Test
    void pruningDeletesOnlyFinishedJobsOlderThanTheRetention() throws Exception {
        PrintJobStore store = open();
        store.enqueue(raw("old-printed", "p1"), 100, T0);
        store.markPrinting("old-printed", T0);
        store.afterSend("old-printed", PrintJobState.PRINTED, null, null, T0);
        store.enqueue(raw("old-maybe", "p1"), 100, T0);
        store.markPrinting("old-maybe", T0);
        store.afterSend("old-maybe", PrintJobState.MAYBE_PRINTED, "send failed", "x", T0);
        store.enqueue(raw("old-queued", "p1"), 100, T0);
        store.enqueue(raw("new-printed", "p1"), 100, T0);
        store.markPrinting("new-printed", T0.plus(Duration.ofDays(8)));
        store.afterSend("new-printed", PrintJobState.PRINTED, null, null, T0.plus(Duration.ofDays(8)));
        assertThat(store.prune(T0.plus(Duration.ofDays(7)))).isEqualTo(1);
        assertThat(store.find("old-printed")).isEmpty();
        assertThat(store.find("old-maybe")).isPresent();
        assertThat(store.find("old-queued")).isPresent();
        assertThat(store.find("new-printed")).isPresent();
    }

    @Test
    void concurrentChangesShareCommitsAndEachCallerGetsItsOwnAnswer() throws Exception {
        PrintJobStore store = open();
        int threads = 8;
        int perThread = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int refused = 0;
                    for (int i = 0; i < perThread; i++) {
                        String id = "t" + thread + "-" + i;
                        assertThat(store.enqueue(raw(id, "p" + thread), 1000, T0).created()).isTrue();
                        try {
                            store.enqueue(PrintRequest.raw(id, "acme", "p" + thread, null, "^XA^XZ", "x"), 1000, T0);
                        } catch (GatewayProblem e) {
                            refused++; // same jobId, other request: refused alone, the batch commits the rest
                        }
                    }
                    return refused;
                }));
            }
            for (java.util.concurrent.Future<Integer> r : results) {
                assertThat(r.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.counts().get(PrintJobState.QUEUED)).isEqualTo(threads * perThread);
        List<Long> seqs = new ArrayList<>();
        for (PrintJob j : store.list(null, null, null, 500)) {
            seqs.add(j.seq());
        }
        assertThat(seqs).doesNotHaveDuplicates().hasSize(threads * perThread);
        long[] stats = store.commitStats();
        System.out.printf("spool group commit: %d changes in %d gateway.db transactions (%.1f per commit)%n",
                stats[1], stats[0], (double) stats[1] / stats[0]);
        assertThat(stats[1]).as("every change went through the committer").isEqualTo(2L * threads * perThread);
        assertThat(stats[0]).as("concurrent changes shared transactions").isLessThan(stats[1]);
        PrintJobStore reopened = reopenAfterKill9();
        assertThat(reopened.counts().get(PrintJobState.QUEUED)).as("durable: a second connection sees them all")
                .isEqualTo(threads * perThread);
    }

    private static PrintJobState state(PrintJobStore store, String jobId) throws Exception {
        return store.find(jobId).orElseThrow().state();
    }
}
