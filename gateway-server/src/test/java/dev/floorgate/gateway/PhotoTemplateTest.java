package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photo templates per tenant (issue 17 item 2) on a real gateway: a tenant with its own template gets its shots with
 * their hints, a photo of a shot outside it is refused naming the template's shots, and the parcel's missing shots
 * shrink as photos arrive; a tenant without one gets the default template as a suggestion and any shot is taken; a
 * bad template stops the start with one line naming the key.
 */
class PhotoTemplateTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aTenantsOwnTemplateIsEnforcedAndTellsWhichShotsAParcelStillMisses() throws Exception {
        try (TestGateway gateway = new TestGateway(dir.resolve("data"), Map.of(
                "fg.photo-templates.acme.shots[0]", "label: Label side, the carrier's barcode readable",
                "fg.photo-templates.acme.shots[1]", "top: From above, box open"))) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            String beta = gateway.enroll("pda-b", "beta", "SH01");
            HttpResponse<String> t = gateway.get("/api/v1/photos/template?parcelId=P-1", acme);
            assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
            assertThat(t.body()).isEqualTo("{\"tenant\":\"acme\",\"enforced\":true,\"shots\":[{\"shot\":\"label\","
                    + "\"hint\":\"Label side, the carrier's barcode readable\"},{\"shot\":\"top\",\"hint\":"
                    + "\"From above, box open\"}],\"parcelId\":\"P-1\",\"missing\":[\"label\",\"top\"]}");

            byte[] jpeg = PhotosApiTest.realJpeg(160, 120, 3);
            HttpResponse<String> refused = post(gateway, "/api/v1/photos?parcelId=P-1&shot=damage", acme, jpeg);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("shot: 'damage' is not in tenant acme's photo template [label, top]");
            assertThat(post(gateway, "/api/v1/photos?parcelId=P-1&shot=top", acme, jpeg).statusCode()).isEqualTo(201);
            assertThat(gateway.get("/api/v1/photos/template?parcelId=P-1", acme).body())
                    .endsWith("\"missing\":[\"label\"]}");

            // beta has no template: the default one, suggested, and any shot is taken
            String b = gateway.get("/api/v1/photos/template", beta).body();
            assertThat(b).startsWith("{\"tenant\":\"beta\",\"enforced\":false,\"shots\":[{\"shot\":\"label\"")
                    .contains("\"shot\":\"contents\"", "\"shot\":\"damage\"").endsWith("\"parcelId\":null,"
                    + "\"missing\":null}");
            assertThat(post(gateway, "/api/v1/photos?parcelId=P-2&shot=side", beta, jpeg).statusCode())
                    .isEqualTo(201);
            assertThat(gateway.get("/api/v1/photos/template?parcelId=bad%20id", acme).statusCode()).isEqualTo(400);
            assertThat(gateway.get("/api/v1/photos/template", null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aBadTemplateStopsTheStartWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> new TestGateway(dir.resolve("data"), Map.of(
                "fg.photo-templates.acme.shots[0]", "label side: the label")).close())
                .hasStackTraceContaining("fg.photo-templates.acme.shots: shot 'label side' is not 1-64 letters");
        assertThatThrownBy(() -> new TestGateway(dir.resolve("data2"), Map.of(
                "fg.photo-templates.acme.shots[0]", "top: one", "fg.photo-templates.acme.shots[1]", "top: two"))
                .close()).hasStackTraceContaining("shot 'top' is named twice");
    }

    private HttpResponse<String> post(TestGateway gateway, String path, String token, byte[] jpeg) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
