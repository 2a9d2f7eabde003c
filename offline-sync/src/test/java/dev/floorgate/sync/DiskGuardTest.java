package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.StockLevels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskGuardTest {
    static final long TIB = 1L << 40;

    @TempDir
    Path dir;

    @Test
    void belowTheFloorAppendsAreRefusedWithTheNumbersAndNothingAcknowledgedIsLost() throws Exception {
        Path file = dir.resolve("outbox.db");
        List<Operation> acked = new ArrayList<>();
        try (Outbox outbox = Outbox.open(file, new DiskGuard(dir, 0))) {
            for (int i = 0; i < 10; i++) {
                Operation op = Ops.receive("acme", "SKU-" + i, 1);
                outbox.append(op, "pda-1").get(10, TimeUnit.SECONDS);
                acked.add(op);
            }
        }
        DiskGuard tight = new DiskGuard(dir, tight(dir));

        try (Outbox outbox = Outbox.open(file, tight)) {
            Operation refused = Ops.receive("acme", "SKU-X", 1);
            assertThatThrownBy(() -> outbox.append(refused, "pda-1").get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(DiskFullException.class)
                    .hasMessageContaining("bytes usable on " + dir.toAbsolutePath())
                    .hasMessageContaining("below the floor of " + tight.floorBytes() + " bytes")
                    .satisfies(e -> {
                        DiskFullException d = (DiskFullException) e;
                        assertThat(d.freeBytes()).isPositive().isLessThan(d.floorBytes());
                        assertThat(d.floorBytes()).isEqualTo(tight.floorBytes());
                    });
            assertThat(outbox.find(refused.opId())).isEmpty();
            assertThat(acked).allSatisfy(op -> assertThat(outbox.find(op.opId())).isPresent());
            // draining goes on while the disk is nearly full: answers from the core are still stored
            List<StoredOperation> batch = outbox.nextBatch("acme", 1, 1 << 20);
            assertThat(outbox.recordResults(batch, List.of(OperationResult.applied(batch.get(0).opId(),
                    new StockLevels(1, 1, 0)))).get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(Ops.count(file, "SELECT COUNT(*) FROM operations")).isEqualTo(10);
        assertThat(Ops.integrityCheck(file)).isEqualTo("ok");
    }

    @Test
    void theEngineRefusesWithDiskFullToo() throws Exception {
        SyncOptions options = SyncOptions.builder().dataDir(dir).diskFloorBytes(tight(dir)).build();
        try (SyncEngine engine = SyncEngine.start(options, SyncListener.NONE)) {
            assertThatThrownBy(() -> engine.outbox().append(Ops.receive("acme"), "pda-1").get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DiskFullException.class);
            assertThat(engine.stats().unsyncedOps()).isZero();
        }
    }

    @Test
    void aFloorOfZeroNeverRefuses() throws Exception {
        DiskGuard off = new DiskGuard(dir, 0);
        off.check();
        assertThat(off.freeBytes()).isPositive();
    }

    /** A floor above the free space of the temp dir's disk, whatever that disk is. */
    private static long tight(Path dir) throws Exception {
        return new DiskGuard(dir, 0).freeBytes() + TIB;
    }
}
