package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.lan.PhotoReceipt;
import dev.floorgate.lan.PhotoShot;
import dev.floorgate.lan.PhotoTemplate;
import java.io.IOException;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parcel photo calls (issue 17, API.md "Parcel photos") against a real local HTTP server, as the intake calls
 * are tested: the JPEG goes as the body with {@code image/jpeg}, the codes as query parameters, and the gateway's
 * refusals come back as {@link GatewayException}s with their codes. The app's tests send photos to the real gateway.
 */
class GatewayClientPhotosTest {
    private static final String RECEIPT = "{\"id\":7,\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"parcelId\":\"P-1\","
            + "\"shot\":\"label\",\"sha256\":\"%s\",\"size\":6,\"state\":\"PENDING\",\"failure\":null,"
            + "\"addedAt\":\"2026-12-07T09:00:00Z\"}";
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00, (byte) 0xff, (byte) 0xd9};

    private MockWebServer server;
    private GatewayClient device;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        device = new GatewayClient(server.url("/").toString(), GatewayClient.defaultHttpClient())
                .withToken("fgd_device");
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    @Test
    void thePhotoGoesAsTheJpegBodyWithItsCodesAndTheReceiptComesBackTyped() throws Exception {
        server.enqueue(json(201, String.format(RECEIPT, "ab".repeat(32))));
        PhotoReceipt r = device.addPhoto("P-1", "label", JPEG);
        assertThat(r.id()).isEqualTo(7);
        assertThat(r.parcelId()).isEqualTo("P-1");
        assertThat(r.shot()).isEqualTo("label");
        assertThat(r.state()).isEqualTo("PENDING");
        assertThat(r.sha256()).isEqualTo("ab".repeat(32));
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getPath()).isEqualTo("/api/v1/photos?parcelId=P-1&shot=label");
        assertThat(req.getHeader("Content-Type")).isEqualTo("image/jpeg");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer fgd_device");
        assertThat(req.getBody().readByteArray()).isEqualTo(JPEG);
    }

    @Test
    void theTemplateAndThePhotoListAreAskedForTheParcel() throws Exception {
        server.enqueue(json(200, "{\"tenant\":\"acme\",\"enforced\":false,\"shots\":[{\"shot\":\"label\",\"hint\":"
                + "\"Label side\"},{\"shot\":\"damage\",\"hint\":\"Any damage\"}],\"parcelId\":\"P-1\",\"missing\":"
                + "[\"damage\"]}"));
        server.enqueue(json(200, "{\"tenant\":\"acme\",\"enforced\":true,\"shots\":[{\"shot\":\"top\",\"hint\":"
                + "\"From above\"}],\"parcelId\":null,\"missing\":null}"));
        server.enqueue(json(200, "{\"parcelId\":\"P-1\",\"photos\":[" + String.format(RECEIPT, "cd".repeat(32))
                + "]}"));
        PhotoTemplate t = device.photoTemplate("P-1");
        assertThat(t.shots()).containsExactly(new PhotoShot("label", "Label side"),
                new PhotoShot("damage", "Any damage"));
        assertThat(t.missing()).containsExactly("damage");
        assertThat(t.enforced()).isFalse();
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/photos/template?parcelId=P-1");
        assertThat(device.photoTemplate(null).enforced()).isTrue();
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/photos/template");
        List<PhotoReceipt> photos = device.photos("P-1");
        assertThat(photos).singleElement().extracting(PhotoReceipt::sha256).isEqualTo("cd".repeat(32));
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/photos?parcelId=P-1");
    }

    @Test
    void theGatewaysRefusalsKeepTheirCodesAndWhetherToSendAgain() {
        server.enqueue(json(507, "{\"error\":\"PHOTOS_FULL\",\"message\":\"photo buffer quota used up\"}"));
        server.enqueue(json(415, "{\"error\":\"NOT_A_JPEG\",\"message\":\"the bytes start with 89504e\"}"));
        assertThatThrownBy(() -> device.addPhoto("P-1", "label", JPEG)).isInstanceOfSatisfying(GatewayException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(507);
                    assertThat(e.code()).isEqualTo("PHOTOS_FULL");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("parcel P-1, shot label, 6 bytes");
                });
        assertThatThrownBy(() -> device.addPhoto("P-1", "label", JPEG)).isInstanceOfSatisfying(GatewayException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("NOT_A_JPEG");
                    assertThat(e.gatewayMessage()).contains("89504e");
                    assertThat(e.retryable()).isFalse();
                });
        assertThatThrownBy(() -> device.addPhoto("P-1", "label", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 bytes");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
