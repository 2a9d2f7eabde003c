package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.tls.Fingerprints;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.OpState;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.testing.TcpRelay;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The picker app in a real headless Chromium over HTTPS with the gateway's own site CA, through a link the test can
 * cut, against a gateway whose core (a {@link FakeCore}) applies picks and rejects those of an out-of-stock SKU.
 * Every request that is not for the gateway goes to a dead proxy. The tests follow one PDA through its day, in order:
 * enrollment, sign-in, a pick while the link is down, a rejection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PickPageBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String GTIN = "09501101530003";

    Path dataDir;
    FakeCore core;
    TestGateway gateway;
    TcpRelay link;
    HeadlessChrome chrome;
    String origin;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("fg-pick-test");
        core = new FakeCore();
        core.outOfStock.add("SKU-LOW");
        gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true, "fg.core.url", core.url(),
                "fg.core.key-id", "gw-test", "fg.core.secret", "secret-0123456789abcdef", "fg.sync.backoff-min",
                "100ms", "fg.sync.backoff-max", "500ms", "fg.sync.poll-interval", "1s"));
        gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                new SkuItem("acme", "SKU-123", "Blue widget", "EA", List.of(GTIN), List.of("WIDGET-B")),
                new SkuItem("acme", "SKU-LOW", "Last one", "EA", List.of(), List.of()),
                new LocationItem("acme", "SH01", "A-01-03", "BIN"),
                new LocationItem("acme", "SH01", "B-02-01", "BIN"),
                new OrderItem("acme", "SH01", "SO-1", "RESERVED", List.of(
                        new OrderLine(1, "SKU-123", 3, 3, 0, "A-01-03"),
                        new OrderLine(2, "SKU-LOW", 1, 1, 0, "B-02-01")))));
        link = new TcpRelay(Integer.parseInt(gateway.httpsUrl("").replaceAll(".*:", "")));
        origin = "https://127.0.0.1:" + link.port();
        SiteCertificates certs = gateway.context().getBean(SiteCertificates.class);
        chrome = new HeadlessChrome(Fingerprints.spkiSha256(certs.caCertificate()), true, 480, 900);
        wait = new WebDriverWait(chrome.driver, WAIT);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (chrome != null) {
                chrome.close();
            }
        } finally {
            if (link != null) {
                link.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (core != null) {
                core.close();
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A scanner in keystroke mode: every key at once, then Enter. */
    void scan(String data) {
        new Actions(chrome.driver).sendKeys(data + Keys.ENTER).perform();
    }

    /** A person: 150 ms between keys. */
    void typeSlowly(String text) {
        Actions a = new Actions(chrome.driver);
        for (char c : text.toCharArray()) {
            a.sendKeys(String.valueOf(c)).pause(Duration.ofMillis(150));
        }
        a.perform();
    }

    WebElement el(String id) {
        return chrome.driver.findElement(By.id(id));
    }

    String body(String data) {
        Object v = chrome.js("return document.body.dataset[arguments[0]] || null", data);
        return v == null ? null : v.toString();
    }

    void awaitScreen(String screen) {
        wait.withMessage(() -> "screen " + screen + "; now " + body("screen") + "; last scan " + body("lastScan")
                + "; feedback: "
                + el("feedback").getText() + "; console: " + chrome.console()).until(d -> screen.equals(body("screen")));
    }

    void awaitStep(String step) {
        wait.withMessage(() -> "step " + step + "; now " + body("step") + "; feedback: " + el("feedback").getText())
                .until(d -> step.equals(body("step")));
    }

    /** What the app's IndexedDB queue holds (opIds). */
    @SuppressWarnings("unchecked")
    List<String> queuedInIndexedDb() {
        return (List<String>) chrome.jsAsync("const done = arguments[arguments.length - 1];"
                + "const r = indexedDB.open('floorgate-pick');"
                + "r.onsuccess = () => { const q = r.result.transaction('queue').objectStore('queue').getAllKeys();"
                + "  q.onsuccess = () => done(q.result); q.onerror = () => done(['error ' + q.error]); };"
                + "r.onerror = () => done(['error ' + r.error]);");
    }

    String queueShown() {
        return el("queue-count").getText();
    }

    // ---- the day of one PDA --------------------------------------------------------------------------------

    @Test
    @Order(1)
    void enrollsThroughThePageWhenTheQrIsScannedWhileAnotherFieldHasTheFocus() throws Exception {
        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment", TestGateway.ADMIN_TOKEN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        String qr = TestGateway.field(code.body(), "url");
        assertThat(qr).contains("/pick/#enroll=").contains("&fp=");

        chrome.driver.get(origin + "/pick/");
        awaitScreen("enroll");
        WebElement name = el("enroll-device");
        name.clear(); // (WebDriver's clear takes the focus away again)
        name.click();
        typeSlowly("pda-7");
        assertThat(name.getAttribute("value")).as("a person's typing stays in the field").isEqualTo("pda-7");
        assertThat(body("lastScan")).as("slow typing is not a scan").isNull();

        scan(qr); // the hardware scanner reads the QR while the name field still has the focus
        awaitScreen("login");
        assertThat(body("lastScan")).isEqualTo(qr);
        assertThat(name.getAttribute("value")).as("the scan did not land in the focused field").isEqualTo("pda-7");
        assertThat(el("enroll-code").getAttribute("value")).as("the scan went to the code field")
                .isEqualTo(TestGateway.field(code.body(), "code"));
        HttpResponse<String> devices = gateway.get("/api/v1/admin/devices", TestGateway.ADMIN_TOKEN);
        assertThat(devices.body()).contains("\"deviceId\":\"pda-7\"").contains("\"tenant\":\"acme\"");
    }

    @Test
    @Order(2)
    void slowTypingIsNotAScanAndAFastBurstWithEnterIs() {
        scan("U-42"); // the badge
        awaitScreen("list");
        wait.until(d -> !chrome.driver.findElements(By.cssSelector("#task-list button")).isEmpty());
        assertThat(el("who").getText()).contains("U-42").contains("pda-7");
        chrome.driver.findElement(By.cssSelector("#task-list button[data-task-id='SO-1/1']")).click();
        awaitStep("bin");

        typeSlowly("A-01-03" + Keys.ENTER);
        assertThat(body("step")).as("a person typing the bin is not a scan").isEqualTo("bin");
        assertThat(el("field-bin").getText()).isEmpty();

        scan("A-01-03");
        awaitStep("item");
        assertThat(el("field-bin").getText()).isEqualTo("A-01-03");
        assertThat(el("feedback").getAttribute("class")).contains("ok");
        chrome.screenshot("pick");
        scan("B-02-01-X");
        wait.until(d -> el("feedback").getAttribute("class").contains("bad"));
        assertThat(el("feedback").getText()).contains("Unknown barcode");
        scan("A-01-03");
        wait.until(d -> el("feedback").getText().contains("already confirmed"));
    }

    @Test
    @Order(3)
    void aPickMadeWhileTheLinkIsDownIsQueuedShownAndAppliedOnceAfter() throws Exception {
        link.cut();
        scan(GTIN); // no gateway: checked against the task's own GTINs
        awaitStep("qty");
        assertThat(el("feedback").getText()).contains("checked on this PDA");
        scan(GTIN); // a double read within the duplicate window counts once
        Thread.sleep(300);
        assertThat(el("qty").getAttribute("value")).isEqualTo("1");
        assertThat(body("duplicates")).isEqualTo("1");
        Thread.sleep(1100);
        scan(GTIN); // the second unit, after the window
        wait.until(d -> "2".equals(el("qty").getAttribute("value")));
        el("confirm").click();

        wait.until(d -> "1".equals(queueShown()));
        List<String> queued = queuedInIndexedDb();
        assertThat(queued).hasSize(1);
        String opId = queued.get(0);
        wait.until(d -> "offline".equals(el("net").getAttribute("data-state")));
        assertThat(core.arrivals(opId)).isZero();

        chrome.driver.navigate().refresh(); // still no gateway: the service worker serves the app
        wait.withMessage(() -> "app after reload; console " + chrome.console())
                .until(d -> "1".equals(queueShown()) && body("screen") != null && !"loading".equals(body("screen")));
        assertThat(queuedInIndexedDb()).containsExactly(opId);

        link.mend();
        wait.withMessage(() -> "queue drained; shown " + queueShown())
                .until(d -> "0".equals(queueShown()) && queuedInIndexedDb().isEmpty());
        SyncEngine sync = gateway.context().getBean(SyncEngine.class);
        wait.withMessage(() -> "op " + opId + " applied at the core")
                .until(d -> sync.outbox().find(opId).map(o -> o.state() == OpState.APPLIED).orElse(false));
        assertThat(core.arrivals(opId)).as("sent to the core once").isEqualTo(1);
        assertThat(sync.outbox().find(opId).orElseThrow().operation().qty()).isEqualTo(2L);
        assertThat(sync.outbox().find(opId).orElseThrow().operation().operator()).isEqualTo("U-42");
        assertThat(sync.stats().acceptedTotal()).as("acknowledged into the outbox once").isEqualTo(1);
    }

    @Test
    @Order(4)
    void aRejectionIsShownUntilThePickerAcknowledgesIt() throws Exception {
        awaitScreen("list"); // where the reload left the app
        wait.until(d -> !chrome.driver.findElements(By.cssSelector("#task-list button[data-task-id='SO-1/2']"))
                .isEmpty());
        chrome.driver.findElement(By.cssSelector("#task-list button[data-task-id='SO-1/2']")).click();
        awaitStep("bin");
        assertThat(el("task-sku").getText()).isEqualTo("SKU-LOW");
        scan("B-02-01");
        awaitStep("item");
        scan("SKU-LOW");
        awaitStep("qty");
        el("confirm").click();

        wait.withMessage(() -> "rejection shown; console " + chrome.console())
                .until(d -> el("rejection").isDisplayed());
        assertThat(el("rejection-text").getText()).contains("SKU-LOW").contains("B-02-01")
                .contains("INSUFFICIENT_STOCK").contains("usable 0 < requested 1");
        chrome.screenshot("pick-rejection");
        scan("B-02-01");
        assertThat(el("rejection").isDisplayed()).as("a scan does not dismiss it").isTrue();

        el("rejection-ack").click();
        wait.until(d -> !el("rejection").isDisplayed());
        wait.withMessage(() -> "acknowledged at the gateway").until(d -> {
            try {
                String overview = gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).body();
                return overview.contains("\"acknowledgedBy\":\"U-42@pda-7\"");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    @Order(5)
    void theAppAskedNothingOfAnyHostButTheGateway() {
        // chrome:// URLs are the browser's own pages (its new-tab page), never a network request.
        List<String> urls = chrome.requestedUrls().stream().filter(u -> !u.startsWith("chrome://")).toList();
        assertThat(urls).isNotEmpty();
        assertThat(urls).allSatisfy(u -> assertThat(u).matches("(" + java.util.regex.Pattern.quote(origin)
                + "/|data:|blob:).*"));
        assertThat(chrome.console()).as("no content security policy violation").noneMatch(m ->
                m.contains("Content Security Policy"));
    }
}
