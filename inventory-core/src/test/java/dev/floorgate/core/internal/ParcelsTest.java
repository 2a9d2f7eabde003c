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
 * Parcels at the core (issue 17 item 1): the real core over HTTP with signed requests, real MariaDB and Redis and
 * a RabbitMQ node of the test's own. Announce, the gateway's feed, intake, the no-owner shelf and the events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParcelsTest {
    static final String GS = "\\u001d"; // a GS1 group separator inside a JSON string
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
        db = new TestDatabase("fg_parcels_");
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(), "fg.bus.poll-interval", "20ms"));
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).up(), WAIT, "the publisher up");
        CoreHarness.require(core.acme.put("/v1/warehouses/acme/SH01", ""), 200);
        tap = BusTap.events(rabbit.uri(), "acme.test.parcels", "acme.*.parcel.*");
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

    // ------------------------------------------------------------------ helpers

    static CoreClient.Reply announce(CoreClient client, String tenant, String warehouse, String customer,
            String tracking) {
        return client.post("/v1/parcels/announcements", "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"" + warehouse
                + "\",\"customer\":\"" + customer + "\",\"customerName\":\"Customer " + customer
                + "\",\"trackingNumber\":\"" + tracking + "\",\"notes\":\"two shoe boxes\"}");
    }

    static CoreClient.Reply intake(CoreClient client, String tenant, String warehouse, String tracking,
            String location, String opId) {
        return client.post("/v1/parcels/intake", "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"" + warehouse
                + "\",\"trackingNumber\":\"" + tracking + "\",\"location\":\"" + location + "\",\"opId\":\"" + opId
                + "\",\"gateway\":\"gw-sh01\",\"station\":\"IN-1\",\"at\":\"2026-12-07T09:00:00.123Z\"}");
    }

    private Map<String, Object> body(CoreClient.Reply r, int status) {
        CoreHarness.require(r, status);
        return core.json(r.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parcelOf(Map<String, Object> intakeAnswer) {
        return (Map<String, Object>) intakeAnswer.get("parcel");
    }

    private BusTap.Delivery event(String type, String parcelId) throws Exception {
        return tap.await(d -> type.equals(d.type()) && parcelId.equals(d.data().get("parcelId")), WAIT,
                type + " of " + parcelId);
    }

    // ------------------------------------------------------------------ tests

    @Test
    @SuppressWarnings("unchecked")
    void anAnnouncedParcelIsInTheFeedIsReceivedAtIntakeAndBothStepsGoOutAsEvents() throws Exception {
        Map<String, Object> feedStart = body(core.acme.get("/v1/parcels/changes?tenant=acme&warehouse=SH01"), 200);
        String cursor = (String) feedStart.get("next");

        Map<String, Object> p = body(announce(core.acme, "acme", "SH01", "C-100", "1z 5r8 939 0357567127"), 201);
        String id = (String) p.get("parcelId");
        assertThat(id).matches("P[0-9A-Z]{10}");
        assertThat(p).containsEntry("trackingKey", "1Z5R89390357567127").containsEntry("carrier", "UPS")
                .containsEntry("state", "ANNOUNCED").containsEntry("customer", "C-100")
                .containsEntry("checkDigitValid", true).containsEntry("trackingNumber", "1z 5r8 939 0357567127");
        BusTap.Delivery announced = event("parcel.announced", id);
        assertThat(announced.routingKey()).isEqualTo("acme.SH01.parcel.announced");
        assertThat(announced.data()).containsEntry("customer", "C-100").containsEntry("trackingKey",
                "1Z5R89390357567127");

        // the gateway's feed, from the cursor it held: the parcel with its key and customer
        Map<String, Object> page = body(core.acme.get("/v1/parcels/changes?tenant=acme&warehouse=SH01&after="
                + cursor), 200);
        List<?> items = (List<?>) page.get("items");
        assertThat(items).hasSize(1);
        assertThat((Map<Object, Object>) items.get(0)).containsEntry("parcelId", id).containsEntry("trackingKey",
                "1Z5R89390357567127").containsEntry("customer", "C-100");
        String afterAnnounce = (String) page.get("next");

        // the gateway scans the label (upper case, no spaces): the same key, the same parcel
        String opId = UUID.randomUUID().toString();
        Map<String, Object> in = body(intake(core.acme, "acme", "SH01", "1Z5R89390357567127", "SHELF-A-3", opId), 200);
        assertThat(in).containsEntry("result", "RECEIVED").containsEntry("opId", opId);
        assertThat(parcelOf(in)).containsEntry("parcelId", id).containsEntry("state", "RECEIVED")
                .containsEntry("location", "SHELF-A-3").containsEntry("receivedAt", "2026-12-07T09:00:00.123Z")
                .containsEntry("receivedStation", "IN-1").containsEntry("customer", "C-100");
        BusTap.Delivery received = event("parcel.received", id);
        assertThat(received.data()).containsEntry("location", "SHELF-A-3").containsEntry("state", "RECEIVED");
        assertThat(received.persistent()).isTrue();

        assertThat(body(core.acme.get("/v1/parcels/acme/" + id), 200)).containsEntry("state", "RECEIVED")
                .containsEntry("location", "SHELF-A-3");
        // the feed shows the change after the cursor of the announcement, once, at its latest state
        List<?> later = (List<?>) body(core.acme.get("/v1/parcels/changes?tenant=acme&warehouse=SH01&after="
                + afterAnnounce), 200).get("items");
        assertThat(later).hasSize(1);
        assertThat((Map<Object, Object>) later.get(0)).containsEntry("parcelId", id).containsEntry("state", "RECEIVED");
    }

    @Test
    void eachCarrierFormatIsStoredUnderTheKeyAScanOfTheLabelGives() throws Exception {
        // USPS IMpb as the barcode holds it (GS1 AI 420 + ZIP+4, GS, package id) and the bare number as typed
        Map<String, Object> usps = body(announce(core.acme, "acme", "SH01", "C-200",
                "420100233424" + GS + "9200190132607600833457"), 201);
        assertThat(usps).containsEntry("trackingKey", "9200190132607600833457").containsEntry("carrier", "USPS");
        Map<String, Object> typed = body(announce(core.acme, "acme", "SH01", "C-200",
                "9200 1901 3260 7600 8334 57"), 200);
        assertThat(typed.get("parcelId")).isEqualTo(usps.get("parcelId"));
        // the scanner that drops FNC1 sends 420 + ZIP+4 + number as one run of digits: the same parcel
        Map<String, Object> in = body(intake(core.acme, "acme", "SH01", "4201002334249200190132607600833457",
                "SHELF-U-1", UUID.randomUUID().toString()), 200);
        assertThat(in).containsEntry("result", "RECEIVED");
        assertThat(parcelOf(in).get("parcelId")).isEqualTo(usps.get("parcelId"));

        // UPU S10 (China Post / EMS) in lower case with spaces, received from the label; FedEx Ground 96 -> 15
        Map<String, Object> s10 = body(announce(core.acme, "acme", "SH01", "C-201", "rb 12345678 5 gb"), 201);
        assertThat(s10).containsEntry("trackingKey", "RB123456785GB").containsEntry("carrier", "UPU_S10");
        Map<String, Object> s10In = body(intake(core.acme, "acme", "SH01", "RB123456785GB", "SHELF-U-2",
                UUID.randomUUID().toString()), 200);
        assertThat(parcelOf(s10In).get("parcelId")).isEqualTo(s10.get("parcelId"));
        Map<String, Object> fedex = body(announce(core.acme, "acme", "SH01", "C-202", "987654312345672"), 201);
        Map<String, Object> fedexIn = body(intake(core.acme, "acme", "SH01", "9611020987654312345672", "SHELF-U-3",
                UUID.randomUUID().toString()), 200);
        assertThat(parcelOf(fedexIn).get("parcelId")).isEqualTo(fedex.get("parcelId"));
        assertThat(fedex).containsEntry("carrier", "FEDEX");

        // a wrong check digit is kept (it may be another carrier's reference) and said so
        Map<String, Object> wrong = body(announce(core.acme, "acme", "SH01", "C-203", "1Z5R89390357567128"), 201);
        assertThat(wrong).containsEntry("checkDigitValid", false).containsEntry("carrier", "UPS");
        // plain Code 128 text of no known format, with the carrier the customer named
        CoreClient.Reply plain = core.acme.post("/v1/parcels/announcements", "{\"tenant\":\"acme\",\"warehouse\":"
                + "\"SH01\",\"customer\":\"C-204\",\"trackingNumber\":\"yt-2212-0000-77\",\"carrier\":\"dhl_ecommerce\"}");
        assertThat(body(plain, 201)).containsEntry("trackingKey", "YT2212000077").containsEntry("carrier",
                "DHL_ECOMMERCE").containsEntry("trackingFormat", "unknown");
    }

    @Test
    void announcingAndReceivingAgainAnswerTheSameAndAnotherCustomerOrAnotherOpIdIsAConflict() throws Exception {
        Map<String, Object> first = body(announce(core.acme, "acme", "SH01", "C-300", "RR987654326CN"), 201);
        String id = (String) first.get("parcelId");
        Map<String, Object> again = body(announce(core.acme, "acme", "SH01", "C-300", "RR987654326CN"), 200);
        assertThat(again.get("parcelId")).isEqualTo(id);
        assertThat(again.get("seq")).isEqualTo(first.get("seq")); // nothing changed, nothing new in the feed

        CoreClient.Reply other = announce(core.acme, "acme", "SH01", "C-301", "rr 987654326 cn");
        assertThat(other.status()).isEqualTo(409);
        assertThat(core.json(other.body())).containsEntry("error", "CUSTOMER_CONFLICT").containsEntry("parcelId", id);
        assertThat(other.body()).contains("C-300").contains("C-301");

        String opId = UUID.randomUUID().toString();
        CoreClient.Reply in = intake(core.acme, "acme", "SH01", "RR987654326CN", "SHELF-B-1", opId);
        CoreHarness.require(in, 200);
        CoreClient.Reply replay = intake(core.acme, "acme", "SH01", "rr987654326cn", "SHELF-B-1", opId);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(in.body());

        CoreClient.Reply twice = intake(core.acme, "acme", "SH01", "RR987654326CN", "SHELF-B-9",
                UUID.randomUUID().toString());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(core.json(twice.body())).containsEntry("error", "ALREADY_RECEIVED").containsEntry("parcelId", id)
                .containsEntry("location", "SHELF-B-1").containsEntry("receivedAt", "2026-12-07T09:00:00.123Z")
                .containsEntry("receivedStation", "IN-1");
        CoreClient.Reply reused = intake(core.acme, "acme", "SH01", "RR987654326CN", "SHELF-B-9", opId);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(core.json(reused.body())).containsEntry("error", "OP_ID_REUSED");
        assertThat(body(core.acme.get("/v1/parcels/acme/" + id), 200)).containsEntry("location", "SHELF-B-1");

        event("parcel.received", id);
        // acme's own outbox (where the change commits its event) and the shared one (where the relay moves it), in
        // one statement: an event on its way between the two is counted once
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT type, COUNT(*) FROM (SELECT type, payload FROM "
                        + "event_outbox UNION ALL SELECT type, payload FROM `" + db.tenantSchema("acme")
                        + "`.event_outbox) e WHERE payload LIKE '%" + id + "%' GROUP BY type ORDER BY type")) {
            StringBuilder counts = new StringBuilder();
            while (rs.next()) {
                counts.append(rs.getString(1)).append('=').append(rs.getInt(2)).append(' ');
            }
            assertThat(counts.toString().trim()).isEqualTo("parcel.announced=1 parcel.received=1");
        }
    }

    @Test
    void anUnknownParcelGoesToTheNoOwnerShelfUntilItsOwnerIsNamed() throws Exception {
        Map<String, Object> in = body(intake(core.acme, "acme", "SH01", "NOBODY-KNOWS-0001", "NO-OWNER-1",
                UUID.randomUUID().toString()), 200);
        assertThat(in).containsEntry("result", "NO_OWNER");
        Map<String, Object> p = parcelOf(in);
        String id = (String) p.get("parcelId");
        assertThat(p.get("customer")).isNull();
        assertThat(p).containsEntry("state", "NO_OWNER").containsEntry("location", "NO-OWNER-1").containsEntry("trackingKey", "NOBODYKNOWS0001");
        assertThat(event("parcel.no_owner", id).data()).containsEntry("state", "NO_OWNER");

        Map<String, Object> owned = body(core.acme.post("/v1/parcels/acme/" + id + "/owner",
                "{\"customer\":\"C-400\",\"customerName\":\"Ana\"}"), 200);
        assertThat(owned).containsEntry("state", "RECEIVED").containsEntry("customer", "C-400")
                .containsEntry("location", "NO-OWNER-1");
        assertThat(event("parcel.assigned", id).data()).containsEntry("customer", "C-400");
        assertThat(body(core.acme.post("/v1/parcels/acme/" + id + "/owner", "{\"customer\":\"C-400\"}"), 200))
                .containsEntry("seq", owned.get("seq"));
        CoreClient.Reply other = core.acme.post("/v1/parcels/acme/" + id + "/owner", "{\"customer\":\"C-401\"}");
        assertThat(other.status()).isEqualTo(409);
        assertThat(core.json(other.body())).containsEntry("error", "ALREADY_OWNED");

        // a parcel that arrives before its announcement: the late announcement names its owner
        Map<String, Object> early = parcelOf(body(intake(core.acme, "acme", "SH01", "1Z879E930346834440",
                "NO-OWNER-2", UUID.randomUUID().toString()), 200));
        Map<String, Object> late = body(announce(core.acme, "acme", "SH01", "C-402", "1Z879E930346834440"), 200);
        assertThat(late).containsEntry("parcelId", early.get("parcelId")).containsEntry("state", "RECEIVED")
                .containsEntry("customer", "C-402").containsEntry("location", "NO-OWNER-2");
        assertThat(event("parcel.assigned", (String) early.get("parcelId")).data()).containsEntry("customer", "C-402");
    }
}
