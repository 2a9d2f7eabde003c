package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.stations.StationProblems;
import dev.floorgate.gateway.internal.tls.Fingerprints;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Site IT's page in a real headless Chromium over HTTPS with the gateway's site CA, through a link the test can cut,
 * with a printer simulator as the site's printer. Every request not for the gateway goes to a dead proxy. In order:
 * the page refuses without a sign-in, the first sign-in forces a new password, a printer going paper-out shows
 * within the refresh interval, a "may have printed" job is resolved by a click and audited, a code for a PDA is made
 * with its QR, printers are found, a parcel nobody announced shows under Parcels, and a gateway that stops
 * answering shows the stale-data banner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPageBrowserTest {
    static final Duration REFRESH = Duration.ofSeconds(1);
    static final Duration PRINTER_POLL = Duration.ofMillis(300);
    static final String NEW_PASSWORD = "warehouse-7-lights";

    Path dataDir;
    PrinterSimulator printer;
    TestGateway gateway;
    TcpRelay link;
    HeadlessChrome chrome;
    String origin;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("fg-admin-test");
        printer = PrinterSimulator.builder().captureDir(dataDir.resolve("labels")).discoveryPort(0)
                .model("ZD421-203dpi").serial("SIM0000042").firmware("V93.21.26Z").friendlyName("pack-sim").start();
        printer.clockOffset(Duration.ofDays(365)); // a printer a year ahead, which the gateway may not set
        gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.printers.pack-1.url", "tcp://127.0.0.1:" + printer.port() + "?pollInterval="
                        + PRINTER_POLL.toMillis() + "ms&statusTimeout=1s",
                "fg.printers.pack-1.description", "Packing line 1",
                "fg.web.admin-refresh", REFRESH.toMillis() + "ms",
                "fg.web.discovery-targets", "127.0.0.1", "fg.web.discovery-port", printer.discoveryPort(),
                "fg.web.discovery-timeout", "1s", "fg.clock.printer-check-interval", "1s"));
        link = new TcpRelay(Integer.parseInt(gateway.httpsUrl("").replaceAll(".*:", "")));
        origin = "https://127.0.0.1:" + link.port();
        SiteCertificates certs = gateway.context().getBean(SiteCertificates.class);
        chrome = new HeadlessChrome(Fingerprints.spkiSha256(certs.caCertificate()), true, 1280, 1500);
        wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(15));
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
            if (printer != null) {
                printer.close();
            }
        }
    }

    WebElement el(String id) {
        return chrome.driver.findElement(By.id(id));
    }

    List<WebElement> all(String css) {
        return chrome.driver.findElements(By.cssSelector(css));
    }

    /** The printer's badge, words and colour class, read in one go (the page refreshes it meanwhile). */
    String printerState() {
        return (String) chrome.js("const b = document.querySelector(\"#printer-rows tr[data-printer='pack-1'] "
                + ".printer-state\"); return b ? b.textContent + ' ' + b.className : '';");
    }

    @Test
    @Order(1)
    void refusesWithoutSignIn() throws Exception {
        assertThat(gateway.get("/api/v1/admin/overview", null).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/admin/overview", "fgs_made-up-session").statusCode()).isEqualTo(401);
        chrome.driver.get(origin + "/admin/");
        wait.until(d -> el("login").isDisplayed());
        assertThat(el("app").isDisplayed()).isFalse();
        assertThat(el("gw-name").getAttribute("textContent")).as("no data without a sign-in").isEqualTo("gateway");

        el("login-password").sendKeys("not-the-password");
        el("login-submit").click();
        wait.until(d -> el("login-message").getText().contains("wrong user name or password"));
        assertThat(el("app").isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void theFirstSignInMustChooseANewPassword() throws Exception {
        el("login-password").clear();
        el("login-password").sendKeys("floorgate");
        el("login-submit").click();
        wait.until(d -> el("password").isDisplayed());
        String token = (String) chrome.js("return sessionStorage.getItem('fg-admin-token')");
        HttpResponse<String> early = gateway.get("/api/v1/admin/overview", token);
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(early.body()).contains("PASSWORD_CHANGE_REQUIRED");

        el("pw-new").sendKeys(NEW_PASSWORD);
        el("pw-repeat").sendKeys(NEW_PASSWORD);
        el("pw-submit").click();
        wait.until(d -> el("app").isDisplayed() && el("updated").getText().startsWith("Last updated"));
        assertThat(gateway.get("/api/v1/admin/overview", token).statusCode()).isEqualTo(200);
        assertThat(el("gw-version").getText()).startsWith("version");
        assertThat(el("gw-ca").getText()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(el("core-state").getText()).contains("offline mode");
    }

    @Test
    @Order(3)
    void showsAPrinterGoingPaperOutWithinItsRefreshInterval() throws Exception {
        wait.until(d -> printerState().startsWith("ready"));
        assertThat(printerState()).contains("ok");
        wait.withMessage("model from ~HI").until(d -> all("#printer-rows tr[data-printer='pack-1'] td").get(2)
                .getText().contains("ZD421"));
        // a job that may have printed: while it sits in the printer's buffer (SENT), another printer takes the
        // address, so the label counter cannot tell whether it came out (PROTOCOLS.md 2.4)
        printer.labelMillis(5000);
        HttpResponse<String> job = gateway.post("/api/v1/print-jobs", TestGateway.ADMIN_TOKEN,
                "{\"jobId\":\"cut-1\",\"tenant\":\"acme\",\"printer\":\"pack-1\",\"template\":\"bin-location\","
                        + "\"data\":{\"bin\":\"A-01-03\",\"warehouse\":\"SH01\"}}");
        assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
        wait.withMessage("job cut-1 SENT").until(d -> {
            try {
                return gateway.get("/api/v1/print-jobs/cut-1", TestGateway.ADMIN_TOKEN).body()
                        .contains("\"state\":\"SENT\"");
            } catch (Exception e) {
                return false;
            }
        });
        printer.replacePrinter("SIM0000099", 0);
        printer.labelMillis(0);
        wait.withMessage("job cut-1 on the page").until(d ->
                !all("#maybe-printed tr[data-job-id='cut-1']").isEmpty());
        wait.until(d -> printerState().startsWith("ready"));

        long t0 = System.nanoTime();
        printer.paperOut(true);
        wait.withMessage(() -> "paper out shown; now " + printerState())
                .until(d -> printerState().startsWith("paper out"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(printerState()).contains("fault");
        assertThat(took).as("within the printer's poll plus the page's refresh interval")
                .isLessThan(PRINTER_POLL.plus(REFRESH).plusSeconds(2));
        wait.until(d -> !all("#attention-list li[data-kind='printer-faults']").isEmpty());
        assertThat(all("#attention-list li[data-kind='printer-faults'] a").get(0).getAttribute("href"))
                .endsWith("#printers");
        assertThat(all("#attention-list li[data-kind='maybe-printed']")).hasSize(1);
        chrome.js("window.scrollTo(0, 0)");
        chrome.screenshot("admin");
        printer.paperOut(false);
        wait.until(d -> printerState().startsWith("ready"));
    }

    @Test
    @Order(4)
    void aMaybePrintedJobIsResolvedByAClickAndAudited() throws Exception {
        WebElement row = all("#maybe-printed tr[data-job-id='cut-1']").get(0);
        row.findElement(By.cssSelector("button[data-action='mark-printed']")).click();
        wait.until(d -> row.getText().contains("Give a reason first"));
        row.findElement(By.cssSelector("input.reason")).sendKeys("label came out, checked at the printer");
        row.findElement(By.cssSelector("button[data-action='mark-printed']")).click();
        wait.until(d -> all("#maybe-printed tr[data-job-id='cut-1']").isEmpty());

        String stored = gateway.get("/api/v1/print-jobs/cut-1", TestGateway.ADMIN_TOKEN).body();
        assertThat(stored).contains("\"state\":\"PRINTED\"").contains("label came out, checked at the printer");
        wait.until(d -> !all("#audit-rows tr[data-action='print-job.mark-printed']").isEmpty());
        String audit = all("#audit-rows tr[data-action='print-job.mark-printed']").get(0).getText();
        assertThat(audit).contains("admin").contains("cut-1").contains("label came out, checked at the printer")
                .contains("200");
        assertThat(printer.labelCount()).as("marking printed prints nothing").isLessThanOrEqualTo(1);
    }

    @Test
    @Order(5)
    void makesAnEnrollmentCodeWithItsQrAndShowsTemplatesAndFindsPrinters() {
        el("enroll-tenant").sendKeys("acme");
        el("enroll-warehouse").sendKeys("SH01");
        el("enroll-create").click();
        wait.until(d -> el("enroll-result").isDisplayed());
        assertThat(el("enroll-code").getText()).matches("[0-9A-Z]{5}-[0-9A-Z]{5}");
        assertThat(all("#enroll-qr svg path")).hasSize(1);
        assertThat(el("enroll-left").getText()).contains("min");
        wait.until(d -> !all("#audit-rows tr[data-action='enrollment-code.create']").isEmpty());
        assertThat(all("#audit-rows tr[data-action='enrollment-code.create']").get(0).getText())
                .as("the code itself is not in the audit").doesNotContain(el("enroll-code").getText());

        wait.until(d -> {
            List<WebElement> imgs = all("#template-grid img");
            return !imgs.isEmpty() && imgs.stream().allMatch(i -> Long.valueOf(1).equals(
                    chrome.js("return arguments[0].complete && arguments[0].naturalWidth > 0 ? 1 : 0", i)));
        });

        // the Recent labels section makes the page taller: bring the button out from under the sticky nav first
        chrome.js("arguments[0].scrollIntoView({block: 'center'})", el("discover"));
        el("discover").click();
        wait.until(d -> el("discover-status").getText().contains("answered"));
        assertThat(el("discovered").getText()).contains("SIM0000042").contains("127.0.0.1");
    }

    @Test
    @Order(6)
    void failedStationScansShowUnderNeedsAttentionUntilAcknowledged() {
        StationProblems problems = gateway.context().getBean(StationProblems.class);
        problems.add("pack-1", "SO-NOPE-77", "no order, SKU or bin of tenant acme in warehouse SH01 matches the scan");
        wait.withMessage("station problem shown").until(d -> el("station-problems-box").isDisplayed());
        assertThat(el("station-problems").getText()).contains("pack-1").contains("SO-NOPE-77")
                .contains("matches the scan");
        assertThat(el("attention-list").getText()).contains("station scan(s) printed nothing");
        chrome.js("arguments[0].scrollIntoView({block: 'center'})", el("station-problems-ack")); // not under the nav bar
        el("station-problems-ack").click();
        wait.withMessage("station problems gone").until(d -> !el("station-problems-box").isDisplayed());
        assertThat(problems.list()).isEmpty();
        assertThat(el("attention-list").getText()).doesNotContain("station scan");
        wait.until(d -> !all("#audit-rows tr[data-action='station-problems.acknowledge']").isEmpty());
    }

    @Test
    @Order(8)
    void showsEachPrintersClockOffsetInItsRowAndInTheClocksSection() {
        String cell = "#printer-rows tr[data-printer='pack-1'] td.printer-clock";
        wait.withMessage("printer clock column").until(d -> !all(cell + " .badge").isEmpty()
                && all(cell + " .badge").get(0).getText().contains("s"));
        WebElement badge = all(cell + " .badge").get(0);
        assertThat(badge.getText()).as("a year ahead of core time, not set").matches("\\+3153(5|6)\\d{3} s");
        assertThat(badge.getAttribute("class")).contains("fault");
        assertThat(all(cell).get(0).getAttribute("title")).contains("fg.printers.NAME.set-clock");
        assertThat(all("#printer-rows thead th, #printers thead th").stream().map(WebElement::getText))
                .contains("Clock");
        wait.until(d -> all("#clock-rows tr").stream().anyMatch(r -> r.getText().contains("printer pack-1")));
        assertThat(all("#clock-rows tr").stream().filter(r -> r.getText().contains("printer pack-1")).findFirst()
                .orElseThrow().getText()).doesNotContain("set from core time");
        assertThat(printer.clockOffset().minusDays(365).abs()).as("left alone").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @Order(7)
    void aPrintedLabelShowsUnderRecentLabelsWithItsPreview() throws Exception {
        var posted = gateway.post("/api/v1/print-jobs", TestGateway.ADMIN_TOKEN, "{\"jobId\":\"recent-1\","
                + "\"printer\":\"pack-1\",\"tenant\":\"acme\",\"template\":\"bin-location\","
                + "\"data\":{\"bin\":\"A-01-07\",\"warehouse\":\"SH01\"}}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String fig = "#recent-labels figure[data-job-id='recent-1']";
        wait.withMessage("recent label with its preview").until(d -> {
            List<WebElement> imgs = all(fig + " img");
            return !imgs.isEmpty() && Long.valueOf(1).equals(chrome.js(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0 ? 1 : 0", imgs.get(0)));
        });
        assertThat(all(fig + " figcaption").get(0).getText()).contains("recent-1").contains("pack-1")
                .contains("bin-location");
        assertThat(el("recent-none").isDisplayed()).isFalse();
    }

    @Test
    @Order(9)
    void aParcelNobodyAnnouncedShowsOnTheNoOwnerShelfWhileItWaitsForTheCore() throws Exception {
        // this gateway has no core: the intake stays PENDING, its owner unknown; the page reads it with its session
        String pda = gateway.enroll("pda-dock", "acme", "SH01");
        HttpResponse<String> in = gateway.post("/api/v1/parcels/intake", pda,
                "{\"scan\":\"RB123456785GB\",\"location\":\"NO-OWNER-1\",\"station\":\"IN-1\"}");
        assertThat(in.statusCode()).as(in.body()).isEqualTo(201);
        String row = "#no-owner-rows tr[data-tracking='RB123456785GB']";
        wait.withMessage(() -> "no-owner row; section: " + el("parcels").getText()).until(d -> !all(row).isEmpty());
        assertThat(all(row).get(0).getText()).contains("NO-OWNER-1 at IN-1", "acme / SH01",
                "not announced, waiting for the core");
        assertThat(el("intakes-pending").getText()).isEqualTo("1");
        assertThat(el("no-owner-count").getText()).isEqualTo("(1)");
        assertThat(el("refused-none").isDisplayed()).isTrue();
    }

    @Test
    @Order(10)
    void showsAStaleDataBannerWhileTheGatewayDoesNotAnswer() throws Exception {
        assertThat(el("stale").isDisplayed()).isFalse();
        link.cut();
        wait.withMessage("stale banner").until(d -> el("stale").isDisplayed());
        assertThat(el("stale").getText()).contains("does not answer").contains("What you see is from");
        link.mend();
        wait.withMessage("banner gone").until(d -> !el("stale").isDisplayed());
    }

    @Test
    @Order(11)
    void thePageAskedNothingOfAnyHostButTheGateway() {
        List<String> urls = chrome.requestedUrls().stream().filter(u -> !u.startsWith("chrome://")).toList();
        assertThat(urls).isNotEmpty();
        assertThat(urls).allSatisfy(u -> assertThat(u).matches("(" + java.util.regex.Pattern.quote(origin)
                + "/|data:|blob:).*"));
        assertThat(chrome.console()).as("no content security policy violation").noneMatch(m ->
                m.contains("Content Security Policy"));
    }
}
