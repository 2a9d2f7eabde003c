package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.StockLevels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes {@code src/test/resources/legacy/outbox.db} and {@code cache.db} with the code of the commit it runs on,
 * so later versions can prove they still read those files ({@code LegacyFilesTest}). Run once, on purpose:
 * {@code mvn -pl offline-sync -am -Dtest=LegacyFilesGenerator -Dlegacy.generate=true -Dsurefire.failIfNoSpecifiedTests=false verify}.
 * The operations and their states are listed in {@link #EXPECTED}; the test that reads the files uses the same list.
 */
@EnabledIfSystemProperty(named = "legacy.generate", matches = "true")
class LegacyFilesGenerator {
    /** opId, tenant, state the generator leaves it in. */
    static final String[][] EXPECTED = {
        {"00000000-0000-4000-8000-00000000a001", "acme", "APPLIED"},
        {"00000000-0000-4000-8000-00000000a002", "acme", "REJECTED"},
        {"00000000-0000-4000-8000-00000000a003", "acme", "DUPLICATE"},
        {"00000000-0000-4000-8000-00000000a004", "acme", "SYNCING"},
        {"00000000-0000-4000-8000-00000000a005", "acme", "SYNCING"},
        {"00000000-0000-4000-8000-00000000a006", "acme", "PENDING"},
        {"00000000-0000-4000-8000-00000000b001", "globex", "APPLIED"},
        {"00000000-0000-4000-8000-00000000b002", "globex", "PENDING"},
        {"00000000-0000-4000-8000-00000000b003", "globex", "PENDING"},
        {"00000000-0000-4000-8000-00000000c001", "initech", "PENDING"},
        {"00000000-0000-4000-8000-00000000c002", "initech", "PENDING"},
    };

    static Operation op(String opId, String tenant, int n) {
        return Operation.builder().opId(opId).tenant(tenant).warehouse("SH01").type(OperationType.RECEIVE)
                .sku("SKU-" + n).qty(n).location("A-01-0" + n).deviceId("pda-" + tenant)
                .operator("u-1").occurredAt("2026-11-22T08:15:30.120Z").build();
    }

    static List<Operation> ops(String tenant) {
        List<Operation> out = new ArrayList<>();
        int n = 1;
        for (String[] e : EXPECTED) {
            if (e[1].equals(tenant)) {
                out.add(op(e[0], tenant, n++));
            }
        }
        return out;
    }

    @Test
    void writeLegacyFiles() throws Exception {
        Path dir = Paths.get("src/test/resources/legacy").toAbsolutePath();
        Files.createDirectories(dir);
        for (String name : Arrays.asList("outbox.db", "cache.db")) {
            Files.deleteIfExists(dir.resolve(name));
        }
        try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), new DiskGuard(dir, 0))) {
            for (String tenant : Arrays.asList("acme", "globex", "initech")) {
                outbox.append(ops(tenant), null).get(10, TimeUnit.SECONDS);
            }
            List<StoredOperation> acme = outbox.nextBatch("acme", 3, 1 << 20);
            outbox.markSyncing(acme).get(10, TimeUnit.SECONDS);
            OperationResult first = OperationResult.applied(acme.get(2).opId(), new StockLevels(9, 9, 0));
            outbox.recordResults(acme, Arrays.asList(
                    OperationResult.applied(acme.get(0).opId(), new StockLevels(10, 9, 1)),
                    OperationResult.rejected(acme.get(1).opId(), "UNKNOWN_SKU", "SKU-2 is not known"),
                    OperationResult.duplicateOf(first))).get(10, TimeUnit.SECONDS);
            outbox.markSyncing(outbox.nextBatch("acme", 2, 1 << 20)).get(10, TimeUnit.SECONDS);
            List<StoredOperation> globex = outbox.nextBatch("globex", 1, 1 << 20);
            outbox.markSyncing(globex).get(10, TimeUnit.SECONDS);
            outbox.recordResults(globex, Arrays.asList(OperationResult.applied(globex.get(0).opId(),
                    new StockLevels(5, 4, 1)))).get(10, TimeUnit.SECONDS);
            for (String[] e : EXPECTED) {
                assertThat(outbox.find(e[0])).map(StoredOperation::state).contains(OpState.valueOf(e[2]));
            }
        }
        try (MasterDataCache cache = MasterDataCache.open(dir.resolve("cache.db"))) {
            cache.apply(cacheItems());
            cache.applyPage("SH01", Arrays.asList(new LocationItem("acme", "SH01", "A-01-09", "BIN")), "cursor-42");
        }
        for (String name : Arrays.asList("outbox.db.lock", "cache.db.lock")) {
            Files.deleteIfExists(dir.resolve(name));
        }
        assertThat(dir.resolve("outbox.db-wal")).doesNotExist(); // checkpointed on close: one file each
        assertThat(dir.resolve("cache.db-wal")).doesNotExist();
    }

    static List<ChangeItem> cacheItems() {
        return Arrays.asList(
                new SkuItem("acme", "SKU-123", "Widget", "EA", Arrays.asList("09501101530003"),
                        Arrays.asList("ACME-W-1")),
                new SkuItem("globex", "G-1", "Gadget", "EA", Arrays.asList("036000291452"), List.of()),
                new LocationItem("acme", "SH01", "A-01-03", "BIN"),
                new LocationItem("globex", "SH01", "G-01-01", "BIN"),
                new OrderItem("acme", "SH01", "SO-1", "RESERVED", Arrays.asList(
                        new OrderLine(1, "SKU-123", 3, 3, 0, "A-01-03"),
                        new OrderLine(2, "SKU-123", 2, 2, 2, "A-01-03"))),
                new OrderItem("globex", "SH01", "SO-5", "RESERVED", Arrays.asList(
                        new OrderLine(1, "G-1", 1, 1, 0, "G-01-01"))));
    }
}
