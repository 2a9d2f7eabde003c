package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.ResultStatus;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox and cache files written by the code before the sqlite-store kit ({@code src/test/resources/legacy},
 * see its README) open with today's code unchanged: same schema and version, every operation in its state, the
 * cache's rows and cursor, and the unsynced operations are sent once each, in order, to a core.
 */
class LegacyFilesTest {
    @TempDir
    Path dir;
    @TempDir
    Path fresh;

    private Path copyLegacy(String name) throws Exception {
        try (InputStream in = LegacyFilesTest.class.getResourceAsStream("/legacy/" + name)) {
            assertThat(in).as("legacy/" + name + " on the test class path").isNotNull();
            Files.copy(in, dir.resolve(name));
        }
        return dir.resolve(name);
    }

    /** The file's tables and indexes as SQLite stores their definitions, and its user_version. */
    private static Set<String> schemaOf(Path file) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = Ops.look(file); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master ORDER BY name")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + ": " + rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                rs.next();
                out.add("user_version " + rs.getInt(1));
            }
        }
        return out;
    }

    @Test
    void todaysCodeWritesTheSameSchemaAsTheLegacyFiles() throws Exception {
        Path legacyOutbox = copyLegacy("outbox.db");
        Path legacyCache = copyLegacy("cache.db");
        try (Outbox o = Outbox.open(fresh.resolve("outbox.db"), new DiskGuard(fresh, 0));
                MasterDataCache c = MasterDataCache.open(fresh.resolve("cache.db"))) {
            assertThat(o.stats().unsynced()).isZero();
            assertThat(c.hasSkus("acme")).isFalse();
        }

        assertThat(schemaOf(fresh.resolve("outbox.db"))).isEqualTo(schemaOf(legacyOutbox))
                .contains("user_version 1");
        assertThat(schemaOf(fresh.resolve("cache.db"))).isEqualTo(schemaOf(legacyCache))
                .contains("user_version 1");
    }

    @Test
    void legacyFilesOpenWithEveryOperationInItsStateAndThePendingOnesSyncOnceInOrder() throws Exception {
        copyLegacy("outbox.db");
        copyLegacy("cache.db");
        ScriptedCore core = new ScriptedCore();
        MockWebServer server = new MockWebServer();
        server.setDispatcher(core);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        Map<String, ResultStatus> heard = new ConcurrentHashMap<>();
        List<String> unsynced = new ArrayList<>();
        for (String[] e : LegacyFilesGenerator.EXPECTED) {
            if (e[2].equals("PENDING") || e[2].equals("SYNCING")) {
                unsynced.add(e[0]);
            }
        }
        // offline first: nothing is sent, so every state can be read as the old code left it
        try (SyncEngine engine = SyncEngine.start(SyncOptions.builder().dataDir(dir).build(), SyncListener.NONE)) {
            for (String[] e : LegacyFilesGenerator.EXPECTED) {
                StoredOperation op = engine.outbox().find(e[0]).orElseThrow();
                assertThat(op.state()).as(e[0]).isEqualTo(OpState.valueOf(e[2]));
                assertThat(op.tenant()).isEqualTo(e[1]);
            }
            StoredOperation rejected = engine.outbox().find(LegacyFilesGenerator.EXPECTED[1][0]).orElseThrow();
            assertThat(rejected.result().code()).isEqualTo("UNKNOWN_SKU");
            assertThat(engine.stats().unsyncedOps()).isEqualTo(unsynced.size());

            MasterDataCache cache = engine.cache();
            assertThat(cache.findSku("acme", "SKU-123")).map(SkuItem::name).contains("Widget");
            assertThat(cache.findSkuByCode("acme", "9501101530003")).map(SkuItem::sku).contains("SKU-123");
            assertThat(cache.findSkuByCode("globex", "036000291452")).map(SkuItem::sku).contains("G-1");
            assertThat(cache.locationExists("acme", "SH01", "A-01-03")).isTrue();
            assertThat(cache.locationExists("acme", "SH01", "A-01-09")).as("from the changes page").isTrue();
            assertThat(cache.findOrder("acme", "SH01", "SO-1")).map(o -> o.lines().size()).contains(2);
            assertThat(cache.openPickTasks("acme", "SH01")).extracting(PickTask::orderNo, PickTask::lineNo)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SO-1", 1));
            assertThat(cache.cursor("SH01")).contains("cursor-42");
            assertThat(cache.cacheAge()).isPresent();
        }
        SyncOptions online = SyncOptions.builder().dataDir(dir).gatewayId("gw-legacy")
                .coreUrl("http://127.0.0.1:" + server.getPort()).keyId(ScriptedCore.KEY_ID)
                .secret(ScriptedCore.SECRET).backoffMin(Duration.ofMillis(20)).backoffMax(Duration.ofMillis(200))
                .build();
        try (SyncEngine engine = SyncEngine.start(online, (op, r) -> heard.put(op.opId(), r.status()))) {
            Operation later = LegacyFilesGenerator.op("00000000-0000-4000-8000-00000000a007", "acme", 7);
            AppendResult appended = engine.outbox().append(later, "pda-acme").get(10, TimeUnit.SECONDS);
            assertThat(appended.stored().seq()).as("seq goes on after the legacy rows").isEqualTo(12);
            unsynced.add(later.opId());

            await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() == unsynced.size());
            for (String opId : unsynced) {
                assertThat(engine.outbox().find(opId).orElseThrow().state()).as(opId).isEqualTo(OpState.APPLIED);
            }
            for (String[] e : LegacyFilesGenerator.EXPECTED) {
                if (!unsynced.contains(e[0])) {
                    assertThat(engine.outbox().find(e[0]).orElseThrow().state()).as("final stays final")
                            .isEqualTo(OpState.valueOf(e[2]));
                }
            }
            assertThat(engine.stats().unsyncedOps()).isZero();
        } finally {
            server.shutdown();
        }
        List<String> sent = new ArrayList<>();
        for (String tenant : List.of("acme", "globex", "initech")) {
            sent.addAll(core.wireOrder(tenant));
        }
        assertThat(sent).as("each unsynced operation once, per tenant in ack order").containsExactlyElementsOf(
                unsynced.stream().sorted((a, b) -> tenantOf(a).compareTo(tenantOf(b))).toList());
        assertThat(core.received()).allSatisfy(r -> assertThat(r.signatureProblem).isNull());
        assertThat(Ops.integrityCheck(dir.resolve("outbox.db"))).isEqualTo("ok");
    }

    private static String tenantOf(String opId) {
        for (String[] e : LegacyFilesGenerator.EXPECTED) {
            if (e[0].equals(opId)) {
                return e[1];
            }
        }
        return "acme"; // the operation appended in the test
    }
}
