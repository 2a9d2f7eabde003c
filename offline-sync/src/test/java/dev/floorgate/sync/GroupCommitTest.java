package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    static final int THREADS = 16;
    static final int PER_THREAD = 1000;
    static final int TOTAL = THREADS * PER_THREAD;

    @TempDir
    Path dir;

    @Test
    void sixteenAppendersShareCommitsAndEachIsAnsweredOnlyAfterItsRowIsCommitted() throws Exception {
        Path file = dir.resolve("outbox.db");
        String[] opIds = new String[TOTAL];
        long[] submitted = new long[TOTAL];
        long[] answered = new long[TOTAL];
        long[] seqs = new long[TOTAL];
        AtomicInteger notYetVisible = new AtomicInteger();
        long commitsBefore;
        long commitsAfter;

        try (Outbox outbox = Outbox.open(file, new DiskGuard(dir, 0))) {
            commitsBefore = outbox.stats().commits();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    // Another connection, as another process would look: a row it sees is committed.
                    try (Connection other = Ops.look(file);
                            PreparedStatement q = other.prepareStatement("SELECT seq FROM operations WHERE op_id = ?")) {
                        for (int i = 0; i < PER_THREAD; i++) {
                            int k = thread * PER_THREAD + i;
                            Operation op = Ops.receive("t" + (k % 3), "SKU-" + k, 1);
                            opIds[k] = op.opId();
                            submitted[k] = System.nanoTime();
                            AppendResult r = outbox.append(op, "pda-" + thread).get(30, TimeUnit.SECONDS);
                            answered[k] = System.nanoTime();
                            seqs[k] = r.stored().seq();
                            assertThat(r.kind()).isEqualTo(AppendResult.Kind.ACCEPTED);
                            q.setString(1, op.opId());
                            try (ResultSet rs = q.executeQuery()) {
                                if (!rs.next() || rs.getLong(1) != seqs[k]) {
                                    notYetVisible.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            commitsAfter = outbox.stats().commits();
        }

        assertThat(notYetVisible.get()).as("answers given before the row was visible to another connection")
                .isZero();
        long commits = commitsAfter - commitsBefore;
        assertThat(commits).as("transactions for %d appends", TOTAL).isLessThan(TOTAL / 4);
        System.out.printf("group commit: %d appends in %d transactions (%.1f per commit)%n", TOTAL, commits,
                TOTAL / (double) commits);

        assertAckOrderIsSeqOrder(submitted, answered, seqs);

        try (Outbox reopened = Outbox.open(file, new DiskGuard(dir, 0))) {
            for (int k = 0; k < TOTAL; k++) {
                assertThat(reopened.find(opIds[k])).as(opIds[k]).hasValueSatisfying(s ->
                        assertThat(s.state()).isEqualTo(OpState.PENDING));
            }
            assertThat(reopened.stats().unsynced()).isEqualTo(TOTAL);
        }
        assertThat(Ops.count(file, "SELECT COUNT(DISTINCT seq) FROM operations")).isEqualTo(TOTAL);
    }

    /**
     * Whenever an append was answered before another was submitted, the first has the smaller seq: the order in
     * which the gateway acknowledges is the order stored (and sent).
     */
    private static void assertAckOrderIsSeqOrder(long[] submitted, long[] answered, long[] seqs) {
        Integer[] byAnswer = new Integer[TOTAL];
        for (int i = 0; i < TOTAL; i++) {
            byAnswer[i] = i;
        }
        Arrays.sort(byAnswer, Comparator.comparingLong(i -> answered[i]));
        long[] answerTimes = new long[TOTAL];
        long[] maxSeqUpTo = new long[TOTAL];
        long max = Long.MIN_VALUE;
        for (int j = 0; j < TOTAL; j++) {
            answerTimes[j] = answered[byAnswer[j]];
            max = Math.max(max, seqs[byAnswer[j]]);
            maxSeqUpTo[j] = max;
        }
        int violations = 0;
        for (int b = 0; b < TOTAL; b++) {
            int answeredBefore = lowerBound(answerTimes, submitted[b]); // answers strictly before b was submitted
            if (answeredBefore > 0 && maxSeqUpTo[answeredBefore - 1] >= seqs[b]) {
                violations++;
            }
        }
        assertThat(violations).as("appends stored before an append acknowledged earlier").isZero();
        Set<Long> distinct = new HashSet<>();
        for (long s : seqs) {
            distinct.add(s);
        }
        assertThat(distinct).hasSize(TOTAL);
    }

    private static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
