package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.OperationIds;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantees 1, 2 and 3 end to end: the gateway and the core as real processes, with real Redis and MariaDB.
 * Every acknowledged operation reaches the core's ledger exactly once, whatever is killed or cut on the way.
 */
class SyncEndToEndTest {
    private static final int SKUS = 8;
    @TempDir
    Path dir;

    @Test
    void twentyThousandOperationsFromSixteenClientsAreAppliedExactlyOnce() throws Exception {
        try (Chain chain = new Chain(dir).startCore()) {
            // The core's own health names both stores it depends on.
            assertThat(chain.coreApi.send("GET", "/health", null).body())
                    .contains("\"redis\":{\"status\":\"UP\"").contains("\"mysql\":{\"status\":\"UP\"");
            chain.seed("acme", SKUS);
            chain.gatewayEnv("FG_SYNC_BATCH_SIZE", "500").startGateway();
            LoadClients clients = new LoadClients(chain, 16, "acme", SKUS);
            clients.run(1250, 25, "acme");
            assertThat(clients.acked).hasSize(20_000);
            assertThat(clients.failures.get()).isZero();
            assertAppliedExactlyOnce(chain, clients, 20_000);
        }
    }

    @Test
    void aGatewayKilledMidBurstLosesNoAcknowledgedOperationAndAppliesNoneTwice() throws Exception {
        try (Chain chain = new Chain(dir).startCore()) {
            chain.seed("acme", SKUS);
            chain.startGateway();
            LoadClients clients = new LoadClients(chain, 8, "acme", SKUS);
            Thread burst = new Thread(() -> {
                try {
                    clients.run(1000, 10, "acme");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            burst.start();
            await().atMost(Duration.ofMinutes(2)).until(() -> clients.acked.size() >= 2000);
            chain.gateway.kill9();
            int ackedBeforeKill = clients.acked.size();
            burst.join(Duration.ofMinutes(5).toMillis());
            chain.startGateway(); // same data directory: the outbox must open cleanly
            assertThat(chain.gatewayGet("/health", null).body()).contains("\"status\":\"UP\"");
            clients.resendUnacknowledged(); // what a PDA queue does with ops that never got their 202
            assertThat(ackedBeforeKill).isLessThan(8000);
            assertAppliedExactlyOnce(chain, clients, 8000);
        }
    }

    @Test
    void aBacklogBuiltWhileTheCoreIsDownDrainsInOrderExactlyOnce() throws Exception {
        try (Chain chain = new Chain(dir).startCore()) {
            chain.seed("acme", SKUS);
            chain.core.stop();
            chain.startGateway();
            String token = chain.enroll("pda-1", "acme");
            List<String> order = new ArrayList<>();
            LoadClients clients = new LoadClients(chain, 0, "acme", SKUS);
            for (int i = 0; i < 300; i++) { // one device, one op at a time: ack order is this order
                String id = OperationIds.newId();
                String op = Chain.receive(id, "acme", 0, 1);
                HttpResponse<String> r = chain.gatewayPost("/api/v1/operations", token, op);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                order.add(id);
                clients.bodies.put(id, op);
                clients.skuAndQty.put(id, new int[] {0, 1});
                clients.acked.put(id, true);
            }
            assertThat(chain.gatewayGet("/health", null).body()).contains("\"unsynced\":300");
            chain.startCore();
            assertAppliedExactlyOnce(chain, clients, 300);
            // Per stock record the core numbers what it applies; that order must be the acknowledgement order.
            long previous = -1;
            for (String id : order) {
                long seq = chain.queryLong("SELECT seq FROM ledger WHERE op_id = ?", id);
                assertThat(seq).as("seq of %s", id).isGreaterThan(previous);
                previous = seq;
            }
        }
    }

    @Test
    void aResponseLostAfterTheCoreAppliedABatchIsResolvedAsDuplicate() throws Exception {
        try (Chain chain = new Chain(dir).startCore();
                ResponseDroppingProxy proxy = new ResponseDroppingProxy(chain.corePort)) {
            chain.seed("acme", SKUS);
            proxy.dropNextResponses(1, "POST /v1/operations");
            chain.startGateway("http://127.0.0.1:" + proxy.port());
            LoadClients clients = new LoadClients(chain, 2, "acme", SKUS);
            clients.run(100, 50, "acme");
            assertAppliedExactlyOnce(chain, clients, 200);
            assertThat(proxy.dropped()).isEqualTo(1);
            long duplicates = 0;
            String token = chain.enroll("checker", "acme");
            for (String id : clients.bodies.keySet()) {
                String state = chain.gatewayGet("/api/v1/operations/" + id, token).body();
                if (state.contains("\"state\":\"DUPLICATE\"")) {
                    duplicates++;
                }
            }
            assertThat(duplicates).as("ops answered DUPLICATE after the lost response").isPositive();
        }
    }

    @Test
    void aPoisonOperationIsRejectedAndReportedWhileEveryOperationBehindItIsApplied() throws Exception {
        try (Chain chain = new Chain(dir).startCore()) {
            chain.seed("acme", SKUS);
            chain.core.stop(); // build a backlog with the poison op in the middle
            chain.startGateway();
            String token = chain.enroll("pda-7", "acme");
            EventRecorder events = new EventRecorder(chain.gateway.url("/api/v1/events"), token);
            LoadClients clients = new LoadClients(chain, 0, "acme", SKUS);
            String poison = OperationIds.newId();
            for (int i = 0; i < 41; i++) {
                String id = i == 20 ? poison : OperationIds.newId();
                // The gateway has no master data for acme (no warehouses polled), so it cannot know SKU-999 is
                // unknown: the core decides.
                String op = i == 20 ? Chain.receive(id, "acme", 999, 1) : Chain.receive(id, "acme", 1, 1);
                assertThat(chain.gatewayPost("/api/v1/operations", token, op).statusCode()).isEqualTo(202);
                if (i != 20) {
                    clients.bodies.put(id, op);
                    clients.skuAndQty.put(id, new int[] {1, 1});
                    clients.acked.put(id, true);
                }
            }
            chain.startCore();
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                    chain.gatewayGet("/api/v1/operations/" + poison, token).body())
                    .contains("\"state\":\"REJECTED\"").contains("UNKNOWN_SKU"));
            assertAppliedExactlyOnce(chain, clients, 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.text().contains("op.rejected"));
            assertThat(events.text()).contains(poison).contains("UNKNOWN_SKU").contains("pda-7");
            events.close();
        }
    }

    /** Every op made is in the core's ledger exactly once, nothing else is, and stock equals their sum. */
    static void assertAppliedExactlyOnce(Chain chain, LoadClients clients, int expected) throws Exception {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                chain.ledgerExists() && chain.queryLong("SELECT COUNT(*) FROM ledger WHERE status = 'APPLIED'") >= expected);
        assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE status = 'APPLIED'"))
                .isEqualTo(expected);
        assertThat(chain.queryLong("SELECT COUNT(DISTINCT op_id) FROM ledger WHERE status = 'APPLIED'"))
                .isEqualTo(expected);
        for (String id : clients.acked.keySet()) {
            assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE op_id = ? AND status = 'APPLIED'", id))
                    .as("ledger rows of acknowledged op %s", id).isEqualTo(1);
        }
        long[] sums = clients.expectedOnHand();
        for (int sku = 0; sku < sums.length; sku++) {
            assertThat(chain.onHand("acme", sku)).as("core onHand of SKU-%d", sku).isEqualTo(sums[sku]);
            int s = sku;
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(chain.queryLong(
                    "SELECT COALESCE(SUM(on_hand), 0) FROM stock WHERE tenant = 'acme' AND sku = ?", "SKU-" + s))
                    .as("MariaDB on_hand of SKU-%d", s).isEqualTo(sums[s]));
        }
    }
}
