package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.StockLevels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));

    private Outbox open() throws Exception {
        return Outbox.open(dir.resolve("outbox.db"), new DiskGuard(dir, 0),
                SyncOptions.builder().dataDir(dir).clock(clock).build());
    }

    private static Operation append(Outbox outbox) throws Exception {
        Operation op = Ops.receive("acme");
        outbox.append(op, "pda-1").get(10, TimeUnit.SECONDS);
        return op;
    }

    private static void answer(Outbox outbox, Operation op, OperationResult r) throws Exception {
        StoredOperation s = outbox.find(op.opId()).orElseThrow();
        assertThat(outbox.recordResults(List.of(s), List.of(r)).get(10, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void onlySyncedOperationsOlderThanTheRetentionArePruned() throws Exception {
        try (Outbox outbox = open()) {
            Operation applied = append(outbox);
            Operation rejected = append(outbox);
            Operation duplicate = append(outbox);
            Operation pending = append(outbox);
            answer(outbox, applied, OperationResult.applied(applied.opId(), new StockLevels(1, 1, 0)));
            answer(outbox, rejected, OperationResult.rejected(rejected.opId(), ResultCodes.UNKNOWN_SKU, "no"));
            answer(outbox, duplicate, OperationResult.duplicateOf(OperationResult.applied(duplicate.opId(), null)));
            clock.advance(Duration.ofDays(8));
            Operation recent = append(outbox);
            answer(outbox, recent, OperationResult.applied(recent.opId(), new StockLevels(2, 2, 0)));

            assertThat(outbox.prune(Duration.ofDays(7))).isEqualTo(3);

            assertThat(outbox.find(applied.opId())).isEmpty();
            assertThat(outbox.find(rejected.opId())).isEmpty();
            assertThat(outbox.find(duplicate.opId())).isEmpty();
            assertThat(outbox.find(pending.opId())).as("unsynced never expires")
                    .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(OpState.PENDING));
            assertThat(outbox.find(recent.opId())).as("synced 0 days ago").isPresent();
            assertThat(outbox.prune(Duration.ofDays(7))).isZero();
        }
    }

    @Test
    void seqStaysAboveEveryPrunedRowAcrossRestarts() throws Exception {
        long last;
        try (Outbox outbox = open()) {
            Operation a = append(outbox);
            Operation b = append(outbox);
            answer(outbox, a, OperationResult.applied(a.opId(), null));
            answer(outbox, b, OperationResult.applied(b.opId(), null));
            last = outbox.find(b.opId()).orElseThrow().seq();
            clock.advance(Duration.ofDays(30));
            assertThat(outbox.prune(Duration.ofDays(7))).isEqualTo(2);
        }
        try (Outbox outbox = open()) {
            Operation c = append(outbox);
            assertThat(outbox.find(c.opId()).orElseThrow().seq()).isGreaterThan(last);
        }
    }
}
