package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.SignedHeaders;
import dev.floorgate.protocol.StockLevels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Wrong clocks at the core (DESIGN.md, "Wrong clocks"): the core says its time on every answer, and its
 * idempotency rules reason with the gateway's corrected receive time and stay safe for ids made on clocks days
 * off. Each test forgets a result the way a TTL would (deleting the result hash and the claim) and resends: an
 * operation must never be applied twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrongClocksTest {
    private static final long DAY = 86_400_000L;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.idempotency-ttl", "1h",
                "fg.core.clock-skew-margin", "1m"));
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2", "SKU-3", "SKU-4");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void everyAnswerCarriesTheCoresClockAndAStaleTimestampIsStillRefused() {
        long before = System.currentTimeMillis();
        CoreClient.Reply ok = core.acme.get("/v1/stock?warehouse=SH01&sku=SKU-1");
        RequestSigner slow = new RequestSigner("gw-acme", "acme-secret-0123456789",
                () -> System.currentTimeMillis() - 600_000);
        byte[] body = "{\"gatewayId\":\"gw\",\"operations\":[]}".getBytes(StandardCharsets.UTF_8);
        CoreClient.Reply stale = core.acme.send("POST", "/v1/operations:batch", body,
                slow.headers("POST", "/v1/operations:batch", body));
        long after = System.currentTimeMillis();

        for (CoreClient.Reply r : List.of(ok, stale)) {
            long coreTime = Long.parseLong(r.headers().firstValue(SignedHeaders.CORE_TIME).orElseThrow());
            assertThat(coreTime).isBetween(before, after);
        }
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.body()).contains("STALE_TIMESTAMP").contains("-60");
    }

    @Test
    void anIdMadeOnAClockThreeDaysFastIsKeptUntilItsTimeIsOldAndAfterThatAnsweredFromTheLedger() throws Exception {
        Operation receive = withId(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 5),
                System.currentTimeMillis() + 3 * DAY);
        OperationResult first = apply(core.acme, receive);
        String opKey = opKey("SKU-1", receive);
        long pttl = Long.parseLong(RedisProcess.command(redis.ports().get(0), "PTTL", opKey).replaceAll("\\D", ""));
        assertThat(pttl).as("the result outlives the op's own time by the TTL").isGreaterThan(3 * DAY);

        forget(opKey, receive);
        OperationResult again = apply(core.acme, receive);

        assertThat(first.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(again).isEqualTo(OperationResult.duplicateOf(first));
        assertAppliedOnce("SKU-1", receive, 5);
    }

    @Test
    void aReceiveTimeADaySlowSendsTheOperationToTheLedgerWhateverItsIdSays() throws Exception {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-2", 3).toBuilder()
                .receivedAt(Instant.now().minusMillis(DAY).toString()).build();
        OperationResult first = apply(core.acme, receive);
        forget(opKey("SKU-2", receive), receive);

        OperationResult again = apply(core.acme, receive);

        assertThat(again).isEqualTo(OperationResult.duplicateOf(first));
        assertAppliedOnce("SKU-2", receive, 3);
    }

    @Test
    void anOperationFromAPdaIn1970WithTheGatewaysReceiveTimeIsAppliedOnceAndResendsAreDuplicates() throws Exception {
        Operation pda = withId(op("acme", "SH01", OperationType.RECEIVE, "SKU-3", 2), 190_000L).toBuilder()
                .occurredAt("1970-01-01T00:03:10Z").build();
        Operation stamped = pda.toBuilder().receivedAt(Instant.now().toString()).build();
        Operation restamped = pda.toBuilder().receivedAt(Instant.now().plusSeconds(90).toString()).build();

        OperationResult first = apply(core.acme, stamped);
        OperationResult resent = apply(core.acme, restamped);
        OperationResult bare = apply(core.acme, pda);
        OperationResult changed = apply(core.acme, stamped.toBuilder().qty(9L).build());

        assertThat(first.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(resent).isEqualTo(OperationResult.duplicateOf(first));
        assertThat(bare).isEqualTo(OperationResult.duplicateOf(first));
        assertThat(changed.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-3")).contains(new StockLevels(2, 2, 0));
    }

    @Test
    void aReceiveTimeDaysAheadIsNotTrustedAndIsAnsweredFromTheLedgerOnceForgotten() throws Exception {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-4", 6).toBuilder()
                .receivedAt(Instant.now().plusMillis(2 * DAY).toString()).build();
        OperationResult first = apply(core.acme, receive);
        forget(opKey("SKU-4", receive), receive);

        OperationResult again = apply(core.acme, receive);

        assertThat(again).isEqualTo(OperationResult.duplicateOf(first));
        assertAppliedOnce("SKU-4", receive, 6);
    }

    /** A UUIDv7 made on a clock that says {@code millis}. */
    private static Operation withId(Operation op, long millis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String id = String.format("%08x-%04x-7%03x-8%03x-%012x", millis >>> 16, millis & 0xffff, r.nextInt(0x1000),
                r.nextInt(0x1000), r.nextLong(1L << 48));
        assertThat(OperationIdTime.millis(id)).isEqualTo(millis);
        return op.toBuilder().opId(id).build();
    }

    private String opKey(String sku, Operation op) {
        KeyLayout keys = core.bean(KeyLayout.class);
        return keys.opKey(keys.bucket(KeyLayout.recordId("acme", "SH01", sku)), op.opId());
    }

    /** What the TTL would do, days early: the result and the claim are gone. */
    private void forget(String opKey, Operation op) throws Exception {
        RedisProcess.command(redis.ports().get(0), "DEL", opKey);
        RedisProcess.command(redis.ports().get(0), "DEL", KeyLayout.claimKey(op.opId()));
    }

    private void assertAppliedOnce(String sku, Operation op, long qty) throws Exception {
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", sku)).contains(new StockLevels(qty, qty, 0));
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE op_id = ?", op.opId())).isEqualTo(1);
    }
}
