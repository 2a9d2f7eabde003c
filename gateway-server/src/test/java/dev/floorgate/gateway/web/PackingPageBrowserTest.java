package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScaleSimulator;
import dev.floorgate.gateway.TestGateway;
import dev.floorgate.sync.ParcelBook;
import dev.floorgate.testing.TcpRelay;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The picker app's Pack screen in a real headless Chromium against a gateway (offline from any core: shipments wait
 * in parcels.db) with a real scale simulator over TCP (MT-SICS), a printer simulator, the documented example rate
 * cards as tenant acme's and two RECEIVED parcels of customer C-1042 in the parcel cache (as PackingApiTest seeds
 * them). In order: scale and printer set on the screen, the customer scanned lists both parcels selected, a parcel
 * scanned leaves the carton and comes back, Weigh shows the simulator's weight, dimensions and destination typed,
 * Quote lists the carriers with the cheapest marked, Ship shows the gateway's reference and the label with it
 * reaches the printer simulator; shipping the same parcels again is refused naming the parcel; a scale sending
 * garbage is said in words; a cut link says nothing was shipped; the fields, lists, panel and buttons never move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackingPageBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path EXAMPLE_CARDS = Path.of("..", "docs", "examples", "rate-cards", "acme");

    Path dir;
    Path captured;
    ScaleSimulator scale;
    PrinterSimulator printer;
    TestGateway gateway;
    TcpRelay link;
    HeadlessChrome chrome;
    String origin;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("fg-packing-page-test");
        Path cards = dir.resolve("rate-cards");
        copyTree(EXAMPLE_CARDS, cards.resolve("acme"));
        Path data = dir.resolve("data");
        seedParcels(data);
        captured = dir.resolve("labels");
        scale = ScaleSimulator.listen(0).protocol(ScaleOptions.Protocol.SICS).start();
        scale.weight("2.35");
        printer = PrinterSimulator.builder().captureDir(captured).start();
        Map<String, Object> config = new HashMap<>();
        config.put("fg.rate-cards-dir", cards.toString());
        config.put("fg.scales.pack-scale.url", "tcp://127.0.0.1:" + scale.port()
                + "?protocol=sics&answerTimeout=300ms&reconnectMin=50ms&reconnectMax=200ms");
        config.put("fg.packing.scale-wait", "2s");
        config.put("fg.printers.pack-1.url", "tcp://127.0.0.1:" + printer.port()
                + "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms");
        gateway = new TestGateway(data, config);
        link = new TcpRelay(Integer.parseInt(gateway.url("").replaceAll(".*:", "").replace("/", "")));
        origin = "http://127.0.0.1:" + link.port();
        chrome = new HeadlessChrome(null, true, 480, 900);
        wait = new WebDriverWait(chrome.driver, WAIT);
    }

    /** The parcel cache as the core's feed would have filled it: two waiting parcels of C-1042, one of another. */
    static void seedParcels(Path data) throws Exception {
        Files.createDirectories(data);
        Path file = data.resolve("parcels.db");
        ParcelBook.open(file, null, Clock.systemUTC()).close(); // the schema, as the gateway makes it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement ps = c.prepareStatement("INSERT INTO parcels (tenant, tracking_key, warehouse, "
                        + "parcel_id, carrier, state, customer, customer_name, location, seq) VALUES "
                        + "(?, ?, ?, ?, 'UPS', 'RECEIVED', ?, 'Jane Doe', ?, ?)")) {
            Object[][] rows = {{"acme", "1Z5R89390357567127", "SH01", "P01", "C-1042", "SHELF-B-2", 1},
                {"acme", "LX123456785CN", "SH01", "P02", "C-1042", "SHELF-A-1", 2},
                {"acme", "9200190132607600833457", "SH01", "P04", "C-200", "SHELF-A-2", 3}};
            for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    ps.setObject(i + 1, r[i]);
                }
                ps.executeUpdate();
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        try (AutoCloseable s = scale; AutoCloseable p = printer; AutoCloseable g = gateway; AutoCloseable l = link;
                AutoCloseable c = chrome) {
            // closed in reverse order: the browser first, the devices last
        }
    }

    @Test
    void aCustomersParcelsAreWeighedQuotedAndShippedOnceWithErrorsInWordsWhileNothingMoves() throws Exception {
        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment-codes", TestGateway.ADMIN_TOKEN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        chrome.driver.get(origin + "/pick/");
        awaitScreen("enroll");
        el("enroll-code").sendKeys(TestGateway.field(code.body(), "code"));
        el("enroll-device").clear();
        el("enroll-device").sendKeys("pda-pack");
        el("enroll-submit").click();
        awaitScreen("login");
        el("badge").sendKeys("U-42");
        el("login-submit").click();
        awaitScreen("list");

        el("list-pack").click();
        awaitScreen("pack");
        Map<String, Rectangle> layout = layout();
        assertThat(layout.get("pack-result").getHeight()).as("the panel has its size while empty").isGreaterThan(80);
        assertThat(el("pack-ship").isEnabled()).as("nothing quoted yet").isFalse();

        setField("pack-scale", "pack-scale");
        setField("pack-printer", "pack-1");
        wait.until(d -> el("feedback").getText().contains("labels on pack-1"));

        int n = answers();
        scan("C-1042");
        awaitPack("idle", n);
        assertThat(el("pack-head").getText()).isEqualTo("C-1042");
        List<WebElement> parcels = chrome.driver.findElements(By.cssSelector("#pack-parcels button"));
        assertThat(parcels).extracting(WebElement::getText).containsExactly(
                "P02 · SHELF-A-1 · LX123456785CN", "P01 · SHELF-B-2 · 1Z5R89390357567127");
        assertThat(parcels).allSatisfy(b -> assertThat(b.getAttribute("aria-pressed")).isEqualTo("true"));
        assertThat(el("pack-count").getText()).isEqualTo("2 of 2 selected");
        assertThat(layout()).isEqualTo(layout);

        scan("1Z5R89390357567127"); // a parcel's tracking number: it leaves the carton, and comes back
        wait.until(d -> "1 of 2 selected".equals(el("pack-count").getText()));
        assertThat(parcel("P01").getAttribute("aria-pressed")).isEqualTo("false");
        parcel("P01").click(); // a tap takes it back in
        wait.until(d -> "2 of 2 selected".equals(el("pack-count").getText()));

        n = answers();
        el("pack-weigh").click();
        awaitPack("idle", n);
        assertThat(body("packWeight")).isEqualTo("STABLE");
        assertThat(el("pack-head").getText()).isEqualTo("2.350 KG");
        assertThat(el("pack-kg").getAttribute("value")).isEqualTo("2.350");
        assertThat(el("pack-weight-state").getText()).contains("2350 g", "pack-scale", "stable");

        n = answers();
        el("pack-quote").click(); // no dimensions yet: said on the page, nothing sent
        awaitPack("error", n);
        assertThat(el("pack-line").getText()).contains("length in cm");
        assertThat(layout()).isEqualTo(layout);

        setField("pack-length", "40");
        setField("pack-width", "30");
        setField("pack-height", "20");
        setField("pack-country", "de");
        setField("pack-postcode", "80331");
        setField("pack-to-name", "Jane Doe");
        setField("pack-to-street", "Marienplatz 1");
        setField("pack-to-city", "Muenchen");
        n = answers();
        el("pack-quote").click();
        awaitPack("idle", n);
        assertThat(el("pack-head").getText()).matches("\\d+ PRICE\\(S\\)");
        List<WebElement> quotes = chrome.driver.findElements(By.cssSelector("#pack-quotes button"));
        assertThat(quotes).as(el("pack-quotes").getText()).hasSizeGreaterThanOrEqualTo(2);
        WebElement cheapest = quotes.get(0);
        assertThat(cheapest.getAttribute("data-cheapest")).isEqualTo("true");
        assertThat(cheapest.getText()).contains("dpd", "CHEAPEST", "EUR", "day(s)");
        WebElement dhl = chrome.driver.findElement(By.cssSelector("#pack-quotes button[data-fastest='true']"));
        assertThat(dhl.getText()).contains("dhl express", "FASTEST");
        chrome.screenshot("pick-pack-quotes");
        assertThat(layout()).isEqualTo(layout);

        dhl.click();
        wait.until(d -> el("pack-ship").isEnabled());
        assertThat(el("pack-ship").getText()).isEqualTo("Ship dhl");
        n = answers();
        el("pack-ship").click();
        awaitPack("shipped", n);
        String reference = el("pack-head").getText();
        assertThat(reference).matches("FG[0-9A-Z]{12}").isEqualTo(body("packReference"));
        assertThat(el("pack-line").getText()).contains("dhl express", "EUR", "P02, P01");
        assertThat(el("pack-note").getText()).isEqualTo("Label printing on pack-1 · PENDING until the core answers");
        assertThat(el("pack-ship").isEnabled()).as("one tap ships once").isFalse();
        chrome.screenshot("pick-pack-shipped");
        assertThat(layout()).isEqualTo(layout);
        wait.withMessage("the shipping label at the printer simulator").until(d -> label().contains(reference));
        assertThat(label()).contains("DHL", "Jane Doe", "80331 Muenchen");

        // the same parcels again (a second tap on the price, a second packer): refused, naming the parcel
        chrome.driver.findElement(By.cssSelector("#pack-quotes button[data-fastest='true']")).click();
        n = answers();
        el("pack-ship").click();
        awaitPack("error", n);
        assertThat(el("pack-line").getText()).matches("Parcel P0[12] is already in a shipment");
        assertThat(el("feedback").getText()).contains("Not shipped: parcel P0");
        assertThat(layout()).isEqualTo(layout);
        HttpResponse<String> metrics = gateway.get("/metrics", null);
        assertThat(metrics.body()).contains("floorgate_shipments_pending 1");

        // the customer again: nothing waiting, the shipped parcels are held
        n = answers();
        scan("C-1042");
        awaitPack("error", n);
        assertThat(el("pack-line").getText()).contains("No parcels of this customer are waiting");
        assertThat(chrome.driver.findElements(By.cssSelector("#pack-parcels button"))).isEmpty();

        scale.fault(ScaleSimulator.Fault.GARBAGE);
        n = answers();
        el("pack-weigh").click();
        awaitPack("error", n);
        assertThat(body("packWeight")).isEqualTo("GARBAGE");
        assertThat(el("pack-head").getText()).isEqualTo("NO WEIGHT");
        assertThat(el("pack-weight-state").getText()).startsWith("Scale garbage:").contains("protocol");
        assertThat(feedbackKind()).isEqualTo("bad");
        assertThat(layout()).isEqualTo(layout);
        scale.fault(ScaleSimulator.Fault.NONE);

        link.cut();
        n = answers();
        scan("C-200");
        awaitPack("offline", n);
        assertThat(el("pack-line").getText()).contains("Gateway out of reach");
        assertThat(layout()).isEqualTo(layout);
        link.mend();
        n = answers();
        setField("pack-customer", "c-200"); // typed this time, lower case
        awaitPack("idle", n);
        assertThat(el("pack-customer").getAttribute("value")).isEqualTo("C-200");
        assertThat(el("pack-count").getText()).isEqualTo("1 of 1 selected");

        // Ship's answer is lost on the way back: the page cannot know, says so, and Ship again sends the same
        // confirmation (its opId): the gateway answers the shipment it stored, one shipment, one label
        n = answers();
        el("pack-quote").click();
        awaitPack("idle", n);
        chrome.driver.findElements(By.cssSelector("#pack-quotes button")).get(0).click();
        wait.until(d -> el("pack-ship").isEnabled());
        link.loseAnswers(true);
        n = answers();
        el("pack-ship").click();
        awaitPack("offline", n);
        assertThat(el("pack-note").getText()).contains("Ship again sends the same confirmation");
        assertThat(el("pack-ship").getText()).isEqualTo("Ship again");
        assertThat(el("pack-ship").isEnabled()).isTrue();
        assertThat(gateway.get("/metrics", null).body()).as("it did arrive").contains("floorgate_shipments_pending 2");
        assertThat(layout()).isEqualTo(layout);
        link.loseAnswers(false);
        link.cut(); // the stuck connections go, as after a Wi-Fi roam
        link.mend();
        n = answers();
        el("pack-ship").click();
        awaitPack("shipped", n);
        assertThat(el("pack-note").getText()).contains("it had arrived the first time");
        assertThat(el("pack-line").getText()).contains("P04");
        assertThat(el("pack-ship").isEnabled()).isFalse();
        assertThat(gateway.get("/metrics", null).body()).contains("floorgate_shipments_pending 2");
        String second = el("pack-head").getText();
        wait.withMessage("the second shipment's label").until(d -> label().contains(second));
        assertThat(label().split(second, -1)).as("one label for it").hasSize(2);
        assertThat(layout()).isEqualTo(layout);

        // scale and printer are this PDA's: still there after a reload
        chrome.driver.navigate().refresh();
        awaitScreen("list");
        el("list-pack").click();
        awaitScreen("pack");
        wait.until(d -> "pack-scale".equals(el("pack-scale").getAttribute("value")));
        assertThat(el("pack-printer").getAttribute("value")).isEqualTo("pack-1");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A scanner in keystroke mode: every key at once, then Enter. */
    void scan(String data) {
        chrome.js("document.activeElement && document.activeElement.blur()");
        new Actions(chrome.driver).sendKeys(data + Keys.ENTER).perform();
    }

    /**
     * A person typing into a field, 150 ms between keys, then leaving it. Not sendKeys: a burst of keys that fast
     * followed within the scanner's pause by a scan would be read as one scan (scan-capture.js).
     */
    void setField(String id, String text) {
        WebElement e = el(id);
        e.clear();
        e.click();
        Actions a = new Actions(chrome.driver);
        for (char c : text.toCharArray()) {
            a.sendKeys(String.valueOf(c)).pause(Duration.ofMillis(150));
        }
        a.perform();
        chrome.js("document.activeElement.blur()");
    }

    WebElement el(String id) {
        return chrome.driver.findElement(By.id(id));
    }

    WebElement parcel(String id) {
        return chrome.driver.findElement(By.cssSelector("#pack-parcels button[data-parcel-id='" + id + "']"));
    }

    String body(String key) {
        Object v = chrome.js("return document.body.dataset[arguments[0]] || null", key);
        return v == null ? null : v.toString();
    }

    String feedbackKind() {
        return el("feedback").getAttribute("data-kind");
    }

    String label() {
        try (Stream<Path> files = Files.isDirectory(captured) ? Files.list(captured) : Stream.empty()) {
            StringBuilder b = new StringBuilder();
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".zpl")).toList()) {
                b.append(Files.readString(p));
            }
            return b.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Where the fields, lists, panel and buttons are (they must not move). */
    Map<String, Rectangle> layout() {
        chrome.js("window.scrollTo(0, 0); document.querySelector('#screen-pack .content').scrollTop = 0");
        Map<String, Rectangle> m = new LinkedHashMap<>();
        for (String id : List.of("pack-scale", "pack-printer", "pack-customer", "pack-parcels", "pack-kg",
                "pack-weigh", "pack-weight-state", "pack-length", "pack-country", "pack-to-city", "pack-quotes",
                "pack-result", "pack-head", "pack-note", "pack-back", "pack-quote", "pack-ship")) {
            m.put(id, el(id).getRect());
        }
        return m;
    }

    void awaitScreen(String screen) {
        wait.withMessage(() -> "screen " + screen + "; now " + body("screen") + "; feedback: "
                + el("feedback").getText() + "; console: " + chrome.console()).until(d -> screen.equals(body("screen")));
    }

    int answers() {
        String n = body("packAnswers");
        return n == null ? 0 : Integer.parseInt(n);
    }

    /** Waits for a new answer in the panel (after the n-th) in the given state, the busy state cleared. */
    void awaitPack(String state, int n) {
        wait.withMessage(() -> "pack " + state + "; now " + body("pack") + ": " + el("pack-result").getText()
                + "; feedback: " + el("feedback").getText() + "; console: " + chrome.console())
                .until(d -> answers() > n && "false".equals(body("packBusy")) && state.equals(body("pack")));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
