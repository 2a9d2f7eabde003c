package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.parcels.ParcelService;
import dev.floorgate.sync.IntakeState;
import dev.floorgate.sync.ParcelIntake;
import dev.floorgate.testing.TcpRelay;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The picker app's Intake screen in a real headless Chromium, through a link the test can cut, against a gateway
 * whose core (a {@link FakeCore}) announced one parcel for customer C-1042 and refuses the intake of another. In
 * order: the shelf set on the screen (and kept across a reload), an announced parcel shows its owner, an unknown one
 * NO OWNER, the same parcel typed another way is a repeated scan, a bad scan, an unknown printer and a cut link are
 * said in words and nothing is stored for them, the Photo shortcut carries the parcel id; the result panel and the
 * buttons never move. Then site IT's page, signed in with a session, lists the no-owner parcel and the refused
 * intake with the core's words under Parcels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntakePageBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ANNOUNCED = "1Z5R89390357567127";
    static final String UNKNOWN = "RB123456785GB";
    static final String REFUSED = "EE123456785CN";

    Path dataDir;
    FakeCore core;
    TestGateway gateway;
    TcpRelay link;
    HeadlessChrome chrome;
    String origin;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("fg-intake-test");
        core = new FakeCore();
        core.announce(new FakeCore.Announced("acme", "SH01", ANNOUNCED, "P-1001", "UPS", "C-1042", "Jane Doe"));
        core.refuseIntake.add(REFUSED);
        gateway = new TestGateway(dataDir, Map.of("fg.core.url", core.url(), "fg.core.key-id", "gw-test",
                "fg.core.secret", "secret-0123456789abcdef", "fg.sync.backoff-min", "100ms", "fg.sync.backoff-max",
                "500ms", "fg.sync.poll-interval", "1s", "fg.web.admin-refresh", "1000ms"));
        link = new TcpRelay(Integer.parseInt(gateway.url("").replaceAll(".*:", "").replace("/", "")));
        origin = "http://127.0.0.1:" + link.port();
        chrome = new HeadlessChrome(null, true, 480, 900);
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

    @Test
    @Order(1)
    void aScanShowsWhoseParcelItIsOrNoOwnerAndErrorsInWordsWhileNothingMoves() throws Exception {
        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment-codes", TestGateway.ADMIN_TOKEN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        chrome.driver.get(origin + "/pick/");
        awaitScreen("enroll");
        el("enroll-code").sendKeys(TestGateway.field(code.body(), "code"));
        el("enroll-device").clear(); // the page suggests a name; this PDA is named by site IT
        el("enroll-device").sendKeys("pda-in");
        el("enroll-submit").click();
        awaitScreen("login");
        el("badge").sendKeys("U-42");
        el("login-submit").click();
        awaitScreen("list");
        // the enrolled PDA brings its tenant's parcel feed in: the announced parcel is in the gateway's cache
        ParcelService parcels = gateway.context().getBean(ParcelService.class);
        wait.withMessage("the announced parcel in the gateway's cache").until(d -> cached(parcels));

        el("list-intake").click();
        awaitScreen("intake");
        Map<String, Rectangle> layout = layout();
        assertThat(layout.get("intake-result").getHeight()).as("the panel has its size while empty")
                .isGreaterThan(100);

        scan(ANNOUNCED); // no shelf yet: refused on the page, nothing sent
        awaitIntake("error");
        assertThat(el("intake-owner").getText()).isEqualTo("NO SHELF");
        assertThat(feedbackKind()).isEqualTo("bad");
        assertThat(parcels.book().intakes(null, 10)).isEmpty();
        assertThat(layout()).isEqualTo(layout);

        el("intake-shelf").click();
        typeSlowly("shelf-a-3"); // a person: a fast burst would be a scan, which goes to the parcel, not the field
        el("intake-printer").click(); // the shelf field loses the focus: kept for this PDA
        typeSlowly("nowhere");
        chrome.js("document.activeElement.blur()");
        wait.until(d -> el("feedback").getText().contains("labels on nowhere"));
        assertThat(el("intake-shelf").getAttribute("value")).isEqualTo("SHELF-A-3");

        // a printer the gateway does not know: 400 naming it, nothing stored (another parcel than the last scan:
        // the same code again within the PDA's duplicate window counts once and is not sent)
        scan(UNKNOWN);
        awaitNote(UNKNOWN);
        assertThat(body("intake")).isEqualTo("error");
        assertThat(el("intake-owner").getText()).isEqualTo("NOT TAKEN IN");
        assertThat(el("intake-owner-name").getText()).contains("printer: no printer 'nowhere'");
        assertThat(parcels.book().intakes(null, 10)).isEmpty();
        assertThat(layout()).isEqualTo(layout);
        el("intake-printer").clear();
        chrome.js("document.activeElement.blur()");
        wait.until(d -> el("feedback").getText().contains("no label"));

        scan(ANNOUNCED);
        awaitIntake("owner");
        assertThat(el("intake-owner").getText()).isEqualTo("C-1042");
        assertThat(el("intake-owner-name").getText()).isEqualTo("Jane Doe");
        assertThat(el("intake-parcel").getText()).contains("P-1001", "UPS", ANNOUNCED);
        assertThat(el("intake-note").getText()).contains("Taken in on shelf SHELF-A-3");
        assertThat(body("intakeRepeated")).isEqualTo("false");
        assertThat(feedbackKind()).isEqualTo("ok");
        String firstOp = body("intakeOp");
        chrome.screenshot("pick-intake-owner");
        assertThat(layout()).isEqualTo(layout);

        scan(UNKNOWN);
        awaitIntake("no-owner");
        assertThat(el("intake-owner").getText()).isEqualTo("NO OWNER");
        assertThat(el("intake-owner-name").getText()).contains("no-owner shelf");
        assertThat(el("intake-parcel").getText()).contains(UNKNOWN, "UPU_S10");
        assertThat(feedbackKind()).as("the loud tone: another shelf").isEqualTo("bad");
        chrome.screenshot("pick-intake-no-owner");
        assertThat(layout()).isEqualTo(layout);

        // the same parcel typed from its text line, lower case: the same intake, nothing new stored
        scan(ANNOUNCED.toLowerCase(java.util.Locale.ROOT));
        awaitIntake("owner");
        wait.until(d -> "true".equals(body("intakeRepeated")));
        assertThat(body("intakeOp")).isEqualTo(firstOp);
        assertThat(el("intake-note").getText()).contains("Scanned before", "SHELF-A-3", "nothing new stored");
        assertThat(feedbackKind()).isEqualTo("again");
        assertThat(layout()).isEqualTo(layout);

        scan("ABCD"); // not a tracking number: the gateway's 400 in words
        awaitIntake("error");
        assertThat(el("intake-owner-name").getText()).contains("scan: not a tracking number");
        assertThat(el("feedback").getText()).contains("Not taken in");
        assertThat(layout()).isEqualTo(layout);

        scan(REFUSED); // taken in here; the core refuses it afterwards (site IT sees that, test 2)
        awaitIntake("no-owner");

        link.cut();
        scan("LX123456789DE");
        awaitIntake("offline");
        assertThat(el("intake-owner-name").getText()).contains("NOT taken in");
        assertThat(el("feedback").getText()).contains("out of reach");
        assertThat(layout()).isEqualTo(layout);
        link.mend();
        List<String> stored = parcels.book().intakes(null, 20).stream().map(ParcelIntake::trackingKey).toList();
        assertThat(stored).containsExactlyInAnyOrder(ANNOUNCED, UNKNOWN, REFUSED);

        // the shelf is this PDA's: still there after a reload
        chrome.driver.navigate().refresh();
        awaitScreen("list");
        el("list-intake").click();
        awaitScreen("intake");
        wait.until(d -> "SHELF-A-3".equals(el("intake-shelf").getAttribute("value")));
        assertThat(el("intake-photo").isEnabled()).as("no parcel shown yet").isFalse();

        // a shelf typed the moment the screen shows is never overwritten by the kept one arriving late (the page
        // audit met that: the screen shown first, the kept shelf filled in after, the typed one wiped): the
        // observer types in the same instant the screen changes, before any stored value could arrive
        el("intake-back").click();
        awaitScreen("list");
        chrome.js("new MutationObserver((changes, observer) => {"
                + " if (document.body.dataset.screen !== 'intake') return;"
                + " document.getElementById('intake-shelf').value = 'SHELF-B-1'; observer.disconnect(); })"
                + ".observe(document.body, { attributes: true, attributeFilter: ['data-screen'] })");
        el("list-intake").click();
        awaitScreen("intake");
        Thread.sleep(500); // time for a late fill to land, were there one
        assertThat(el("intake-shelf").getAttribute("value")).as("the shelf typed as the screen showed")
                .isEqualTo("SHELF-B-1");
        chrome.js("document.getElementById('intake-shelf').value = 'SHELF-A-3'");

        scan(ANNOUNCED);
        awaitIntake("owner");
        el("intake-photo").click();
        awaitScreen("photo");
        assertThat(el("photo-parcel").getAttribute("value")).isEqualTo("P-1001");
    }

    @Test
    @Order(2)
    void siteItSeesTheNoOwnerParcelAndTheRefusedIntakeUnderParcels() throws Exception {
        ParcelService parcels = gateway.context().getBean(ParcelService.class);
        wait.withMessage("the core answered every intake").until(d -> {
            try {
                return parcels.book().intakes(IntakeState.PENDING, 10).isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
        chrome.driver.get(origin + "/admin/");
        wait.until(d -> el("login").isDisplayed());
        el("login-password").sendKeys("floorgate");
        el("login-submit").click();
        wait.until(d -> el("password").isDisplayed());
        el("pw-new").sendKeys("receiving-dock-42");
        el("pw-repeat").sendKeys("receiving-dock-42");
        el("pw-submit").click();
        wait.until(d -> el("app").isDisplayed() && el("updated").getText().startsWith("Last updated"));
        String session = (String) chrome.js("return sessionStorage.getItem('fg-admin-token')");
        assertThat(session).startsWith("fgs_");
        assertThat(gateway.get("/api/v1/parcels/intakes?state=NO_OWNER", session).statusCode())
                .as("a site IT page session is accepted").isEqualTo(200);

        WebElement noOwner = wait.withMessage(() -> "no-owner row; section: " + el("parcels").getText())
                .until(d -> row("no-owner-rows", UNKNOWN));
        assertThat(noOwner.getText()).contains("P-NO-", UNKNOWN, "SHELF-A-3", "acme / SH01", "no owner (core)");
        assertThat(row("no-owner-rows", ANNOUNCED)).as("an owned parcel is not on the no-owner shelf").isNull();
        WebElement refused = row("refused-rows", REFUSED);
        assertThat(refused).isNotNull();
        assertThat(refused.getText()).contains("ALREADY_RECEIVED", "gw-other");
        assertThat(el("intakes-pending").getText()).isEqualTo("0");
        assertThat(el("no-owner-count").getText()).isEqualTo("(1)");
        assertThat(el("refused-count").getText()).isEqualTo("(1)");
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

    WebElement row(String tbody, String tracking) {
        List<WebElement> rows = chrome.driver.findElements(By.cssSelector("#" + tbody + " tr[data-tracking='"
                + tracking + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    String body(String key) {
        Object v = chrome.js("return document.body.dataset[arguments[0]] || null", key);
        return v == null ? null : v.toString();
    }

    String feedbackKind() {
        return el("feedback").getAttribute("data-kind");
    }

    boolean cached(ParcelService parcels) {
        try {
            return parcels.book().find("acme", ANNOUNCED).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the panel, the settings fields and the buttons are (they must not move). */
    Map<String, Rectangle> layout() {
        Map<String, Rectangle> m = new LinkedHashMap<>();
        for (String id : List.of("intake-shelf", "intake-printer", "intake-result", "intake-owner", "intake-note",
                "intake-back", "intake-type", "intake-photo")) {
            m.put(id, el(id).getRect());
        }
        return m;
    }

    void awaitScreen(String screen) {
        wait.withMessage(() -> "screen " + screen + "; now " + body("screen") + "; feedback: "
                + el("feedback").getText() + "; console: " + chrome.console()).until(d -> screen.equals(body("screen")));
    }

    /** Waits for the panel's state after a scan (the busy state in between is cleared first). */
    void awaitIntake(String state) {
        wait.withMessage(() -> "intake " + state + "; now " + body("intake") + ": " + el("intake-result").getText()
                + "; feedback: " + el("feedback").getText() + "; console: " + chrome.console())
                .until(d -> state.equals(body("intake")) && "false".equals(body("intakeBusy")));
    }

    void awaitNote(String text) {
        wait.withMessage(() -> "panel with " + text + "; now " + el("intake-result").getText())
                .until(d -> el("intake-parcel").getText().contains(text) && "false".equals(body("intakeBusy")));
    }
}
