package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The meaning of each operation type at the core (API.md), result by result, and the stock read endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationSemanticsTest {
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of());
        core.seed(core.acme, "acme", "SH01", "SKU-A", "SKU-R", "SKU-C", "SKU-NEW", "SKU/SLASH",
                "SKU-T");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void receiveAdjustAndCountChangeOnHandAndUsableAndNeverGoBelowZero() {
        List<OperationResult> r = apply(core.acme, List.of(
                op("acme", "SH01", OperationType.RECEIVE, "SKU-A", 10),
                op("acme", "SH01", OperationType.ADJUST, "SKU-A", -4),
                op("acme", "SH01", OperationType.ADJUST, "SKU-A", -7),
                op("acme", "SH01", OperationType.PICK, "SKU-A", 7),
                op("acme", "SH01", OperationType.PICK, "SKU-A", 2),
                op("acme", "SH01", OperationType.COUNT, "SKU-A", 9),
                op("acme", "SH01", OperationType.RESERVE, "SKU-A", 5).toBuilder().orderNo("SO-C").build(),
                op("acme", "SH01", OperationType.COUNT, "SKU-A", 4),
                op("acme", "SH01", OperationType.COUNT, "SKU-A", 5)));
        assertThat(r.get(0).stock()).isEqualTo(new StockLevels(10, 10, 0));
        assertThat(r.get(1).stock()).isEqualTo(new StockLevels(6, 6, 0));
        assertThat(r.get(2).code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
        assertThat(r.get(2).message()).isEqualTo("usable 6 + adjustment -7 would go below 0 for acme/SH01/SKU-A");
        assertThat(r.get(3).code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
        assertThat(r.get(3).message()).isEqualTo("usable 6 < requested 7 for acme/SH01/SKU-A");
        assertThat(r.get(4).stock()).isEqualTo(new StockLevels(4, 4, 0));
        assertThat(r.get(5).stock()).isEqualTo(new StockLevels(9, 9, 0));
        assertThat(r.get(5).delta()).isEqualTo(5L);
        assertThat(r.get(6).stock()).isEqualTo(new StockLevels(9, 4, 5));
        assertThat(r.get(7).code()).isEqualTo(OperationEngine.COUNT_BELOW_RESERVED);
        assertThat(r.get(8).stock()).isEqualTo(new StockLevels(5, 0, 5));
        assertThat(r.get(8).delta()).isEqualTo(-4L);
    }

    @Test
    void reserveReleaseAndPickFollowTheOrderOnTheRecord() {
        List<OperationResult> r = apply(core.acme, List.of(
                op("acme", "SH01", OperationType.RECEIVE, "SKU-R", 10),
                reserve("SO-1", 4),
                reserve("SO-1", 2),
                reserve("SO-2", 7),
                reserve("SO-2", 6),
                pick("SO-1", 5),
                pick("SO-1", 3),
                release("SO-1", 4),
                release("SO-1", 1),
                pick("SO-1", 1),
                reserve("SO-1", 1),
                pick("SO-2", 6),
                release("SO-2", 1),
                op("acme", "SH01", OperationType.SHIP, "SKU-R", 6).toBuilder().orderNo("SO-2").build(),
                op("acme", "SH01", OperationType.MOVE, "SKU-R", 1).toBuilder().location("A-01-01")
                        .toLocation("B-01-01").build(),
                op("acme", "SH01", OperationType.PUTAWAY, "SKU-R", 1).toBuilder().location("B-01-01").build()));
        assertThat(r.get(1).stock()).isEqualTo(new StockLevels(10, 6, 4));
        assertThat(r.get(2).code()).isEqualTo(ResultCodes.ALREADY_RESERVED);
        assertThat(r.get(3).code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
        assertThat(r.get(4).stock()).isEqualTo(new StockLevels(10, 0, 10));
        assertThat(r.get(5).code()).isEqualTo(ResultCodes.INSUFFICIENT_RESERVATION);
        assertThat(r.get(6).stock()).isEqualTo(new StockLevels(7, 0, 7));
        assertThat(r.get(7).status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(r.get(7).message()).isEqualTo("released 1 of order SO-1 (expected 4)");
        assertThat(r.get(7).stock()).isEqualTo(new StockLevels(7, 1, 6));
        assertThat(r.get(8).code()).isEqualTo(ResultCodes.NOTHING_TO_RELEASE);
        assertThat(r.get(9).code()).isEqualTo(ResultCodes.INSUFFICIENT_RESERVATION);
        assertThat(r.get(10).stock()).as("a released order may reserve again").isEqualTo(new StockLevels(7, 0, 7));
        assertThat(r.get(11).stock()).isEqualTo(new StockLevels(1, 0, 1));
        assertThat(r.get(12).code()).isEqualTo(ResultCodes.NOTHING_TO_RELEASE);
        for (int i = 13; i < 16; i++) {
            assertThat(r.get(i).status()).isEqualTo(ResultStatus.APPLIED);
            assertThat(r.get(i).stock()).isEqualTo(new StockLevels(1, 0, 1));
        }
    }

    /**
     * An order's reservation hash in Redis never expires while it holds stock (s = R) and expires once it is done,
     * whatever it was before: apply.lua PERSISTs only a hash that existed (a fresh one has no expiry to remove), so
     * a reservation made again after a release, whose hash still carries the release's expiry, is checked here.
     */
    @Test
    void anActiveReservationNeverExpiresAndAFinishedOneDoes() throws Exception {
        apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-T", 10));
        dev.floorgate.protocol.Operation first = reserveOf("SKU-T", "SO-T", 3);
        assertThat(apply(core.acme, first).stock()).isEqualTo(new StockLevels(10, 7, 3));
        assertThat(orderHash("SO-T")).isEqualTo("s=R r=3 p=0 op=" + first.opId() + " ttl=-1");

        apply(core.acme, op("acme", "SH01", OperationType.RELEASE, "SKU-T", 3).toBuilder().orderNo("SO-T").build());
        assertThat(orderHash("SO-T")).isEqualTo("s=X r=0 p=0 op=" + first.opId() + " ttl=set");

        dev.floorgate.protocol.Operation again = reserveOf("SKU-T", "SO-T", 2);
        assertThat(apply(core.acme, again).stock()).isEqualTo(new StockLevels(10, 8, 2));
        assertThat(orderHash("SO-T")).as("reserved again: the release's expiry is gone")
                .isEqualTo("s=R r=2 p=0 op=" + again.opId() + " ttl=-1");

        apply(core.acme, op("acme", "SH01", OperationType.PICK, "SKU-T", 1).toBuilder().orderNo("SO-T").build());
        assertThat(orderHash("SO-T")).isEqualTo("s=R r=1 p=1 op=" + again.opId() + " ttl=-1");
        apply(core.acme, op("acme", "SH01", OperationType.PICK, "SKU-T", 1).toBuilder().orderNo("SO-T").build());
        assertThat(orderHash("SO-T")).isEqualTo("s=P r=0 p=2 op=" + again.opId() + " ttl=set");
    }

    private static dev.floorgate.protocol.Operation reserveOf(String sku, String order, long qty) {
        return op("acme", "SH01", OperationType.RESERVE, sku, qty).toBuilder().orderNo(order).build();
    }

    /** The order's hash on SKU-T as "s=.. r=.. p=.. op=.. ttl=.." (ttl -1: no expiry, set: it expires). */
    private String orderHash(String order) throws Exception {
        KeyLayout keys = core.bean(KeyLayout.class);
        String key = keys.orderKey(KeyLayout.recordId("acme", "SH01", "SKU-T"), order);
        int port = redis.ports().get(0);
        StringBuilder b = new StringBuilder();
        for (String field : List.of("s", "r", "p", "op")) {
            String reply = RedisProcess.command(port, "HGET", key, field); // "$1\r\nR\r\n", "$-1\r\n" if absent
            String value = reply.startsWith("$-1") ? "(none)" : reply.split("\r\n")[1];
            b.append(field).append('=').append(value).append(' ');
        }
        long ttl = Long.parseLong(RedisProcess.command(port, "PTTL", key).trim().replaceAll("[^-0-9]", ""));
        return b.append("ttl=").append(ttl > 0 ? "set" : Long.toString(ttl)).toString();
    }

    @Test
    void pickAndReserveNeverCreateARecord() throws Exception {
        List<OperationResult> r = apply(core.acme, List.of(
                op("acme", "SH01", OperationType.PICK, "SKU-NEW", 1),
                op("acme", "SH01", OperationType.RESERVE, "SKU-NEW", 1).toBuilder().orderNo("SO-N").build()));
        assertThat(r).extracting(OperationResult::code).containsOnly(ResultCodes.INSUFFICIENT_STOCK);
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM stock WHERE sku = 'SKU-NEW'")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'SKU-NEW' AND status = 'REJECTED'"))
                .isEqualTo(2);
    }

    @Test
    void stockIsReadThroughTheSignedEndpointEvenForSkusWithASlash() {
        apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU/SLASH", 3));
        CoreClient.Reply r = core.acme.get("/v1/stock/acme/SH01/SKU-C");
        assertThat(r.status()).isEqualTo(200);
        assertThat(core.json(r.body())).containsEntry("onHand", 0).containsEntry("usable", 0)
                .containsEntry("reserved", 0);
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU/SLASH"))
                .contains(new StockLevels(3, 3, 0));
        CoreClient.Reply slash = core.acme.get("/v1/stock/acme/SH01/" + CoreHarness.segment("SKU/SLASH"));
        assertThat(slash.status()).isEqualTo(200);
        assertThat(core.json(slash.body())).containsEntry("onHand", 3);
        assertThat(core.acme.get("/v1/stock/acme/SH99/SKU-C").status()).isEqualTo(404);
        CoreClient.Reply noRoute = core.acme.get("/v1/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(core.json(noRoute.body())).containsEntry("error", "NOT_FOUND");
    }

    private static dev.floorgate.protocol.Operation reserve(String order, long qty) {
        return op("acme", "SH01", OperationType.RESERVE, "SKU-R", qty).toBuilder().orderNo(order).build();
    }

    private static dev.floorgate.protocol.Operation release(String order, long qty) {
        return op("acme", "SH01", OperationType.RELEASE, "SKU-R", qty).toBuilder().orderNo(order).build();
    }

    private static dev.floorgate.protocol.Operation pick(String order, long qty) {
        return op("acme", "SH01", OperationType.PICK, "SKU-R", qty).toBuilder().orderNo(order).build();
    }
}
