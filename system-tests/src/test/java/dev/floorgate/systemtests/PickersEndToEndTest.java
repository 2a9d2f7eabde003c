package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.pda.tools.VirtualPdas;
import dev.floorgate.pda.tools.VirtualPdasReport;
import dev.floorgate.protocol.OperationIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pickers through Wi-Fi and WAN outages (issue 7): virtual PDAs built on the real client library against the real
 * gateway and core, with the WAN and part of the Wi-Fi cut while they work.
 */
class PickersEndToEndTest {
    private static final int SKUS = 10;
    private static final int STOCK = 1000;
    @TempDir
    Path dir;

    @Test
    void fiftyPdasPickThroughOutagesAndEveryPickIsAppliedExactlyOnce() throws Exception {
        try (Chain chain = new Chain(dir).startCore(); CuttableProxy wan = new CuttableProxy(chain.corePort)) {
            chain.seed("acme", SKUS);
            receive(chain, SKUS, STOCK);
            for (int o = 0; o < 25; o++) {
                chain.coreApi.ok("POST", "/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-"
                        + o + "\",\"lines\":[{\"sku\":\"SKU-" + (o % SKUS) + "\",\"qty\":8,\"location\":\"A-01-01\"},"
                        + "{\"sku\":\"SKU-" + ((o + 3) % SKUS) + "\",\"qty\":8,\"location\":\"A-01-01\"}]}");
            }
            chain.gatewayEnv("FG_SYNC_WAREHOUSES", "SH01").gatewayEnv("FG_SYNC_POLL_INTERVAL", "1s")
                    .startGateway(wan.url());
            String probe = chain.enroll("probe", "acme");
            await().atMost(Duration.ofMinutes(1)).until(() ->
                    chain.gatewayGet("/api/v1/tasks?type=PICK", probe).body().contains("SO-24"));

            try (CuttableProxy aisle = new CuttableProxy(chain.gatewayPort)) {
                CompletableFuture<VirtualPdasReport> near = CompletableFuture.supplyAsync(() ->
                        run(pdas(chain.gateway.url(""), 40, "near", dir.resolve("near"))));
                CompletableFuture<VirtualPdasReport> far = CompletableFuture.supplyAsync(() ->
                        run(pdas(aisle.url(), 10, "far", dir.resolve("far")).withThinkMillis(700)));
                // Cut while the far pickers are mid-work: after their set-up traffic (enroll, login, tasks:
                // about 2 KB each) and some picking, not at a fixed time that a slow machine could miss.
                await().atMost(Duration.ofMinutes(2)).until(() -> aisle.requestBytes() > 60_000);
                wan.cut();          // the WAN drops: the gateway keeps taking picks
                aisle.cut();        // ten pickers walk into a Wi-Fi dead spot
                Thread.sleep(4000);
                aisle.restore();
                Thread.sleep(2000);
                wan.restore();
                VirtualPdasReport a = near.get();
                VirtualPdasReport b = far.get();
                System.out.println("near PDAs:\n" + a + "\nfar PDAs:\n" + b);
                for (VirtualPdasReport r : new VirtualPdasReport[] {a, b}) {
                    assertThat(r.pdasReady()).as(r.toString()).isEqualTo(r.pdas());
                    assertThat(r.lost()).as(r.toString()).isZero();
                    assertThat(r.queued()).as("every PDA's queue empties: " + r).isZero();
                    assertThat(r.sent()).as(r.toString()).isPositive();
                }
                assertThat(b.sendFailures() + b.scanErrors()).as("the far PDAs really lost the gateway for a while: "
                        + b).isPositive();
                long accepted = a.accepted() + b.accepted();
                // Every accepted pick reached the core once: APPLIED, or REJECTED when the reservation ran out.
                await().atMost(Duration.ofMinutes(3)).until(() ->
                        chain.queryLong("SELECT COUNT(*) FROM ledger WHERE type = 'PICK'") >= accepted);
                assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE type = 'PICK'")).isEqualTo(accepted);
                long applied = chain.queryLong("SELECT COUNT(*) FROM ledger WHERE type = 'PICK' AND status = 'APPLIED'");
                assertThat(applied).isPositive();
                long onHandTotal = 0;
                for (int s = 0; s < SKUS; s++) {
                    long appliedForSku = chain.queryLong("SELECT COUNT(*) FROM ledger WHERE type = 'PICK' AND "
                            + "status = 'APPLIED' AND sku = ?", "SKU-" + s);
                    assertThat(chain.onHand("acme", s)).as("onHand of SKU-%d", s).isEqualTo(STOCK - appliedForSku);
                    onHandTotal += chain.onHand("acme", s);
                }
                assertThat(onHandTotal).isEqualTo((long) SKUS * STOCK - applied);
            }
        }
    }

