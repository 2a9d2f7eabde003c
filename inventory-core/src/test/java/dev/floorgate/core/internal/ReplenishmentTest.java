package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.core.CoreConfigurationException;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.replenishment.DemandHistory;
import dev.floorgate.replenishment.Forecast;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replenishment from the real ledger in MariaDB (a database of its own): 70 days of picks made through the signed
 * batch API with their occurredAt in the past, a SKU that ran out for a week, one with no demand, one whose
 * settings the test changes. The demand per
 * day, the stock-out days, the JSON and CSV answers, per-SKU settings, tenant isolation and the event seam.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplenishmentTest {
    private static final int[] WEEK = {8, 10, 10, 12, 14, 20, 6};
    private static final int DAYS = 70;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private LocalDate today;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.replenishment.history-days", "63"));
        core.seed(core.acme, "acme", "SH01", "STEADY", "TUNED", "OUT", "IDLE");
        core.seed(core.multi, "beta", "SH01", "B-1");
        today = LocalDate.now(ZoneOffset.UTC);
        List<Operation> ops = new ArrayList<>();
        ops.add(at(op("acme", "SH01", OperationType.RECEIVE, "STEADY", 2000), DAYS + 1));
        ops.add(at(op("acme", "SH01", OperationType.RECEIVE, "TUNED", 2000), DAYS + 1));
        ops.add(at(op("acme", "SH01", OperationType.RECEIVE, "OUT", 200), DAYS + 1));
        ops.add(at(op("acme", "SH01", OperationType.RECEIVE, "IDLE", 40), DAYS + 1));
        for (int ago = DAYS; ago >= 1; ago--) {
            int qty = WEEK[(int) (today.minusDays(ago).toEpochDay() % 7)];
            ops.add(at(op("acme", "SH01", OperationType.PICK, "STEADY", qty), ago));
            ops.add(at(op("acme", "SH01", OperationType.PICK, "TUNED", qty), ago));
            if (ago == 30) {
                // OUT is empty from 30 days ago (200 over 40 days of 5) until the delivery 23 days ago
                ops.add(at(op("acme", "SH01", OperationType.RECEIVE, "OUT", 500), 23));
            }
            ops.add(at(op("acme", "SH01", OperationType.PICK, "OUT", 5), ago));
        }
        // the receive for 23 days ago is applied after the pick of 30 days ago: re-sort OUT's ops by day so the
        // ledger holds them in the order they happened
        ops.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        // one day at a time, each written back before the next, so ledger ids follow the days as they do when
        // the operations come in as they happen
        for (int from = 0; from < ops.size(); ) {
            String day = ops.get(from).occurredAt().substring(0, 10);
            int to = from;
            while (to < ops.size() && ops.get(to).occurredAt().startsWith(day)) {
                to++;
            }
            for (OperationResult r : apply(core.acme, ops.subList(from, to))) {
                assertThat(r.status()).isIn(ResultStatus.APPLIED, ResultStatus.REJECTED);
            }
            core.awaitWriteBack(Duration.ofSeconds(20));
            from = to;
        }
        // as if the ledger had been written over those 70 days: each row recorded when it occurred
        db.update("UPDATE ledger SET recorded_at = STR_TO_DATE(LEFT(occurred_at, 19), '%Y-%m-%dT%H:%i:%s')");
    }

    private Operation at(Operation op, int daysAgo) {
        return op.toBuilder().occurredAt(today.minusDays(daysAgo).atTime(10, 0).toInstant(ZoneOffset.UTC).toString())
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void theLedgerGivesPicksPerDayAndTheDaysTheShelfWasEmpty() throws Exception {
        DemandReader.Demand d = new DemandReader(core.bean(TenantDatabases.class)).read("acme", "SH01",
                today.minusDays(63), 63);
        DemandHistory steady = d.histories().get("STEADY");
        assertThat(steady.days()).isEqualTo(63);
        for (int i = 0; i < 63; i++) {
            assertThat(steady.sales(i)).isEqualTo(WEEK[(int) (today.minusDays(63 - i).toEpochDay() % 7)]);
            assertThat(steady.censored(i)).isFalse();
        }
        DemandHistory out = d.histories().get("OUT");
        // 200 units at 5 a day last from 70 to 31 days ago: the pick of 31 days ago leaves 0 (that day is
        // censored), the picks of 30..24 days ago are rejected (INSUFFICIENT_STOCK), 500 arrive 23 days ago
        for (int ago = 63; ago >= 1; ago--) {
            assertThat(out.censored(63 - ago)).as(ago + " days ago").isEqualTo(ago >= 23 && ago <= 31);
            assertThat(out.sales(63 - ago)).as(ago + " days ago").isEqualTo(ago >= 24 && ago <= 30 ? 0 : 5);
        }
        assertThat(d.stock().get("OUT")).containsExactly(500 - 23 * 5, 500 - 23 * 5);
        assertThat(d.histories().get("IDLE").censoredDays()).isZero();
    }

    @Test
    void aShorterWindowTakesTheOpeningFigureFromTheRowsBeforeIt() throws Exception {
        DemandReader reader = new DemandReader(core.bean(TenantDatabases.class));
        // the window opens 28 days ago: OUT's last row with figures before it (31 days ago) left 0 usable, so every
        // day up to the delivery 23 days ago is censored although the window holds only rejections
        DemandHistory out = reader.read("acme", "SH01", today.minusDays(28), 28).histories().get("OUT");
        for (int i = 0; i < 28; i++) {
            assertThat(out.censored(i)).as((28 - i) + " days ago").isEqualTo(i <= 5);
        }
        // 26 days ago: the newest row before the window's margin is a rejection (no figures): the reader goes
        // back to the row that has them
        out = reader.read("acme", "SH01", today.minusDays(26), 26).histories().get("OUT");
        for (int i = 0; i < 26; i++) {
            assertThat(out.censored(i)).as((26 - i) + " days ago").isEqualTo(i <= 3);
        }
        assertThat(reader.read("acme", "SH01", today.minusDays(28), 28).histories().get("STEADY").censoredDays())
                .isZero();
    }

    @Test
    void theFirstIdOfAWindowIsFoundByBinarySearchOverTheKey() throws Exception {
        try (java.sql.Connection c = db.connect()) {
            for (int ago : new int[] {80, 63, 40, 17, 1, 0}) {
                java.sql.Timestamp from = java.sql.Timestamp.valueOf(today.minusDays(ago).atStartOfDay());
                long expected = db.count("SELECT COALESCE(MIN(id), (SELECT MAX(id) + 1 FROM ledger)) FROM ledger "
                        + "WHERE recorded_at >= ?", from);
                assertThat(DemandReader.firstIdRecordedFrom(c, from)).as(ago + " days ago").isEqualTo(expected);
            }
        }
    }

    @Test
    void suggestionsComeAsJsonWithTheForecastAndTheFiguresBehindThem() {
        CoreClient.Reply r = core.acme.get("/v1/replenishment?tenant=acme&warehouse=SH01");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> page = core.json(r.body());
        assertThat(page).containsEntry("tenant", "acme").containsEntry("warehouse", "SH01")
                .containsEntry("day", today.toString()).containsEntry("historyDays", 63);
        Map<String, Object> steady = item(page, "STEADY");
        assertThat(steady).containsEntry("method", Forecast.HOLT_WINTERS).containsEntry("censoredDays", 0);
        assertThat(((Number) steady.get("dailyForecast")).doubleValue()).isBetween(10.5, 12.5);   // 80 a week
        long position = 2000 - DAYS * 80 / 7;
        assertThat(steady).containsEntry("position", (int) position).containsEntry("reorder", false)
                .containsEntry("orderQty", 0);
        Map<String, Object> out = item(page, "OUT");
        assertThat(out).containsEntry("censoredDays", 9);
        assertThat(((Number) out.get("dailyForecast")).doubleValue()).as("stock-outs are not zero demand")
                .isBetween(4.5, 5.5);
        Map<String, Object> idle = item(page, "IDLE");
        assertThat(idle).containsEntry("method", Forecast.NONE).containsEntry("reorder", false)
                .containsEntry("position", 40);
    }

    @Test
    void perSkuSettingsChangeTheSuggestionAndRoundToMoqAndPacks() {
        CoreClient.Reply put = core.acme.put("/v1/replenishment/settings/acme/SH01/TUNED",
                "{\"leadTimeDays\":120,\"reviewPeriodDays\":7,\"serviceLevel\":0.99,\"moq\":500,\"packSize\":24}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Map<String, Object> tuned = item(core.json(core.acme.get("/v1/replenishment?tenant=acme&warehouse=SH01")
                .body()), "TUNED");
        assertThat(tuned).containsEntry("reorder", true);
        int qty = (Integer) tuned.get("orderQty");
        int position = (Integer) tuned.get("position");
        assertThat(qty % 24).isZero();
        assertThat(qty).isGreaterThanOrEqualTo(500)
                .isGreaterThanOrEqualTo((Integer) tuned.get("orderUpTo") - position);
        assertThat(tuned.get("settings").toString()).contains("leadTimeDays=120").contains("packSize=24");

        CoreClient.Reply bad = core.acme.put("/v1/replenishment/settings/acme/SH01/TUNED", "{\"serviceLevel\":1.5}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\":\"INVALID\"").contains("serviceLevel must be 0.5..0.9999, was 1.5");
    }

    @Test
    void theCsvHasAHeaderAndOneRowPerSku() {
        CoreClient.Reply r = core.acme.get("/v1/replenishment?tenant=acme&warehouse=SH01&format=csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(SuggestionCsv.HEADER);
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).startsWith("IDLE,false,0,40,40,");
        assertThat(lines[2]).startsWith("OUT,");
        assertThat(lines[3]).startsWith("STEADY,");
        assertThat(lines[4]).startsWith("TUNED,");
    }

    @Test
    void anotherTenantsKeyAnUnsignedCallAndABadFormatAreRefused() {
        CoreClient.Reply other = core.multi.get("/v1/replenishment?tenant=acme&warehouse=SH01");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).contains(ResultCodes.TENANT_FORBIDDEN).doesNotContain("STEADY");
        assertThat(core.multi.put("/v1/replenishment/settings/acme/SH01/TUNED", "{\"moq\":1}").status())
                .isEqualTo(403);
        assertThat(core.acme.unsigned("GET", "/v1/replenishment?tenant=acme&warehouse=SH01", null, Map.of())
                .status()).isEqualTo(401);
        CoreClient.Reply format = core.acme.get("/v1/replenishment?tenant=acme&warehouse=SH01&format=xlsx");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.body()).contains("format: must be json or csv, was 'xlsx'");
        assertThat(core.acme.get("/v1/replenishment?tenant=acme").status()).isEqualTo(400);
        CoreClient.Reply beta = core.multi.get("/v1/replenishment?tenant=beta&warehouse=SH01");
        assertThat(beta.status()).isEqualTo(200);
        assertThat(beta.body()).doesNotContain("STEADY");
    }

    @Test
    void publishHandsOnlyTheSkusDueForAnOrderToTheSink() throws Exception {
        List<ReplenishmentService.Report> published = new ArrayList<>();
        ReplenishmentSettingsStore store = core.bean(ReplenishmentSettingsStore.class);
        ReplenishmentService service = new ReplenishmentService(new DemandReader(core.bean(TenantDatabases.class)), store,
                published::add, 63, Clock.systemUTC());
        store.write("acme", "SH01", "OUT", new dev.floorgate.replenishment.ReplenishmentSettings(100, 7, 0.95, 0, 1));
        ReplenishmentService.Report report = service.publish("acme", "SH01");
        assertThat(published).containsExactly(report);
        assertThat(report.items()).isNotEmpty().allSatisfy(i -> assertThat(i.suggestion().reorder()).isTrue());
        assertThat(report.items()).extracting(i -> i.suggestion().sku()).contains("OUT")
                .doesNotContain("IDLE", "STEADY");
    }

    @Test
    void aBadDefaultRefusesTheStartNamingTheKey() {
        // the lines of CoreSettingsCheck (CoreSettingsCheckTest has every key)
        String[][] cases = {
            {"fg.core.replenishment.service-level", "1.2", "fg.core.replenishment.service-level: must be a number "
                + "0.5..0.9999, was '1.2'; fix: set FG_CORE_REPLENISHMENT_SERVICE_LEVEL "
                + "(fg.core.replenishment.service-level) to a value such as 0.95"},
            {"fg.core.replenishment.history-days", "0", "fg.core.replenishment.history-days: must be a whole number "
                + "1..1096, was '0'; fix: set FG_CORE_REPLENISHMENT_HISTORY_DAYS (fg.core.replenishment.history-days) "
                + "to a value such as 182"},
            {"fg.core.replenishment.pack-size", "0", "fg.core.replenishment.pack-size: must be a whole number, "
                + "at least 1, was '0'; fix: set FG_CORE_REPLENISHMENT_PACK_SIZE "
                + "(fg.core.replenishment.pack-size) to a value such as 1"},
            {"fg.core.replenishment.publish-at", "25:00", "fg.core.replenishment.publish-at: must be a UTC time of "
                + "day HH:mm, was '25:00'; fix: set FG_CORE_REPLENISHMENT_PUBLISH_AT "
                + "(fg.core.replenishment.publish-at) to a UTC time of day HH:mm, such as 02:00"},
            {"fg.core.replenishment.publish-interval", "-1s", "fg.core.replenishment.publish-interval: is not a "
                + "duration (like 500ms, 30s, 5m, 24h, 7d or PT30S), was '-1s'; fix: set "
                + "FG_CORE_REPLENISHMENT_PUBLISH_INTERVAL (fg.core.replenishment.publish-interval) to a value such as "
                + "1d (0s = only on demand)"},
        };
        for (String[] bad : cases) {
            assertThatThrownBy(() -> CoreHarness.start(redis.uri(), db, Map.of(bad[0], bad[1])).close())
                    .satisfies(e -> {
                        Throwable t = e;
                        while (t != null && !(t instanceof CoreConfigurationException)) {
                            t = t.getCause();
                        }
                        assertThat(t).as("a CoreConfigurationException in %s", e.toString()).isNotNull();
                        assertThat(t.getMessage()).isEqualTo(bad[2]);
                    });
        }
    }

    @Test
    void aCsvFieldIsQuotedAndNeverAFormula() {
        assertThat(SuggestionCsv.field("SKU-1")).isEqualTo("SKU-1");
        assertThat(SuggestionCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(SuggestionCsv.field("12\" pipe")).isEqualTo("\"12\"\" pipe\"");
        assertThat(SuggestionCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SuggestionCsv.field("-5")).isEqualTo("'-5");
        assertThat(SuggestionCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> page, String sku) {
        for (Object o : (List<Object>) page.get("items")) {
            Map<String, Object> item = (Map<String, Object>) o;
            if (sku.equals(item.get("sku"))) {
                return item;
            }
        }
        throw new AssertionError("no item for " + sku + " in " + page);
    }
}
