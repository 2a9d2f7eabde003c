package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.StockLevels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;
    Path file;
    Outbox outbox;

    @BeforeEach
    void open() throws IOException {
        file = dir.resolve("outbox.db");
        outbox = Outbox.open(file, new DiskGuard(dir, 0));
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    private AppendResult append(Operation op) throws Exception {
        return outbox.append(op, "pda-7").get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAcceptedOperationIsStoredAsCanonicalJsonAndPending() throws Exception {
        Operation op = Ops.receive("acme");
        AppendResult r = append(op);

        assertThat(r.kind()).isEqualTo(AppendResult.Kind.ACCEPTED);
        StoredOperation stored = outbox.find(op.opId()).orElseThrow();
        assertThat(stored.json()).isEqualTo(OperationJson.write(op));
        assertThat(stored.operation()).isEqualTo(op);
        assertThat(stored.state()).isEqualTo(OpState.PENDING);
        assertThat(stored.deviceId()).isEqualTo("pda-7");
        assertThat(stored.tenant()).isEqualTo("acme");
        assertThat(stored.seq()).isEqualTo(r.stored().seq());
        assertThat(outbox.stats().unsynced()).isEqualTo(1);
    }

    @Test
    void theSameOpIdTwiceIsOneRowAndTheSecondGetsTheStoredState() throws Exception {
        Operation op = Ops.receive("acme");
        AppendResult first = append(op);
        StoredOperation syncing = outbox.nextBatch("acme", 10, 1 << 20).get(0);
        outbox.recordResults(List.of(syncing), List.of(OperationResult.applied(op.opId(),
                new StockLevels(5, 5, 0)))).get(10, TimeUnit.SECONDS);

        AppendResult again = append(op);

        assertThat(again.kind()).isEqualTo(AppendResult.Kind.EXISTING);
        assertThat(again.stored().seq()).isEqualTo(first.stored().seq());
        assertThat(again.stored().state()).isEqualTo(OpState.APPLIED);
        assertThat(again.stored().result().stock()).isEqualTo(new StockLevels(5, 5, 0));
        assertThat(Ops.count(file, "SELECT COUNT(*) FROM operations")).isEqualTo(1);
    }

    @Test
    void theSameOpIdWithAnotherBodyIsRefusedAsOpIdReused() throws Exception {
        Operation op = Ops.receive("acme", "SKU-1", 3);
        append(op);
        Operation changed = op.toBuilder().qty(4L).build();

        AppendResult r = append(changed);

        assertThat(r.kind()).isEqualTo(AppendResult.Kind.CONFLICT);
        assertThat(r.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
        assertThat(r.message()).contains(op.opId()).contains("different body");
        assertThat(outbox.find(op.opId()).orElseThrow().operation().qty()).isEqualTo(3L);
        assertThat(Ops.count(file, "SELECT COUNT(*) FROM operations")).isEqualTo(1);
    }

    @Test
    void aResendStampedWithALaterReceiveTimeIsTheSameOperationAndKeepsTheFirstStamp() throws Exception {
        Operation device = Ops.receive("acme", "SKU-1", 3);
        Operation first = device.toBuilder().receivedAt("2026-12-05T12:00:00Z").build();
        append(first);

        AppendResult resent = append(device.toBuilder().receivedAt("2026-12-05T12:09:30Z").build());
        AppendResult changed = append(device.toBuilder().qty(4L).receivedAt("2026-12-05T12:10:00Z").build());

        assertThat(resent.kind()).isEqualTo(AppendResult.Kind.EXISTING);
        assertThat(changed.kind()).isEqualTo(AppendResult.Kind.CONFLICT);
        assertThat(outbox.find(device.opId()).orElseThrow().operation().receivedAt())
                .isEqualTo("2026-12-05T12:00:00Z");
        assertThat(Ops.count(file, "SELECT COUNT(*) FROM operations")).isEqualTo(1);
    }

    @Test
    void repeatsInsideOneAppendAreRecognisedToo() throws Exception {
        Operation op = Ops.receive("acme");
        List<AppendResult> r = outbox.append(Arrays.asList(op, op, op.toBuilder().qty(9L).build()), "pda-1")
                .get(10, TimeUnit.SECONDS);

        assertThat(r).extracting(AppendResult::kind).containsExactly(AppendResult.Kind.ACCEPTED,
                AppendResult.Kind.EXISTING, AppendResult.Kind.CONFLICT);
    }

    @Test
    void operationsSurviveReopeningAndSeqGoesOnAboveThem() throws Exception {
        Operation a = Ops.receive("acme");
        long seqA = append(a).stored().seq();
        outbox.close();

        outbox = Outbox.open(file, new DiskGuard(dir, 0));
        Operation b = Ops.receive("acme");
        long seqB = append(b).stored().seq();

        assertThat(outbox.find(a.opId())).isPresent();
        assertThat(seqB).isGreaterThan(seqA);
        assertThat(outbox.stats().unsynced()).isEqualTo(2);
    }

    @Test
    void aSecondOpenOfTheSameFileIsRefused() {
        assertThatThrownBy(() -> Outbox.open(file, new DiskGuard(dir, 0)))
                .isInstanceOf(IOException.class).hasMessageContaining("in use");
    }

    @Test
    void batchesAreOneTenantsOperationsInAckOrderBoundedByCountAndBytes() throws Exception {
        for (int i = 0; i < 10; i++) {
            append(Ops.receive(i % 2 == 0 ? "acme" : "globex", "SKU-" + i, 1));
        }
        assertThat(outbox.unsyncedTenants()).containsExactly("acme", "globex");

        List<StoredOperation> acme = outbox.nextBatch("acme", 3, 1 << 20);
        assertThat(acme).extracting(s -> s.operation().sku()).containsExactly("SKU-0", "SKU-2", "SKU-4");
        long oneOp = acme.get(0).jsonBytes().length + 1;
        assertThat(outbox.nextBatch("acme", 100, oneOp * 2)).hasSize(2);
        assertThat(outbox.nextBatch("acme", 100, 1)).hasSize(1); // never an empty batch while ops wait
    }

    @Test
    void aFinalAnswerIsStoredOnceAndRetryPutsTheOperationBack() throws Exception {
        Operation a = Ops.receive("acme");
        Operation b = Ops.receive("acme");
        append(a);
        append(b);
        List<StoredOperation> batch = outbox.nextBatch("acme", 10, 1 << 20);
        outbox.markSyncing(batch).get(10, TimeUnit.SECONDS);
        assertThat(outbox.find(a.opId()).orElseThrow().state()).isEqualTo(OpState.SYNCING);

        List<StoredOperation> done = outbox.recordResults(batch, List.of(
                OperationResult.rejected(a.opId(), ResultCodes.UNKNOWN_SKU, "no such SKU"),
                OperationResult.retry(b.opId(), "busy"))).get(10, TimeUnit.SECONDS);
        List<StoredOperation> again = outbox.recordResults(batch.subList(0, 1), List.of(
                OperationResult.applied(a.opId(), new StockLevels(1, 1, 0)))).get(10, TimeUnit.SECONDS);

        assertThat(done).extracting(StoredOperation::opId).containsExactly(a.opId());
        assertThat(again).isEmpty();
        StoredOperation storedA = outbox.find(a.opId()).orElseThrow();
        assertThat(storedA.state()).isEqualTo(OpState.REJECTED);
        assertThat(storedA.result().code()).isEqualTo(ResultCodes.UNKNOWN_SKU);
        assertThat(storedA.syncedAt()).isNotNull();
        assertThat(outbox.find(b.opId()).orElseThrow().state()).isEqualTo(OpState.PENDING);
        assertThat(outbox.stats().unsynced()).isEqualTo(1);
    }

    @Test
    void anOperationWithoutOpIdOrTenantIsMisuse() {
        Operation noTenant = Ops.receive("acme").toBuilder().tenant(null).build();
        assertThatThrownBy(() -> outbox.append(List.of(noTenant), "pda-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
    }

    @Test
    void theStoredRowsAreTheWholeTruthForAnotherReader() throws Exception {
        List<Operation> ops = Arrays.asList(Ops.receive("acme"), Ops.receive("acme"), Ops.receive("globex"));
        outbox.append(ops, "pda-1").get(10, TimeUnit.SECONDS);

        assertThat(Ops.count(file, "SELECT COUNT(*) FROM operations WHERE state = 'PENDING'")).isEqualTo(3);
        assertThat(ops.stream().map(o -> outbox.find(o.opId()).orElseThrow().seq()).collect(Collectors.toList()))
                .isSorted();
    }
}
