package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.lan.PackingParcelList;
import dev.floorgate.lan.PackingQuoteRequest;
import dev.floorgate.lan.PackingQuotes;
import dev.floorgate.lan.PackingShipment;
import dev.floorgate.lan.PackingShipmentRequest;
import dev.floorgate.lan.PackingWeight;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packing station's calls (API.md "Packing station (issue 17)") against a real local HTTP server, as
 * GatewayClientTest does for intake: what goes over the wire, the typed answers, a repeat (200) told from a new
 * shipment (201), refusals with their details, and a lost answer as a plain IOException (not a GatewayException),
 * the kind the app answers with "Ship again".
 */
class GatewayClientPackingTest {
    private static final String SHIPMENT = "{\"opId\":\"0190f5c2-op\",\"reference\":\"FG0000AB12CD34\",\"state\":"
            + "\"PENDING\",\"shipmentId\":null,\"customer\":\"C-100\",\"parcels\":[\"P01\",\"P02\"],"
            + "\"carrier\":\"dhl\",\"service\":\"express\",\"version\":4,\"cost\":\"23.10\",\"currency\":\"EUR\","
            + "\"weightGrams\":2350,\"printJobId\":null,\"failure\":null,\"packedAt\":\"2026-12-07T10:00:00Z\","
            + "\"repeated\":%s}";

    private MockWebServer server;
    private GatewayClient device;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        // a short read timeout: the lost-answer case waits for it
        OkHttpClient http = GatewayClient.defaultHttpClient().newBuilder().readTimeout(1, TimeUnit.SECONDS).build();
        device = new GatewayClient(server.url("/").toString(), http).withToken("fgd_device");
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    static PackingShipmentRequest shipment(String opId) {
        return new PackingShipmentRequest("C-100", Arrays.asList("P01", "P02"), "dhl", "express", 4, 2350L, null,
                400, 300, 200, "DE", "80331", null, null, null, null, null, null, opId);
    }

    @Test
    void parcelsAndWeightAreAskedWithTheCustomerAndTheScaleInTheQuery() throws Exception {
        server.enqueue(json(200, "{\"customer\":\"C-100\",\"parcels\":[{\"parcelId\":\"P02\",\"trackingKey\":"
                + "\"LX123456785CN\",\"carrier\":\"UPS\",\"warehouse\":\"SH01\",\"location\":\"SHELF-A-1\"}]}"));
        server.enqueue(json(200, "{\"scale\":\"pack 1\",\"state\":\"STABLE\",\"grams\":2350,\"message\":null}"));
        server.enqueue(json(200, "{\"scale\":\"pack 1\",\"state\":\"UNSTABLE\",\"grams\":null,\"message\":"
                + "\"the load still moves\"}"));
        PackingParcelList list = device.packingParcels("C-100 ");
        assertThat(list.parcels()).singleElement().satisfies(p -> {
            assertThat(p.parcelId()).isEqualTo("P02");
            assertThat(p.location()).isEqualTo("SHELF-A-1");
        });
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getPath()).isEqualTo("/api/v1/packing/parcels?customer=C-100%20");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer fgd_device");

