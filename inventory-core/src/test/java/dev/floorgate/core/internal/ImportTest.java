package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.barcodes.CheckDigits;
import dev.floorgate.core.CallCommand;
import dev.floorgate.core.ImportCommand;
import dev.floorgate.protocol.OperationType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floorgate-core import} and {@code call} against the real core (MariaDB, Redis): good files of every kind
 * land and are served by the API, a file with a bad row sends nothing, a batch the core refuses leaves nothing,
 * running the same file again changes nothing, and {@code call} signs as the gateway does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTest {
    private static final Map<String, String> ACME = Map.of("FG_CORE_KEY_ID", "gw-acme",
            "FG_CORE_SECRET", "acme-secret-0123456789");
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    /** A command's exit status and what it printed. */
    private record Run(int exit, String out, String err) {
    }

    private Run importFile(Map<String, String> env, String... args) {
        return runCommand(true, env, args);
    }

    private Run runCommand(boolean isImport, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("FG_CORE_URL", core.base);
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream r = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = isImport ? ImportCommand.run(args, e, o, r) : CallCommand.run(args, e, o, r);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void goodFilesOfEveryKindImportAndTheCoreServesThemAndTheOrdersAreReserved() throws Exception {
        Run w = importFile(ACME, "warehouses", write("warehouses.csv", "tenant,warehouse\nacme,IMP1\n").toString());
        assertThat(w.exit()).as(w.err()).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM warehouses WHERE tenant = 'acme' AND warehouse = 'IMP1'")).isOne();

        Path skus = write("skus.csv", "\uFEFFsku,name,unit,gtins,barcodes\r\n"
                + "G-1,\"Tape, brown\",EA,09501101530003|4006381333931,\r\n"
                + "G-2,\"Box \"\"large\"\"\",BOX,,B-G2\r\n\r\n\r\n");
        Run s = importFile(ACME, "skus", skus.toString(), "--tenant", "acme");
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(s.out()).contains("imported 2 skus from skus.csv").contains("rows/s").contains("2 new");

        Path bins = write("locations.jsonl",
                "{\"tenant\":\"acme\",\"warehouse\":\"IMP1\",\"code\":\"A-01\",\"zone\":\"A\"}\n"
                + "{\"tenant\":\"acme\",\"warehouse\":\"IMP1\",\"code\":\"B-01\",\"type\":\"FLOOR\"}\n");
        assertThat(importFile(ACME, "locations", bins.toString()).exit()).isZero();

        apply(core.acme, List.of(op("acme", "IMP1", OperationType.RECEIVE, "G-1", 10),
                op("acme", "IMP1", OperationType.RECEIVE, "G-2", 4)));
        Path orders = write("orders.csv", "tenant,warehouse,orderNo,sku,qty,location\n"
                + "acme,IMP1,SO-1,G-1,3,A-01\nacme,IMP1,SO-1,G-2,1,\nacme,IMP1,SO-2,G-1,2,B-01\n");
        Run o = importFile(ACME, "orders", orders.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("imported 2 orders").contains("2 new");

        List<Map<String, Object>> feed = feed();
        assertThat(item(feed, "sku", "sku", "G-1")).containsEntry("name", "Tape, brown")
                .containsEntry("gtins", List.of("09501101530003", "4006381333931"));
        assertThat(item(feed, "sku", "sku", "G-2")).containsEntry("unit", "BOX")
                .containsEntry("barcodes", List.of("B-G2"));
        assertThat(item(feed, "location", "code", "B-01")).containsEntry("warehouse", "IMP1")
                .containsEntry("type", "FLOOR");
        assertThat(item(feed, "order", "orderNo", "SO-1")).containsEntry("status", "RESERVED");
        assertThat(item(feed, "order", "orderNo", "SO-2")).containsEntry("status", "RESERVED");
        assertThat(core.json(core.acme.get("/v1/stock/acme/IMP1/G-1").body()))
                .containsEntry("onHand", 10).containsEntry("reserved", 5);
    }

    @Test
    void aFileWithBadRowsImportsNothingAndNamesEveryBadRowByLineAndField() throws Exception {
        Path skus = write("bad-skus.csv", "tenant,sku,name,gtins\n"
                + "acme,BAD-1,Fine,09501101530003\n"
                + "acme,BAD-2,Wrong digit,09501101530007\n"
                + "acme,BAD-3,,\n"
                + "other tenant,BAD-4,Bad tenant,\n");
        Run r = importFile(ACME, "skus", skus.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bad-skus.csv line 3, field gtins: check digit should be 3, got 7")
                .contains("bad-skus.csv line 4, field name: is required")
                .contains("bad-skus.csv line 5, field tenant: must be 1 to 64 letters")
                .contains("nothing was imported");
        assertThat(db.count("SELECT COUNT(*) FROM skus WHERE sku LIKE 'BAD-%'")).isZero();
    }

    @Test
    void aBatchTheCoreRefusesLeavesNothingOfThatBatchAndNamesItsRows() throws Exception {
        String body = "[{\"tenant\":\"acme\",\"sku\":\"R-1\",\"name\":\"one\"},"
                + "{\"tenant\":\"acme\",\"sku\":\"R-2\",\"name\":\"two\",\"gtins\":[\"4006381333932\"]},"
                + "{\"tenant\":\"acme\",\"sku\":\"R-3\",\"name\":\"three\"}]";
        CoreClient.Reply r = core.acme.post("/v1/import/skus", body);
        assertThat(r.status()).isEqualTo(422);
        Map<String, Object> answer = core.json(r.body());
        assertThat(answer).containsEntry("error", "INVALID_ROWS");
        assertThat(answer.get("rows")).isEqualTo(List.of(Map.of("index", 1, "field", "gtins",
                "problem", "check digit should be 1, got 2 (GTIN 4006381333932)")));
        assertThat(db.count("SELECT COUNT(*) FROM skus WHERE sku LIKE 'R-%'")).isZero();

        assertThat(core.acme.post("/v1/import/skus", body.replace("acme\",\"sku\":\"R-3", "beta\",\"sku\":\"R-3")
                .replace("4006381333932", "4006381333931")).status()).as("a tenant the key lacks").isEqualTo(403);
        assertThat(db.count("SELECT COUNT(*) FROM skus WHERE sku LIKE 'R-%'")).isZero();

        // What only the core knows: an order naming a SKU it has never heard of, in the second of two batches.
        importFile(ACME, "skus", write("r-skus.csv", "tenant,sku,name\nacme,R-1,one\n").toString());
        importFile(ACME, "warehouses", write("r-wh.csv", "tenant,warehouse\nacme,RW\n").toString());
        apply(core.acme, op("acme", "RW", OperationType.RECEIVE, "R-1", 100));
        Path orders = write("r-orders.csv", "tenant,warehouse,orderNo,sku,qty\n"
                + "acme,RW,RO-1,R-1,1\nacme,RW,RO-2,R-1,1\nacme,RW,RO-3,R-1,1\nacme,RW,RO-4,R-9,1\n");
        Run run = importFile(ACME, "orders", orders.toString(), "--batch", "2");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("r-orders.csv line 5, field sku: SKU 'R-9' of tenant 'acme' is not known")
                .contains("nothing of that batch was imported; the 2 rows before it were");
        assertThat(db.query("SELECT order_no FROM orders WHERE warehouse = 'RW' ORDER BY order_no"))
                .extracting(m -> m.get("order_no")).containsExactly("RO-1", "RO-2");

        // Fixed and run again: the orders already placed are not placed twice.
        importFile(ACME, "skus", write("r-skus2.csv", "tenant,sku,name\nacme,R-9,nine\n").toString());
        apply(core.acme, op("acme", "RW", OperationType.RECEIVE, "R-9", 5));
        Run again = importFile(ACME, "orders", orders.toString(), "--batch", "2");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("2 new, 0 changed, 2 unchanged");
        assertThat(core.json(core.acme.get("/v1/stock/acme/RW/R-1").body())).containsEntry("reserved", 3);
    }

    @Test
    void aBatchThatFailsInTheDatabaseHalfWayLeavesNoneOfItsRows() throws Exception {
        // A trigger makes MariaDB itself refuse the third row, after the first two were written in the transaction.
        db.update("CREATE TRIGGER refuse_tx3 BEFORE INSERT ON skus FOR EACH ROW IF NEW.sku = 'TX-3' THEN "
                + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'; END IF");
        try {
            long changes = db.count("SELECT COUNT(*) FROM changes");
            StringBuilder body = new StringBuilder("[");
            for (int i = 1; i <= 5; i++) {
                body.append(i == 1 ? "" : ",").append("{\"tenant\":\"acme\",\"sku\":\"TX-").append(i)
                        .append("\",\"name\":\"tx\"}");
            }
            CoreClient.Reply r = core.acme.post("/v1/import/skus", body.append(']').toString());
            assertThat(r.status()).as(r.body()).isGreaterThanOrEqualTo(500);
            assertThat(db.count("SELECT COUNT(*) FROM skus WHERE sku LIKE 'TX-%'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM changes")).isEqualTo(changes);
        } finally {
            db.update("DROP TRIGGER refuse_tx3");
        }
    }

    @Test
    void badBatchesGetTheApiErrorBodyAndWriteNothing() throws Exception {
        for (String[] c : new String[][] {{"/v1/import/skus", "not json", "400", "MALFORMED_JSON"},
                {"/v1/import/skus", ErrorBodyAuditTest.DEEP_64K, "400", "MALFORMED_JSON"},
                {"/v1/import/skus", "{\"tenant\":\"acme\"}", "400", "MALFORMED_JSON"},
                {"/v1/import/skus", "[]", "400", "INVALID"},
                {"/v1/import/pallets", "[{}]", "400", "INVALID"},
                {"/v1/import/skus", "[" + "{},".repeat(1000) + "{}]", "413", "BATCH_TOO_LARGE"}}) {
            CoreClient.Reply r = core.acme.post(c[0], c[1]);
            assertThat(r.status()).as(c[0] + " " + Inputs.clip(c[1])).isEqualTo(Integer.parseInt(c[2]));
            Map<String, Object> body = core.json(r.body());
            assertThat(body).containsEntry("error", c[3]).containsKey("message");
            assertThat(ErrorBodyAuditTest.INTERNALS).noneMatch(r.body()::contains);
        }
        assertThat(core.acme.unsigned("POST", "/v1/import/skus", "[]", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void importingTheSameFileAgainChangesNothing() throws Exception {
        StringBuilder skus = new StringBuilder("tenant,sku,name,gtins\n");
        for (int i = 0; i < 30; i++) {
            String base = String.format("400638133%03d", i);
            skus.append("acme,SAME-").append(i).append(",Item ").append(i).append(',').append(base)
                    .append(CheckDigits.gs1(base)).append('\n');
        }
        Path file = write("same.csv", skus.toString());
        Run first = importFile(ACME, "skus", file.toString(), "--batch", "7");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("30 new, 0 changed, 0 unchanged");
        long changes = db.count("SELECT COUNT(*) FROM changes");
        long maxChange = db.count("SELECT MAX(id) FROM changes");
        Run second = importFile(ACME, "skus", file.toString(), "--batch", "7");
        assertThat(second.out()).contains("0 new, 0 changed, 30 unchanged");
        assertThat(db.count("SELECT COUNT(*) FROM changes")).isEqualTo(changes);
        assertThat(db.count("SELECT MAX(id) FROM changes")).as("no new entry in the changes feed").isEqualTo(maxChange);

        Run changed = importFile(ACME, "skus", write("same2.csv", skus.toString().replace("Item 7,", "Item seven,"))
                .toString());
        assertThat(changed.out()).contains("0 new, 1 changed, 29 unchanged");

        importFile(ACME, "warehouses", write("s-wh.csv", "tenant,warehouse\nacme,SW\n").toString());
        apply(core.acme, op("acme", "SW", OperationType.RECEIVE, "SAME-1", 10));
        Path orders = write("s-orders.jsonl", "{\"tenant\":\"acme\",\"warehouse\":\"SW\",\"orderNo\":\"SS-1\","
                + "\"lines\":[{\"sku\":\"SAME-1\",\"qty\":4}]}\n");
        assertThat(importFile(ACME, "orders", orders.toString()).out()).contains("1 new");
        assertThat(importFile(ACME, "orders", orders.toString()).out()).contains("0 new, 0 changed, 1 unchanged");
        assertThat(db.count("SELECT COUNT(*) FROM orders WHERE warehouse = 'SW'")).isOne();
        assertThat(core.json(core.acme.get("/v1/stock/acme/SW/SAME-1").body())).containsEntry("reserved", 4);
    }

    @Test
    void ordersTheCoreCannotReserveAreNamedAndReservedNothing() throws Exception {
        importFile(ACME, "skus", write("n-skus.csv", "tenant,sku,name\nacme,N-1,one\n").toString());
        importFile(ACME, "warehouses", write("n-wh.csv", "tenant,warehouse\nacme,NW\n").toString());
        apply(core.acme, op("acme", "NW", OperationType.RECEIVE, "N-1", 2));
        Run r = importFile(ACME, "orders", write("n-orders.csv", "tenant,warehouse,orderNo,sku,qty\n"
                + "acme,NW,NO-1,N-1,5\nacme,NW,NO-2,N-1,2\n").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("n-orders.csv line 2: order NO-1 not placed: INSUFFICIENT_STOCK");
        assertThat(core.json(core.acme.get("/v1/stock/acme/NW/N-1").body())).containsEntry("reserved", 2);
    }

    @Test
    void tenThousandSkusInTenBatchesAllArriveOnce() throws Exception {
        StringBuilder skus = new StringBuilder("tenant,sku,name,unit,gtins\n");
        for (int i = 0; i < 10_000; i++) {
            String base = String.format("0950110%06d", i);
            skus.append("gamma,BULK-").append(i).append(",Bulk item ").append(i).append(",EA,").append(base)
                    .append(CheckDigits.gs1(base)).append('\n');
        }
        Run r = importFile(Map.of("FG_CORE_KEY_ID", "gw-multi", "FG_CORE_SECRET", "multi-secret-0123456789"),
                "skus", write("bulk.csv", skus.toString()).toString(), "--batch", "1000");
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println("ImportTest: " + r.out().trim());
        assertThat(r.out()).contains("imported 10000 skus").contains("10000 new");
        assertThat(r.err()).contains("10000/10000 rows");
        assertThat(db.count("SELECT COUNT(*) FROM skus WHERE tenant = 'gamma'")).isEqualTo(10_000);
    }

    @Test
    void callSignsItsRequestAndFailsWithTheErrorBodyOnAWrongSecret() throws Exception {
        Run put = runCommand(false, ACME, "PUT", "/v1/warehouses/acme/CALL1");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.err()).contains("HTTP 200");
        assertThat(put.out()).contains("\"warehouse\":\"CALL1\"");
        Path body = write("sku.json", "{\"name\":\"Called\",\"gtins\":[\"09501101530003\"]}");
        Run sku = runCommand(false, ACME, "put", "/v1/skus/acme/CALL-1", "@" + body);
        assertThat(sku.exit()).as(sku.err()).isZero();
        assertThat(sku.out()).contains("\"name\":\"Called\"");

        Run wrong = runCommand(false, Map.of("FG_CORE_KEY_ID", "gw-acme", "FG_CORE_SECRET", "not-the-secret-0000000"),
                "GET", "/v1/stock/acme/CALL1/CALL-1");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("HTTP 401");
        assertThat(wrong.out()).contains("BAD_SIGNATURE");
        Run noKey = runCommand(false, Map.of(), "GET", "/health");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("no key");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> feed() {
        List<Map<String, Object>> all = new ArrayList<>();
        String since = "";
        while (true) {
            CoreClient.Reply r = core.acme.get("/v1/changes?limit=1000&since=" + since);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Map<String, Object> page = core.json(r.body());
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            all.addAll(items);
            if (items.isEmpty()) {
                return all;
            }
            since = CoreHarness.segment(String.valueOf(page.get("next")));
        }
    }

    private static Map<String, Object> item(List<Map<String, Object>> feed, String kind, String field, String value) {
        Map<String, Object> found = null;
        for (Map<String, Object> i : feed) {
            if (kind.equals(i.get("kind")) && value.equals(i.get(field))) {
                found = i;
            }
        }
        assertThat(found).as(kind + " " + value + " in the changes feed").isNotNull();
        return found;
    }
}
