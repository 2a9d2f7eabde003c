package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.photos.PhotoService;
import dev.floorgate.sync.PhotoState;
import dev.floorgate.sync.StoredPhoto;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The picker app's Photo step in Chromium with its fake camera (a generated test pattern through getUserMedia, the
 * permission granted without a prompt): enroll, sign in, open Photo, scan-or-type the parcel, one tap: the still is
 * drawn to the canvas, sent as image/jpeg and kept by the gateway, a real JPEG that decodes. The viewfinder and the
 * buttons keep their place from the empty screen, through the live camera, to the still being sent.
 */
class PhotoPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void aPhotoTakenWithTheRearCameraIsSentAndKeptAndNothingMovesUnderTheThumb() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of());
                HeadlessChrome chrome = new HeadlessChrome(null, true, 480, 900, List.of(
                        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"))) {
            WebDriverWait wait = new WebDriverWait(chrome.driver, WAIT);
            HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment-codes", TestGateway.ADMIN_TOKEN,
                    "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
            assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
            // 127.0.0.1 over plain HTTP is a secure context: getUserMedia is offered, as on HTTPS
            chrome.driver.get(gateway.url("/pick/"));
            awaitScreen(chrome, wait, "enroll");
            el(chrome, "enroll-code").sendKeys(TestGateway.field(code.body(), "code"));
            el(chrome, "enroll-device").clear(); // the page suggests a name; this PDA is named by site IT
            el(chrome, "enroll-device").sendKeys("pda-cam");
            el(chrome, "enroll-submit").click();
            awaitScreen(chrome, wait, "login");
            el(chrome, "badge").sendKeys("U-42");
            el(chrome, "login-submit").click();
            awaitScreen(chrome, wait, "list");

            el(chrome, "list-photo").click();
            awaitScreen(chrome, wait, "photo");
            Rectangle viewfinder = el(chrome, "photo-video").findElement(By.xpath("..")).getRect();
            Rectangle shoot = el(chrome, "photo-shoot").getRect();
            wait.withMessage(() -> "the camera on; hint: " + el(chrome, "photo-hint").getText() + "; console: "
                    + chrome.console()).until(d -> "on".equals(body(chrome, "camera")));
            assertThat(body(chrome, "photoMode")).isEqualTo("camera");
            assertThat(chrome.js("return document.getElementById('photo-video').videoWidth")).isNotEqualTo(0L);
            assertThat(el(chrome, "photo-video").findElement(By.xpath("..")).getRect()).isEqualTo(viewfinder);
            assertThat(el(chrome, "photo-shoot").getRect()).isEqualTo(shoot);
            assertThat(shoot.getHeight()).as("a large touch target").isGreaterThanOrEqualTo(48);

            el(chrome, "photo-shoot").click(); // no parcel yet: refused on the page, nothing sent
            wait.until(d -> "bad".equals(el(chrome, "feedback").getAttribute("data-kind")));
            assertThat(el(chrome, "feedback").getText()).contains("Scan or type the parcel first");

            el(chrome, "photo-parcel").sendKeys("P-CAM-1");
            // the shot list comes from the tenant's photo template, with the hints (the default one here)
            wait.until(d -> el(chrome, "photo-shot").getText().contains("label: Label side, the carrier's barcode"));
            new org.openqa.selenium.support.ui.Select(el(chrome, "photo-shot")).selectByValue("damage");
            el(chrome, "photo-shoot").click();
            wait.withMessage(() -> "a photo id; result: " + el(chrome, "photo-result").getText() + "; feedback: "
                    + el(chrome, "feedback").getText() + "; console: " + chrome.console())
                    .until(d -> body(chrome, "lastPhoto") != null);
            assertThat(el(chrome, "photo-result").getText()).contains("of P-CAM-1 (damage) kept at the gateway");
            assertThat(el(chrome, "photo-video").findElement(By.xpath("..")).getRect()).isEqualTo(viewfinder);
            assertThat(el(chrome, "photo-shoot").getRect()).isEqualTo(shoot);

            PhotoService photos = gateway.context().getBean(PhotoService.class);
            List<StoredPhoto> kept = photos.outbox().forParcel("acme", "P-CAM-1", 10);
            assertThat(kept).hasSize(1);
            StoredPhoto p = kept.get(0);
            assertThat(p.id()).isEqualTo(Long.parseLong(body(chrome, "lastPhoto")));
            assertThat(p.shot()).isEqualTo("damage");
            assertThat(p.warehouse()).isEqualTo("SH01");
            assertThat(p.state()).isEqualTo(PhotoState.PENDING);
            byte[] jpeg = Files.readAllBytes(photos.outbox().fileOf(p.sha256()));
            assertThat(jpeg.length).isEqualTo((int) p.size());
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
            assertThat(image).as("a JPEG that decodes").isNotNull();
            assertThat(image.getWidth()).as("the camera's frame, not an empty canvas")
                    .isEqualTo(((Number) chrome.js("return document.getElementById('photo-video').videoWidth"))
                            .intValue());

            el(chrome, "photo-back").click();
            awaitScreen(chrome, wait, "list");
            assertThat(body(chrome, "camera")).as("the camera is stopped off the photo screen").isEqualTo("off");
        }
    }

    private static WebElement el(HeadlessChrome chrome, String id) {
        return chrome.driver.findElement(By.id(id));
    }

    private static String body(HeadlessChrome chrome, String key) {
        Object v = chrome.js("return document.body.dataset[arguments[0]] || null", key);
        return v == null ? null : v.toString();
    }

    private static void awaitScreen(HeadlessChrome chrome, WebDriverWait wait, String screen) {
        wait.withMessage(() -> "screen " + screen + "; now " + body(chrome, "screen") + "; feedback: "
                + el(chrome, "feedback").getText() + "; console: " + chrome.console())
                .until(d -> screen.equals(body(chrome, "screen")));
    }
}