        PackingWeight stable = device.packingWeight("pack 1");
        assertThat(stable.grams()).isEqualTo(2350L);
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/packing/weight?scale=pack%201");
        PackingWeight moving = device.packingWeight("pack 1");
        assertThat(moving.state()).isEqualTo("UNSTABLE");
        assertThat(moving.grams()).isNull();
        assertThat(moving.message()).isEqualTo("the load still moves");
    }

    @Test
    void aQuoteSendsTheCartonAndReadsThePricesCheapestFirst() throws Exception {
        server.enqueue(json(200, "{\"customer\":\"C-100\",\"weightGrams\":2350,\"quotes\":[{\"carrier\":\"dpd\","
                + "\"service\":\"classic\",\"version\":1,\"zone\":\"DE\",\"total\":\"9.80\",\"base\":\"8.00\",\"fuel\":"
                + "\"0.80\",\"fees\":\"1.00\",\"currency\":\"EUR\",\"feeLines\":[\"handling x1: 1.00\"],"
                + "\"billableGrams\":4000,\"transitDays\":2,\"cheapest\":true,\"fastest\":false}],\"unquoted\":"
                + "[\"ups standard: no zone for IS\"]}"));
        PackingQuotes q = device.packingQuote(new PackingQuoteRequest("C-100", Arrays.asList("P01", "P02"), 2350L,
                null, 400, 300, 200, "DE", "80331", null));
        assertThat(q.quotes()).singleElement().satisfies(quote -> {
            assertThat(quote.total()).isEqualTo("9.80");
            assertThat(quote.cheapest()).isTrue();
            assertThat(quote.transitDays()).isEqualTo(2);
        });
        assertThat(q.unquoted()).containsExactly("ups standard: no zone for IS");
        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/api/v1/packing/quote");
        // lan-api's codec writes every field; the gateway reads null as absent (weight typed, not from a scale)
        assertThat(req.getBody().readUtf8()).isEqualTo("{\"customer\":\"C-100\",\"parcels\":[\"P01\",\"P02\"],"
                + "\"weightGrams\":2350,\"scale\":null,\"lengthMm\":400,\"widthMm\":300,\"heightMm\":200,"
                + "\"country\":\"DE\",\"postcode\":\"80331\",\"residential\":null}");
    }

    @Test
    void aShipmentIsNewOnA201AndRepeatedOnA200WithTheSameOpIdSent() throws Exception {
        server.enqueue(json(201, String.format(SHIPMENT, "false")));
        server.enqueue(json(200, String.format(SHIPMENT, "true")));
        PackingShipment first = device.packShipment(shipment("0190f5c2-op"));
        assertThat(first.repeated()).isFalse();
        assertThat(first.reference()).isEqualTo("FG0000AB12CD34");
        assertThat(first.cost()).isEqualTo("23.10");
        String sent = server.takeRequest().getBody().readUtf8();
        assertThat(sent).contains("\"opId\":\"0190f5c2-op\"", "\"carrier\":\"dhl\"", "\"version\":4");
        PackingShipment again = device.packShipment(shipment("0190f5c2-op"));
        assertThat(again.repeated()).isTrue();
        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo(sent);
    }

    @Test
    void refusalsCarryTheCodeAndAParcelConflictNamesTheParcelAndReason() {
        server.enqueue(json(409, "{\"error\":\"PARCEL_CONFLICT\",\"message\":\"parcel P02 is already in shipment "
                + "FG0000AB12CD34\",\"details\":{\"parcelId\":\"P02\",\"reason\":\"PARCEL_ALREADY_QUEUED\"}}"));
        server.enqueue(json(507, "{\"error\":\"DISK_FULL\",\"message\":\"free space 1 MiB below the floor\"}"));
        server.enqueue(json(409, "{\"error\":\"OP_ID_REUSED\",\"message\":\"opId 0190f5c2-op was a shipment of "
                + "C-100\"}"));
        assertThatThrownBy(() -> device.packShipment(shipment("a"))).isInstanceOfSatisfying(GatewayException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("PARCEL_CONFLICT");
                    assertThat(e.detail("parcelId")).isEqualTo("P02");
                    assertThat(e.detail("reason")).isEqualTo("PARCEL_ALREADY_QUEUED");
                    assertThat(e.detail("nothing")).isNull();
                });
        assertThatThrownBy(() -> device.packShipment(shipment("b"))).isInstanceOfSatisfying(GatewayException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("DISK_FULL");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.detail("parcelId")).isNull();
                });
        assertThatThrownBy(() -> device.packShipment(shipment("c"))).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.gatewayMessage()).isEqualTo("opId 0190f5c2-op was a shipment of C-100"));
    }

    @Test
    void anAnswerLostAfterTheRequestArrivedIsAnIoErrorNotARefusal() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> device.packShipment(shipment("0190f5c2-op"))).isInstanceOf(IOException.class)
                    .isNotInstanceOf(GatewayException.class);
            RecordedRequest arrived = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(arrived).as("the request reached the server").isNotNull();
            assertThat(arrived.getBody().readUtf8()).contains("\"opId\":\"0190f5c2-op\"");
        }
    }
}
