package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.testing.RabbitProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Consolidated shipments at the core (issue 17 item 3): the real core over HTTP with signed requests, real MariaDB
 * and Redis and a RabbitMQ node of the test's own. Consolidate, the gateway's feed, replays, refusals that change
 * nothing, label and cancel, and the events on the bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShipmentsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private RabbitProcess rabbit;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private BusTap tap;

    @BeforeAll
    void start() throws Exception {
        rabbit = RabbitProcess.startNew();
        redis = RedisProcess.standalone();
        db = new TestDatabase("fg_shipments_");
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(), "fg.bus.poll-interval", "20ms"));
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).up(), WAIT, "the publisher up");
        CoreHarness.require(core.acme.put("/v1/warehouses/acme/SH01", ""), 200);
        tap = BusTap.events(rabbit.uri(), "acme.test.shipments", "acme.#");
    }

    @AfterAll
    void stop() throws Exception {
        if (tap != null) {
            tap.close();
        }
        if (core != null) {
            core.close();
        }
        db.close();
        redis.close();
        rabbit.close();
    }

    // ------------------------------------------------------------------ helpers (ShipmentsIsolationTest too)

    /** A tracking number of no carrier format (plain Code 128), new each time. */
    static String trackingNumber() {
        return "SHIPTEST-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }

    /** Announces and receives a parcel of the customer; its id. */
    static String receivedParcel(CoreHarness core, CoreClient client, String tenant, String customer) {
        String tracking = trackingNumber();
        CoreHarness.require(ParcelsTest.announce(client, tenant, "SH01", customer, tracking), 201);
        CoreClient.Reply in = ParcelsTest.intake(client, tenant, "SH01", tracking, "SHELF-1",
                UUID.randomUUID().toString());
        CoreHarness.require(in, 200);
        return (String) ParcelsTest.parcelOf(core.json(in.body())).get("parcelId");
    }

    /** The body of POST /v1/shipments as a packing station sends it. */
    static String shipment(String tenant, String customer, List<String> parcels, String opId) {
        return "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"customer\":\"" + customer + "\",\"parcels\":["
                + String.join(",", parcels.stream().map(p -> "\"" + p + "\"").toList()) + "],\"carrier\":\"dhl\","
                + "\"service\":\"express\",\"rateCardVersion\":3,\"cost\":{\"amount\":\"12.3\",\"currency\":\"EUR\"},"
                + "\"weightGrams\":2350,\"dimensionsMm\":{\"l\":400,\"w\":300,\"h\":200},\"destination\":{\"country\":"
                + "\"de\",\"postcode\":\"10115\"},\"opId\":\"" + opId + "\",\"gateway\":\"gw-sh01\",\"station\":"
                + "\"PACK-1\",\"at\":\"2026-12-07T10:00:00.250Z\"}";
    }

    private Map<String, Object> body(CoreClient.Reply r, int status) {
        CoreHarness.require(r, status);
        return core.json(r.body());
    }

    private String cursor() {
        return (String) body(core.acme.get("/v1/parcels/changes?tenant=acme&warehouse=SH01&limit=1000"), 200)
                .get("next");
    }

    /** The parcels of the feed after {@code cursor}: id -> state. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> feedStates(String cursor) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) body(core.acme.get(
                "/v1/parcels/changes?tenant=acme&warehouse=SH01&limit=1000&after=" + cursor), 200).get("items");
        Map<String, Object> states = new java.util.HashMap<>();
        items.forEach(p -> states.put((String) p.get("parcelId"), p.get("state")));
        return states;
    }

    private BusTap.Delivery event(String type, String key, String value) throws Exception {
        return tap.await(d -> type.equals(d.type()) && value.equals(d.data().get(key)), WAIT, type + " of " + value);
    }

    /**
     * The events in the outbox: acme's own (its schema, where the change commits them) and the shared one (where
     * TenantOutboxRelay moves them), counted in one statement, so an event being moved is counted once.
     */
    private int outboxCount(String type, String text) throws Exception {
        String tenantOutbox = "`" + db.tenantSchema("acme") + "`.event_outbox";
        try (java.sql.Connection c = db.connect(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT COUNT(*) FROM event_outbox WHERE type = ? AND payload LIKE ?) + (SELECT COUNT(*) FROM "
                + tenantOutbox + " WHERE type = ? AND payload LIKE ?)")) {
            ps.setString(1, type);
            ps.setString(2, "%" + text + "%");
            ps.setString(3, type);
            ps.setString(4, "%" + text + "%");
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @SuppressWarnings("unchecked")
    void twoParcelsOfACustomerBecomeOneShipmentAndLeaveTheFeedClosedWithTheirEventsOnTheBus() throws Exception {
        String a = receivedParcel(core, core.acme, "acme", "C-1");
        String b = receivedParcel(core, core.acme, "acme", "C-1");
        String stays = receivedParcel(core, core.acme, "acme", "C-1");
        String trackingOfB = (String) body(core.acme.get("/v1/parcels/acme/" + b), 200).get("trackingKey");
        String cursor = cursor();

        String opId = UUID.randomUUID().toString();
        Map<String, Object> s = body(core.acme.post("/v1/shipments", shipment("acme", "C-1", List.of(a, b), opId)), 201);
        String id = (String) s.get("shipmentId");
        assertThat(id).matches("S[0-9A-Z]{10}");
        assertThat(s).containsEntry("state", "CREATED").containsEntry("customer", "C-1")
                .containsEntry("parcels", List.of(a, b)).containsEntry("carrier", "dhl")
                .containsEntry("service", "express").containsEntry("rateCardVersion", 3)
                .containsEntry("weightGrams", 2350).containsEntry("createdAt", "2026-12-07T10:00:00.250Z")
                .containsEntry("station", "PACK-1").containsEntry("opId", opId);
        assertThat(s.get("trackingKey")).isNull();
        assertThat((Map<String, Object>) s.get("cost")).containsEntry("amount", "12.30").containsEntry("currency",
                "EUR");
        assertThat((Map<String, Object>) s.get("destination")).containsEntry("country", "DE");
        assertThat((Map<String, Object>) s.get("dimensionsMm")).containsEntry("l", 400).containsEntry("h", 200);
        assertThat(body(core.acme.get("/v1/shipments/acme/" + id), 200)).isEqualTo(s);

        // the gateway's cache sees both parcels leave, and only them
        assertThat(feedStates(cursor)).isEqualTo(Map.of(a, "CLOSED", b, "CLOSED"));
        assertThat(body(core.acme.get("/v1/parcels/acme/" + stays), 200)).containsEntry("state", "RECEIVED");

        BusTap.Delivery created = event("shipment.created", "shipmentId", id);
        assertThat(created.routingKey()).isEqualTo("acme.SH01.shipment.created");
        assertThat(created.persistent()).isTrue();
        assertThat(created.data()).containsEntry("parcels", List.of(a, b)).containsEntry("state", "CREATED");
        assertThat(event("parcel.closed", "parcelId", a).data()).containsEntry("state", "CLOSED");
        assertThat(event("parcel.closed", "parcelId", b).routingKey()).isEqualTo("acme.SH01.parcel.closed");

        // a closed parcel frees its tracking number: announced again, it is a new parcel
        Map<String, Object> again = body(ParcelsTest.announce(core.acme, "acme", "SH01", "C-1", trackingOfB), 201);
        assertThat(again.get("parcelId")).isNotEqualTo(b);
        // so b cannot reopen while that one holds the number: the cancel is refused whole (a, reopened first, too)
        String before = cursor();
        CoreClient.Reply cancel = core.acme.post("/v1/shipments/acme/" + id + "/cancel", "");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
        assertThat(core.json(cancel.body())).containsEntry("error", "TRACKING_NUMBER_TAKEN").containsEntry("parcelId", b)
                .containsEntry("otherParcelId", again.get("parcelId"));
        assertThat(feedStates(before)).isEmpty();
        assertThat(body(core.acme.get("/v1/shipments/acme/" + id), 200)).containsEntry("state", "CREATED");
        assertThat(outboxCount("parcel.reopened", a)).isZero();
    }

    @Test
    void aReplayAnswersTheStoredAnswerAndTheSameOpIdWithOtherContentIsRefused() throws Exception {
        String a = receivedParcel(core, core.acme, "acme", "C-2");
        String b = receivedParcel(core, core.acme, "acme", "C-2");
        String opId = UUID.randomUUID().toString();
        String request = shipment("acme", "C-2", List.of(a), opId);
        CoreClient.Reply first = core.acme.post("/v1/shipments", request);
        CoreHarness.require(first, 201);
        String id = (String) core.json(first.body()).get("shipmentId");
        String cursor = cursor();

        CoreClient.Reply replay = core.acme.post("/v1/shipments", request);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        // another time and station: the same request resent by another path, still a replay
        CoreClient.Reply resent = core.acme.post("/v1/shipments", request.replace("PACK-1", "PACK-2")
                .replace("10:00:00.250Z", "10:00:05.000Z"));
        assertThat(resent.body()).isEqualTo(first.body());
        assertThat(feedStates(cursor)).isEmpty(); // nothing changed

        for (String other : new String[] {shipment("acme", "C-2", List.of(a, b), opId),
            request.replace("\"12.3\"", "\"12.31\""), request.replace("\"de\"", "\"AT\""),
            request.replace("2350", "2351")}) {
            CoreClient.Reply reused = core.acme.post("/v1/shipments", other);
            assertThat(reused.status()).as(other).isEqualTo(409);
            assertThat(core.json(reused.body())).containsEntry("error", "OP_ID_REUSED");
        }
        assertThat(body(core.acme.get("/v1/parcels/acme/" + b), 200)).containsEntry("state", "RECEIVED");
        event("shipment.created", "shipmentId", id);
        assertThat(outboxCount("shipment.created", id)).isEqualTo(1);
        assertThat(outboxCount("parcel.closed", a)).isEqualTo(1);
    }

    @Test
    void aParcelOfAnotherCustomerNotReceivedOrAlreadyShippedIsRefusedByNameAndNothingChanges() throws Exception {
        String mine = receivedParcel(core, core.acme, "acme", "C-3");
        String theirs = receivedParcel(core, core.acme, "acme", "C-4");
        String announced = (String) body(ParcelsTest.announce(core.acme, "acme", "SH01", "C-3", trackingNumber()),
                201).get("parcelId");
        CoreClient.Reply noOwner = ParcelsTest.intake(core.acme, "acme", "SH01", trackingNumber(), "NO-OWNER",
                UUID.randomUUID().toString());
        String unowned = (String) ParcelsTest.parcelOf(body(noOwner, 200)).get("parcelId");
        String shipped = receivedParcel(core, core.acme, "acme", "C-3");
        String holder = (String) body(core.acme.post("/v1/shipments", shipment("acme", "C-3", List.of(shipped),
                UUID.randomUUID().toString())), 201).get("shipmentId");
        Object seqBefore = body(core.acme.get("/v1/parcels/acme/" + mine), 200).get("seq");
        String cursor = cursor();

        Object[][] cases = {
            {theirs, "PARCEL_OF_ANOTHER_CUSTOMER", "customer", "C-4"},
            {announced, "PARCEL_NOT_RECEIVED", "state", "ANNOUNCED"},
            {unowned, "PARCEL_NOT_RECEIVED", "state", "NO_OWNER"},
            {shipped, "PARCEL_ALREADY_SHIPPED", "shipmentId", holder},
        };
        for (Object[] c : cases) {
            String opId = UUID.randomUUID().toString();
            CoreClient.Reply r = core.acme.post("/v1/shipments", shipment("acme", "C-3", List.of(mine,
                    (String) c[0]), opId));
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(core.json(r.body())).containsEntry("error", c[1]).containsEntry("parcelId", c[0])
                    .containsEntry((String) c[2], c[3]);
            assertThat(r.body()).contains((String) c[0]);
            // all or nothing: the good parcel first in the list is untouched, the opId is free
            assertThat(body(core.acme.get("/v1/parcels/acme/" + mine), 200)).containsEntry("state", "RECEIVED")
                    .containsEntry("seq", seqBefore);
            try (java.sql.Connection conn = db.connect(); java.sql.Statement st = conn.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + db.tenantSchema("acme")
                            + "`.shipments WHERE op_id = '" + opId
                            + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        CoreClient.Reply unknown = core.acme.post("/v1/shipments", shipment("acme", "C-3", List.of(mine,
                "PNOSUCHPARC"), UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(core.json(unknown.body())).containsEntry("error", "PARCEL_NOT_FOUND").containsEntry("parcelId",
                "PNOSUCHPARC");
        assertThat(feedStates(cursor)).isEmpty();
        assertThat(outboxCount("parcel.closed", mine)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void cancellingPutsTheParcelsBackOnTheirShelvesAndTheyShipAgain() throws Exception {
        String a = receivedParcel(core, core.acme, "acme", "C-5");
        String b = receivedParcel(core, core.acme, "acme", "C-5");
        String id = (String) body(core.acme.post("/v1/shipments", shipment("acme", "C-5", List.of(a, b),
                UUID.randomUUID().toString())), 201).get("shipmentId");
        String cursor = cursor();

        Map<String, Object> cancelled = body(core.acme.post("/v1/shipments/acme/" + id + "/cancel", ""), 200);
        assertThat(cancelled).containsEntry("state", "CANCELLED");
        assertThat(cancelled.get("cancelledAt")).isNotNull();
        assertThat(feedStates(cursor)).isEqualTo(Map.of(a, "RECEIVED", b, "RECEIVED"));
        assertThat(body(core.acme.get("/v1/parcels/acme/" + a), 200)).containsEntry("state", "RECEIVED")
                .containsEntry("location", "SHELF-1");
        assertThat(event("shipment.cancelled", "shipmentId", id).data()).containsEntry("state", "CANCELLED");
        assertThat(event("parcel.reopened", "parcelId", b).data()).containsEntry("state", "RECEIVED");

        // a second cancel changes nothing; a label for a cancelled shipment is refused
        String after = cursor();
        assertThat(body(core.acme.post("/v1/shipments/acme/" + id + "/cancel", ""), 200)).isEqualTo(cancelled);
        assertThat(feedStates(after)).isEmpty();
        CoreClient.Reply label = core.acme.post("/v1/shipments/acme/" + id + "/label",
                "{\"trackingNumber\":\"1Z999AA10123456784\"}");
        assertThat(label.status()).isEqualTo(409);
        assertThat(core.json(label.body())).containsEntry("error", "SHIPMENT_CANCELLED");

        Map<String, Object> second = body(core.acme.post("/v1/shipments", shipment("acme", "C-5", List.of(b, a),
                UUID.randomUUID().toString())), 201);
        assertThat((List<String>) second.get("parcels")).containsExactly(b, a);
        assertThat(outboxCount("parcel.closed", a)).isEqualTo(2);
        assertThat(outboxCount("parcel.reopened", a)).isEqualTo(1);
    }

    @Test
    void aLabelledShipmentKeepsItsNumberAndCannotBeCancelledBecauseTheCarrierHasIt() throws Exception {
        String a = receivedParcel(core, core.acme, "acme", "C-6");
        String id = (String) body(core.acme.post("/v1/shipments", shipment("acme", "C-6", List.of(a),
                UUID.randomUUID().toString())), 201).get("shipmentId");

        Map<String, Object> labelled = body(core.acme.post("/v1/shipments/acme/" + id + "/label",
                "{\"trackingNumber\":\"1z 999 aa1 0123456784\"}"), 200);
        assertThat(labelled).containsEntry("state", "LABELLED").containsEntry("trackingKey", "1Z999AA10123456784")
                .containsEntry("labelCarrier", "UPS").containsEntry("trackingNumber", "1z 999 aa1 0123456784");
        assertThat(event("shipment.labelled", "shipmentId", id).data()).containsEntry("trackingKey",
                "1Z999AA10123456784");
        // the same number as scanned: the same answer, nothing new
        assertThat(body(core.acme.post("/v1/shipments/acme/" + id + "/label",
                "{\"trackingNumber\":\"1Z999AA10123456784\"}"), 200)).isEqualTo(labelled);
        CoreClient.Reply other = core.acme.post("/v1/shipments/acme/" + id + "/label",
                "{\"trackingNumber\":\"1Z5R89390357567127\"}");
        assertThat(other.status()).isEqualTo(409);
        assertThat(core.json(other.body())).containsEntry("error", "LABEL_CONFLICT").containsEntry("trackingKey",
                "1Z999AA10123456784");

        String cursor = cursor();
        CoreClient.Reply cancel = core.acme.post("/v1/shipments/acme/" + id + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(core.json(cancel.body())).containsEntry("error", "SHIPMENT_LABELLED");
        assertThat(cancel.body()).contains("carrier").contains("1Z999AA10123456784");
        assertThat(feedStates(cursor)).isEmpty();
        assertThat(body(core.acme.get("/v1/shipments/acme/" + id), 200)).containsEntry("state", "LABELLED");
        assertThat(body(core.acme.get("/v1/parcels/acme/" + a), 200)).containsEntry("state", "CLOSED");
        assertThat(outboxCount("shipment.labelled", id)).isEqualTo(1);
    }
}
