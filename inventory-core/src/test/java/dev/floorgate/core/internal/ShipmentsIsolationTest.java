package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.ShipmentsTest.receivedParcel;
import static dev.floorgate.core.internal.ShipmentsTest.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shipments (issue 17 item 3) against the things that could break them: another tenant's key, bad input, stations
 * racing for the same parcels, and the packing station's list of a customer's parcels. Real core, MariaDB and
 * Redis; no bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShipmentsIsolationTest {
    private static final java.util.regex.Pattern LEAK = java.util.regex.Pattern.compile(
            "\\tat |dev\\.floorgate\\.|\\bjava\\.|io\\.micronaut|org\\.mariadb|[A-Za-z]+Exception\\b|SQL");
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase("fg_shipments_");
        core = CoreHarness.start(redis.uri(), db, Map.of());
        CoreHarness.require(core.acme.put("/v1/warehouses/acme/SH01", ""), 200);
        CoreHarness.require(core.multi.put("/v1/warehouses/beta/SH01", ""), 200);
    }

    @AfterAll
    void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        db.close();
        redis.close();
    }

    @Test
    void acmesKeyCannotReadLabelCancelOrShipBetasShipmentsAndParcelsNorLearnTheyExist() {
        String betaParcel = receivedParcel(core, core.multi, "beta", "B-1");
        Map<String, Object> beta = core.json(core.multi.post("/v1/shipments", shipment("beta", "B-1",
                List.of(betaParcel), UUID.randomUUID().toString())).body());
        String id = (String) beta.get("shipmentId");
        assertThat(id).isNotNull();

        CoreClient.Reply read = core.acme.get("/v1/shipments/beta/" + id);
        CoreClient.Reply madeUp = core.acme.get("/v1/shipments/beta/SXXXXXXXXXX");
        assertThat(read.status()).isEqualTo(403);
        assertThat(core.json(read.body())).containsEntry("error", "TENANT_FORBIDDEN");
        assertThat(read.body()).isEqualTo(madeUp.body()).doesNotContain(id);
        CoreClient.Reply underAcme = core.acme.get("/v1/shipments/acme/" + id);
        assertThat(underAcme.status()).isEqualTo(404);
        assertThat(core.json(underAcme.body())).containsEntry("error", "SHIPMENT_NOT_FOUND");
        assertThat(core.acme.post("/v1/shipments/beta/" + id + "/cancel", "").status()).isEqualTo(403);
        assertThat(core.acme.post("/v1/shipments/acme/" + id + "/cancel", "").status()).isEqualTo(404);
        assertThat(core.acme.post("/v1/shipments/beta/" + id + "/label", "{\"trackingNumber\":\"1Z999AA10123456784\"}")
                .status()).isEqualTo(403);
        assertThat(core.acme.post("/v1/shipments/acme/" + id + "/label", "{\"trackingNumber\":\"1Z999AA10123456784\"}")
                .status()).isEqualTo(404);
        assertThat(core.acme.get("/v1/parcels?tenant=beta&customer=B-1").status()).isEqualTo(403);

        // shipping beta's parcel: as beta refused; under acme it is a parcel acme does not have
        String other = receivedParcel(core, core.multi, "beta", "B-1");
        assertThat(core.acme.post("/v1/shipments", shipment("beta", "B-1", List.of(other),
                UUID.randomUUID().toString())).status()).isEqualTo(403);
        CoreClient.Reply asAcme = core.acme.post("/v1/shipments", shipment("acme", "B-1", List.of(other),
                UUID.randomUUID().toString()));
        assertThat(asAcme.status()).isEqualTo(404);
        assertThat(core.json(asAcme.body())).containsEntry("error", "PARCEL_NOT_FOUND");
        assertThat(asAcme.body()).doesNotContain("B-1\"").doesNotContain("beta");

        assertThat(core.json(core.multi.get("/v1/shipments/beta/" + id).body())).containsEntry("state", "CREATED");
        assertThat(core.json(core.multi.get("/v1/parcels/beta/" + other).body())).containsEntry("state", "RECEIVED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown country|\"de\"|\"XX\"|destination.country",
        "alpha-3 country|\"de\"|\"DEU\"|destination.country",
        "negative weight|2350|-5|weightGrams",
        "zero weight|2350|0|weightGrams",
        "three decimals for EUR|\"12.3\"|\"12.345\"|cost.amount",
        "negative cost|\"12.3\"|\"-12.30\"|cost.amount",
        "exponent cost|\"12.3\"|\"1.2E1\"|cost.amount",
        "cost as a number|\"12.3\"|12.3|cost.amount",
        "cost as an object|\"12.3\"|{\"units\":12}|cost.amount",
        "lower-case currency|\"EUR\"|\"eur\"|cost.currency",
        "unknown currency|\"EUR\"|\"EUX\"|cost.currency",
        "upper-case carrier|\"dhl\"|\"DHL\"|carrier",
        "version zero|\"rateCardVersion\":3|\"rateCardVersion\":0|rateCardVersion",
        "negative side|\"h\":200|\"h\":-1|dimensionsMm.h",
        "bad postcode|\"10115\"|\"10115;DROP\"|destination.postcode",
        "no opId|\"opId\":\"|\"opIx\":\"|opId",
        "no parcels|\"parcels\":[|\"parcels\":[],\"x\":[|parcels",
        "a parcel twice|\"parcels\":[|\"parcels\":[\"PAAAAAAAAAA\",\"PAAAAAAAAAA\",|parcels[1]",
        "bad time|2026-12-07T10:00:00.250Z|yesterday|at",
    })
    void aBadShipmentIs400NamingTheFieldAndStoresNothing(String name, String from, String to, String field)
            throws Exception {
        String parcel = receivedParcel(core, core.acme, "acme", "C-BAD");
        String sent = shipment("acme", "C-BAD", List.of(parcel), UUID.randomUUID().toString()).replace(from, to);
        CoreClient.Reply r = core.acme.post("/v1/shipments", sent);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        Map<String, Object> error = core.json(r.body());
        assertThat(error).containsEntry("error", "INVALID");
        assertThat((String) error.get("message")).startsWith(field + ":");
        assertThat(LEAK.matcher(r.body()).find()).as(r.body()).isFalse();
        assertThat(core.json(core.acme.get("/v1/parcels/acme/" + parcel).body())).containsEntry("state", "RECEIVED");
    }

    @Test
    void twoHundredParcelsAreTheLimitAndACurrencysOwnDecimalsAreAccepted() {
        List<String> many = IntStream.range(0, 201).mapToObj(i -> String.format("P%010d", i)).toList();
        CoreClient.Reply tooMany = core.acme.post("/v1/shipments", shipment("acme", "C-7", many, "op-201"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat((String) core.json(tooMany.body()).get("message")).startsWith("parcels: 201 entries");

        // KWD has three decimals, JPY none: each is recorded as sent, with the currency's own number of decimals
        String kwd = shipment("acme", "C-7", List.of(receivedParcel(core, core.acme, "acme", "C-7")),
                UUID.randomUUID().toString()).replace("\"12.3\",\"currency\":\"EUR\"", "\"3.125\",\"currency\":\"KWD\"");
        assertThat(core.json(core.acme.post("/v1/shipments", kwd).body()).get("cost"))
                .isEqualTo(Map.of("amount", "3.125", "currency", "KWD"));
        String jpy = shipment("acme", "C-7", List.of(receivedParcel(core, core.acme, "acme", "C-7")),
                UUID.randomUUID().toString()).replace("\"12.3\",\"currency\":\"EUR\"", "\"1500\",\"currency\":\"JPY\"");
        assertThat(core.json(core.acme.post("/v1/shipments", jpy).body()).get("cost"))
                .isEqualTo(Map.of("amount", "1500", "currency", "JPY"));
        CoreClient.Reply yen = core.acme.post("/v1/shipments", jpy.replace("\"1500\"", "\"1500.5\""));
        assertThat(yen.status()).isEqualTo(400);
    }

    @Test
    void aParcelReceivedInAnotherWarehouseDoesNotShipFromThisOne() {
        String tracking = ShipmentsTest.trackingNumber();
        CoreHarness.require(ParcelsTest.announce(core.acme, "acme", "SH01", "C-WH", tracking), 201);
        // intake does not check the warehouse (the gateway accepted the scan): the parcel is where it was received
        String elsewhere = (String) ParcelsTest.parcelOf(core.json(ParcelsTest.intake(core.acme, "acme", "SH02",
                tracking, "SHELF-9", UUID.randomUUID().toString()).body())).get("parcelId");
        String here = receivedParcel(core, core.acme, "acme", "C-WH");
        CoreClient.Reply r = core.acme.post("/v1/shipments", shipment("acme", "C-WH", List.of(here, elsewhere),
                UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(core.json(r.body())).containsEntry("error", "PARCEL_IN_ANOTHER_WAREHOUSE")
                .containsEntry("parcelId", elsewhere).containsEntry("warehouse", "SH02");
        assertThat(core.json(core.acme.get("/v1/parcels/acme/" + here).body())).containsEntry("state", "RECEIVED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void stationsRacingToShipTheSameParcelsGetExactlyOneShipment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 5; round++) {
                String a = receivedParcel(core, core.acme, "acme", "C-RACE");
                String b = receivedParcel(core, core.acme, "acme", "C-RACE");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<CoreClient.Reply>> racers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    // each station its own opId; half send [a, b], half [b, a]: overlapping, in either order
                    List<String> parcels = i % 2 == 0 ? List.of(a, b) : List.of(b, a);
                    String body = shipment("acme", "C-RACE", parcels, UUID.randomUUID().toString())
                            .replace("PACK-1", "PACK-" + i);
                    racers.add(pool.submit(() -> {
                        go.await();
                        return core.acme.post("/v1/shipments", body);
                    }));
                }
                go.countDown();
                List<String> winners = new ArrayList<>();
                List<Map<String, Object>> losers = new ArrayList<>();
                for (Future<CoreClient.Reply> f : racers) {
                    CoreClient.Reply r = f.get(120, TimeUnit.SECONDS);
                    assertThat(r.status()).as(r.body()).isIn(201, 409);
                    if (r.status() == 201) {
                        winners.add((String) core.json(r.body()).get("shipmentId"));
                    } else {
                        losers.add(core.json(r.body()));
                    }
                }
                assertThat(winners).as("round " + round).hasSize(1);
                for (Map<String, Object> l : losers) {
                    assertThat(l).containsEntry("error", "PARCEL_ALREADY_SHIPPED").containsEntry("shipmentId",
                            winners.get(0));
                }
                try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
                        java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + db.tenantSchema("acme")
                                + "`.shipment_parcels WHERE "
                                + "parcel_id IN ('" + a + "','" + b + "')")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePackingStationListsACustomersParcelsOnShelvesPageByPage() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(receivedParcel(core, core.acme, "acme", "C-LIST"));
        }
        receivedParcel(core, core.acme, "acme", "C-OTHER");
        List<String> seen = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 4; page++) {
            Map<String, Object> p = core.json(core.acme.get("/v1/parcels?tenant=acme&customer=C-LIST&state=RECEIVED"
                    + "&limit=2" + (after.isEmpty() ? "" : "&after=" + after)).body());
            List<Map<String, Object>> items = (List<Map<String, Object>>) p.get("items");
            assertThat(items.size()).as("page " + page).isEqualTo(new int[] {2, 2, 1, 0}[page]);
            items.forEach(i -> {
                assertThat(i).containsEntry("customer", "C-LIST").containsEntry("state", "RECEIVED");
                seen.add((String) i.get("parcelId"));
            });
            after = (String) p.get("next");
        }
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());

        CoreHarness.require(core.acme.post("/v1/shipments", shipment("acme", "C-LIST", ids.subList(0, 2),
                UUID.randomUUID().toString())), 201);
        Map<String, Object> left = core.json(core.acme.get("/v1/parcels?tenant=acme&customer=C-LIST&state=RECEIVED")
                .body());
        assertThat(((List<Map<String, Object>>) left.get("items")).stream().map(i -> i.get("parcelId")))
                .containsExactlyInAnyOrderElementsOf(ids.subList(2, 5));
        Map<String, Object> closed = core.json(core.acme.get("/v1/parcels?tenant=acme&customer=C-LIST&state=CLOSED")
                .body());
        assertThat((List<?>) closed.get("items")).hasSize(2);

        for (String bad : new String[] {"limit=501", "limit=0", "state=SHIPPED", "customer=C%20X"}) {
            CoreClient.Reply r = core.acme.get("/v1/parcels?tenant=acme&" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat((String) core.json(r.body()).get("message")).startsWith(bad.substring(0, bad.indexOf('=')) + ":");
        }
    }
}