    @Test
    void twoPickersTakeTheLastUnitWhileTheWanIsDownAndTheLoserIsToldClearly() throws Exception {
        try (Chain chain = new Chain(dir).startCore(); CuttableProxy wan = new CuttableProxy(chain.corePort)) {
            chain.seed("acme", 2);
            receive(chain, 2, 1); // one unit of SKU-0 and SKU-1
            chain.gatewayEnv("FG_SYNC_WAREHOUSES", "SH01").gatewayEnv("FG_SYNC_POLL_INTERVAL", "1s")
                    .startGateway(wan.url());
            String alice = chain.enroll("pda-alice", "acme");
            String bob = chain.enroll("pda-bob", "acme");
            String other = chain.enroll("pda-beta", "beta");
            await().atMost(Duration.ofMinutes(1)).until(() -> chain.gatewayPost("/api/v1/scans", alice,
                    "{\"data\":\"SKU-0\"}").body().contains("\"kind\":\"SKU\""));
            EventRecorder aliceEvents = new EventRecorder(chain.gateway.url("/api/v1/events"), alice);
            EventRecorder bobEvents = new EventRecorder(chain.gateway.url("/api/v1/events"), bob);
            EventRecorder betaEvents = new EventRecorder(chain.gateway.url("/api/v1/events"), other);
            wan.cut();
            String aliceOp = OperationIds.newId();
            String bobOp = OperationIds.newId();
            assertThat(chain.gatewayPost("/api/v1/operations", alice, pick(aliceOp)).statusCode()).isEqualTo(202);
            Thread.sleep(50);
            assertThat(chain.gatewayPost("/api/v1/operations", bob, pick(bobOp)).statusCode()).isEqualTo(202);
            assertThat(chain.gatewayGet("/health", null).body()).contains("\"unsynced\":2");
            wan.restore();
            await().atMost(Duration.ofMinutes(1)).until(() -> bobEvents.text().contains("op.rejected"));
            assertThat(chain.gatewayGet("/api/v1/operations/" + aliceOp, alice).body()).contains("\"APPLIED\"");
            String bobState = chain.gatewayGet("/api/v1/operations/" + bobOp, bob).body();
            assertThat(bobState).contains("\"REJECTED\"").contains("INSUFFICIENT_STOCK");
            assertThat(bobEvents.text()).contains(bobOp).contains("INSUFFICIENT_STOCK").contains("usable");
            assertThat(aliceEvents.text()).contains(aliceOp).doesNotContain("\"event\":\"op.rejected\"")
                    .as("a picker hears its own results, not every other picker's").doesNotContain(bobOp);
            assertThat(chain.onHand("acme", 0)).isZero();
            // A device of another tenant hears nothing of acme's picks.
            assertThat(betaEvents.text()).doesNotContain(aliceOp).doesNotContain(bobOp);
            aliceEvents.close();
            bobEvents.close();
            betaEvents.close();
        }
    }

    private static String pick(String opId) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"PICK\","
                + "\"sku\":\"SKU-0\",\"qty\":1,\"location\":\"A-01-01\"}";
    }

    /** Puts {@code qty} of every SKU on hand at the core, straight through its batch endpoint. */
    static void receive(Chain chain, int skus, int qty) throws Exception {
        StringBuilder batch = new StringBuilder("{\"gatewayId\":\"seed\",\"operations\":[");
        for (int s = 0; s < skus; s++) {
            batch.append(s == 0 ? "" : ",").append(Chain.receive(OperationIds.newId(), "acme", s, qty));
        }
        String results = chain.coreApi.ok("POST", "/v1/operations:batch", batch.append("]}").toString());
        assertThat(results).doesNotContain("REJECTED");
    }

    private static VirtualPdas.Options pdas(String gatewayUrl, int count, String prefix, Path work) {
        return VirtualPdas.Options.of(gatewayUrl, Chain.ADMIN).withCount(count)
                .withTenant("acme", "SH01").withDurationSeconds(30).withPicksPerPda(8).withThinkMillis(150)
                .withSettleSeconds(90).withDevicePrefix(prefix).withWorkDir(work.toFile());
    }

    private static VirtualPdasReport run(VirtualPdas.Options options) {
        VirtualPdas pdas = new VirtualPdas(options);
        try {
            return pdas.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
