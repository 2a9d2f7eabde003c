package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.batch;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, finding 6: an idempotency conflict answered to tenant B for an opId tenant A used tells B nothing of
 * A's operation: not A's tenant, device, operator, SKU, warehouse, quantity or stock; one generic message, the same
 * whether Redis or the MySQL ledger remembers the first use, and the same as B's own reuse of its own opId.
 */
class TenantIsolationTest {
    @Test
    void opIdReusedByAnotherTenantRevealsNothingOfTheFirstOperation() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone();
                TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            core.seed(core.acme, "acme", "SECRET-WH", "ACME-SECRET-SKU");
            core.seed(core.multi, "beta", "SH01", "SKU-B");
            // A UUIDv4 carries no time, so once Redis has forgotten it the core asks the MySQL ledger.
            String opId = java.util.UUID.randomUUID().toString();
            Operation acmeOp = Operation.builder().opId(opId).tenant("acme").warehouse("SECRET-WH")
                    .type(OperationType.RECEIVE).sku("ACME-SECRET-SKU").qty(4242).deviceId("acme-pda-77")
                    .operator("acme-operator-9").occurredAt(java.time.Instant.now().toString()).build();
            assertThat(apply(core.acme, acmeOp).status()).isEqualTo(ResultStatus.APPLIED);

            Operation betaOp = op("beta", "SH01", OperationType.RECEIVE, "SKU-B", 1).toBuilder().opId(opId).build();
            CoreClient.Reply fromRedis = core.multi.post("/v1/operations:batch", batch(List.of(betaOp)));
            assertGeneric(fromRedis, opId);

            // The same answer once only the MySQL ledger remembers the opId (Redis flushed).
            core.awaitWriteBack(Duration.ofSeconds(20));
            RedisProcess.command(redis.ports().get(0), "FLUSHALL");
            CoreClient.Reply fromLedger = core.multi.post("/v1/operations:batch", batch(List.of(betaOp)));
            assertGeneric(fromLedger, opId);

            // Beta's own conflict reads exactly the same: nothing tells B whose opId it hit.
            String ownId = OperationIds.newId();
            apply(core.multi, op("beta", "SH01", OperationType.RECEIVE, "SKU-B", 1).toBuilder().opId(ownId).build());
            OperationResult own = apply(core.multi, op("beta", "SH01", OperationType.RECEIVE, "SKU-B", 2).toBuilder()
                    .opId(ownId).build());
            OperationResult foreign = OperationJson.readResults(fromRedis.body()).get(0);
            assertThat(own.code()).isEqualTo(foreign.code());
            assertThat(own.message().replace(ownId, "ID")).isEqualTo(foreign.message().replace(opId, "ID"));
        }
    }

    private static void assertGeneric(CoreClient.Reply reply, String opId) {
        assertThat(reply.status()).isEqualTo(200);
        OperationResult r = OperationJson.readResults(reply.body()).get(0);
        assertThat(r.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(r.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
        assertThat(r.stock()).isNull();
        assertThat(reply.body().replace(opId, "ID")).doesNotContain("acme", "SECRET-WH", "ACME-SECRET-SKU", "4242",
                "acme-pda-77", "acme-operator-9");
    }
}
