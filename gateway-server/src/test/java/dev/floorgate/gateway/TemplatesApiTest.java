package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The template list and the PNG previews (template with data, raw ZPL), with a site template directory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesApiTest {
    TestGateway gateway;
    String acme;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        gateway = new TestGateway(dir.resolve("data"), Map.of("fg.templates-dir",
                PrintTesting.siteTemplates(dir.resolve("templates")).toString()));
        acme = gateway.enroll("pda-a", "acme", "SH01");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theListHasTheBuiltInAndSiteTemplatesWithFieldsAndSampleData() throws Exception {
        HttpResponse<String> r = gateway.get("/api/v1/templates", acme);
        assertStatus(r, 200);
        assertThat(r.body()).contains("\"name\":\"shipping-4x6\"").contains("\"name\":\"sku-gtin\"")
                .contains("\"name\":\"order-label\"").contains("\"source\":\"builtin:shipping-4x6\"")
                .contains("{\"name\":\"gtin\",\"type\":\"gtin\",\"required\":true")
                .contains("\"sampleData\":{").contains("\"order\":\"SO-2025-000123\"");
        assertStatus(gateway.get("/api/v1/templates", null), 401);
        assertThat(gateway.get("/api/v1/templates/order-label", TestGateway.ADMIN_TOKEN).body())
                .contains("\"description\":\"Packing-station order label\"").contains("\"widthDots\":812");
    }

    @Test
    void aPreviewIsAPngOfTheLabelWithTheDataGivenAndSamplesForTheRest() throws Exception {
        HttpResponse<byte[]> sample = png("/api/v1/templates/order-label/preview.png");
        assertThat(sample.statusCode()).isEqualTo(200);
        assertThat(sample.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("image/png"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(sample.body()));
        assertThat(image.getWidth()).isEqualTo(812);
        assertThat(image.getHeight()).isEqualTo(406);

        String data = URLEncoder.encode("{\"order\":\"SO-77\",\"lines\":3}", StandardCharsets.UTF_8);
        HttpResponse<byte[]> withData = png("/api/v1/templates/order-label/preview.png?data=" + data);
        HttpResponse<byte[]> withParam = png("/api/v1/templates/order-label/preview.png?order=SO-77&lines=3");
        HttpResponse<byte[]> both = png("/api/v1/templates/order-label/preview.png?data=" + data + "&order=SO-78");
        assertThat(withData.statusCode()).isEqualTo(200);
        assertThat(withData.body()).isEqualTo(withParam.body());
        assertThat(Arrays.equals(withData.body(), sample.body())).isFalse();
        assertThat(Arrays.equals(both.body(), withData.body())).as("a field parameter wins over data").isFalse();
    }

    @Test
    void previewProblemsAre400JsonNamingTheField() throws Exception {
        HttpResponse<String> badJson = gateway.get("/api/v1/templates/order-label/preview.png?data="
                + URLEncoder.encode("{\"order\":", StandardCharsets.UTF_8), acme);
        assertStatus(badJson, 400);
        assertThat(badJson.body()).contains("\"error\":\"MALFORMED_JSON\"").contains("data");
        HttpResponse<String> badGtin = gateway.get("/api/v1/templates/sku-gtin/preview.png?gtin=09501101530004", acme);
        assertStatus(badGtin, 400);
        assertThat(badGtin.body()).contains("'gtin'").contains("check digit");
        HttpResponse<String> badLines = gateway.get("/api/v1/templates/order-label/preview.png?lines=many", acme);
        assertStatus(badLines, 400);
        assertThat(badLines.body()).contains("'lines'");
        assertStatus(gateway.get("/api/v1/templates/nope/preview.png", acme), 404);
    }

    @Test
    void rawZplIsPreviewedAtTheResolutionAsked() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/templates/preview.png")))
                .header("Authorization", "Bearer " + acme).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"zpl\":\"^XA^PW406^LL203^FO20,20^A0N,30,30^FDHello^FS"
                        + "^XZ\",\"dpi\":203}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image.getWidth()).isEqualTo(406);
        HttpResponse<String> badDpi = gateway.post("/api/v1/templates/preview.png", acme, "{\"zpl\":\"^XA^XZ\",\"dpi\":250}");
        assertStatus(badDpi, 400);
        assertThat(badDpi.body()).contains("dpi");
        HttpResponse<String> noZpl = gateway.post("/api/v1/templates/preview.png", acme, "{\"dpi\":203}");
        assertStatus(noZpl, 400);
        assertThat(noZpl.body()).contains("zpl");
    }

    private HttpResponse<byte[]> png(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).header("Authorization", "Bearer " + acme)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
