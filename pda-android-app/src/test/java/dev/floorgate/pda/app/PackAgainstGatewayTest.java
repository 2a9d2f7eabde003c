package dev.floorgate.pda.app;

import static dev.floorgate.pda.app.AppTesting.click;
import static dev.floorgate.pda.app.AppTesting.text;
import static dev.floorgate.pda.app.AppTesting.typeAndEnter;
import static dev.floorgate.pda.app.AppTesting.view;
import static dev.floorgate.pda.app.AppTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.content.Intent;
import android.os.Looper;
import android.view.View;
import android.view.ViewGroup;
import android.widget.Button;
import android.widget.EditText;
import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScaleSimulator;
import dev.floorgate.pda.app.internal.Pack;
import dev.floorgate.pda.app.internal.Picker;
import dev.floorgate.pda.app.internal.ScannerSetup;
import dev.floorgate.pda.app.internal.Ui;
import dev.floorgate.systemtests.Chain;
import dev.floorgate.testing.TcpRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;

/**
 * The packing station screen (issue 17 item 3) against the real gateway (its jar, HTTPS with its own site CA) and the
 * real core (Redis, MariaDB), with the documented example rate cards as tenant acme's and a scale simulator speaking
 * MT-SICS over TCP. The parcels come the real way: announced at the core, scanned in at the gateway, received by the
 * core, back in the gateway's cache from the feed. The PDA reaches the gateway through a relay that can lose the
 * answers. A customer's parcels are listed, toggled by a scan, weighed, quoted (cheapest and fastest marked; a change
 * to the carton clears the prices), shipped: the reference shows, the core has one shipment for them. A lost answer
 * gives "Ship again", which sends the same confirmation: the gateway answers the first shipment (repeated), and the
 * core has one. A parcel another station shipped first is named in words.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35, qualifiers = "w360dp-h640dp")
public class PackAgainstGatewayTest {
    private static final Path EXAMPLE_CARDS = Paths.get("..", "docs", "examples", "rate-cards", "acme");
    private static Path dir;
    private static Chain chain;
    private static ScaleSimulator scale;
    private static PrinterSimulator printer;
    private static Path labels;
    private static TcpRelay relay;
    private static String station;

    @BeforeClass
    public static void startChain() throws Exception {
        dir = Files.createTempDirectory("fg-app-pack-");
        chain = new Chain(dir).startCore();
        chain.seed("acme", 1);
        String[][] announced = {{"C-300", "1Z5R89390357567127"}, {"C-300", "LX123456785CN"},
            {"C-301", "RB123456785GB"}};
        for (String[] a : announced) {
            chain.coreApi.ok("POST", "/v1/parcels/announcements", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                    + "\"customer\":\"" + a[0] + "\",\"customerName\":\"Ana\",\"trackingNumber\":\"" + a[1] + "\"}");
        }
        scale = ScaleSimulator.listen(0).protocol(ScaleOptions.Protocol.SICS).start();
        scale.weight("2.35");
        labels = dir.resolve("labels");
        printer = PrinterSimulator.builder().captureDir(labels).start();
        Path cards = dir.resolve("rate-cards").resolve("acme");
        try (Stream<Path> s = Files.walk(EXAMPLE_CARDS)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = cards.resolve(EXAMPLE_CARDS.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        // as site IT configures a station: a YAML file named by MICRONAUT_CONFIG_FILES (API.md "Packing station")
        Path config = dir.resolve("packing.yml");
        Files.writeString(config, "fg:\n  rate-cards-dir: " + dir.resolve("rate-cards") + "\n  scales:\n"
                + "    pack-scale:\n      url: tcp://127.0.0.1:" + scale.port()
                + "?protocol=sics&answerTimeout=300ms&reconnectMin=50ms&reconnectMax=200ms\n"
                + "  printers:\n    pack-1:\n      url: tcp://127.0.0.1:" + printer.port()
                + "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms\n"
                + "  packing:\n    scale-wait: 2s\n");
        chain.gatewayEnv("MICRONAUT_CONFIG_FILES", config.toString()).gatewayEnv("FG_SYNC_WAREHOUSES", "SH01")
                .gatewayEnv("FG_SYNC_POLL_INTERVAL", "1s").startGateway();

        // the parcels scanned in at the gateway's intake; the core receives them, the feed brings them back RECEIVED
        station = chain.enroll("pda-intake", "acme");
        await("the announced parcels in the gateway's cache", () -> chain.gatewayGet("/metrics", null).body()
                .matches("(?s).*floorgate_parcels_cached [3-9].*"));
        for (String[] a : announced) {
            assertThat(chain.gatewayPost("/api/v1/parcels/intake", station, "{\"scan\":\"" + a[1]
                    + "\",\"location\":\"SHELF-A-1\"}").statusCode()).isEqualTo(201);
        }
        await("the parcels waiting for packing", () -> chain.gatewayGet("/api/v1/packing/parcels?customer=C-300",
                station).body().split("parcelId").length == 3 && chain.gatewayGet(
                "/api/v1/packing/parcels?customer=C-301", station).body().contains("parcelId"));
    }

    @AfterClass
    public static void stopChain() throws Exception {
        try (AutoCloseable s = scale; AutoCloseable p = printer; AutoCloseable r = relay; AutoCloseable c = chain) {
            // closed in reverse order
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void weighQuoteAndShipOnceEvenWhenTheAnswerIsLost() throws Exception {
        AppTesting.softwareTokenKey();
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        Picker picker = ((PickerApp) a.getApplication()).picker();
        Pack pack = picker.pack();

        // enrolled through the relay: the QR's link with the relay's port (same host: TLS and the pin as on Wi-Fi)
        String link = Chain.field(chain.gatewayPost("/api/v1/admin/enrollment", Chain.ADMIN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}").body(), "url");
        int httpsPort = Integer.parseInt(link.replaceFirst("^https://[^/]*:(\\d+)/.*$", "$1"));
        String host = link.replaceFirst("^https://\\[?([^/\\]]*?)\\]?:\\d+/.*$", "$1");
        relay = new TcpRelay(java.net.InetAddress.getByName(host), httpsPort);
        ((EditText) view(a, "enroll-link")).setText(link.replaceFirst(":" + httpsPort + "/", ":" + relay.port()
                + "/"));
        ((EditText) view(a, "enroll-device")).setText("pda-pack-1");
        click(a, "enroll-submit");
        waitUntil(a, "the sign-in screen", 30_000, () -> text(a, "title").equals("Scan your badge") && !picker.busy());
        typeAndEnter(a, "scan-field", "B-30");
        waitUntil(a, "the pick list", 30_000, () -> text(a, "title").equals("Pick list"));

        click(a, "open-pack");
        assertThat(text(a, "title")).isEqualTo("Pack");
        ((EditText) view(a, "pack-scale")).setText("pack-scale");
        assertThat(picker.settings().packScale()).isEqualTo("pack-scale");
        assertThat(view(a, "pack-to-name").isShown()).as("no printer: no ship-to lines").isFalse();
        ((EditText) view(a, "pack-printer")).setText("pack-1");
        assertThat(view(a, "pack-to-name").isShown()).as("a printer: the label's ship-to lines").isTrue();
        ((EditText) view(a, "pack-printer")).setText("");
        assertThat(picker.settings().packPrinter()).isEmpty();
        int panelHeight = view(a, "pack-head").getHeight() + view(a, "pack-line").getHeight()
                + view(a, "pack-note").getHeight();
        assertThat(panelHeight).as("laid out").isGreaterThan(0);

        // the customer typed in lower case; both parcels listed and selected; a scan of one toggles it
        typeAndEnter(a, "scan-field", "c-300");
        waitUntil(a, "C-300's parcels", 30_000, () -> text(a, "pack-count").equals("C-300: 2 of 2 selected"));
        assertThat(text(a, "pack-head")).isEqualTo("C-300");
        String lx = parcelIdOf(pack, "LX123456785CN");
        scan(a, "LX123456785CN");
        assertThat(text(a, "pack-count")).isEqualTo("C-300: 1 of 2 selected");
        assertThat(text(a, "pack-parcel:" + lx)).startsWith("\u2717 " + lx);
        click(a, "pack-parcel:" + lx);
        assertThat(text(a, "pack-count")).isEqualTo("C-300: 2 of 2 selected");

        // weighed on the station's scale; the carton typed; prices, cheapest first, marked
        int answers = pack.answers();
        click(a, "pack-weigh");
        waitUntil(a, "the weight", 30_000, () -> pack.answers() > answers);
        assertThat(text(a, "pack-kg")).isEqualTo("2.350");
        assertThat(text(a, "pack-weight-state")).isEqualTo("2350 g from pack-scale, stable");
        type(a, "pack-length", "40");
        type(a, "pack-width", "30");
        type(a, "pack-height", "20");
        type(a, "pack-country", "de");
        type(a, "pack-postcode", "80331");
        quote(a, pack);
        assertThat(text(a, "pack-quote:0")).startsWith("dpd classic").contains("CHEAPEST");
        assertThat(pack.quotes()).anySatisfy(q -> assertThat(q.fastest()).isTrue());
        assertThat(text(a, "pack-head")).isEqualTo(pack.quotes().size() + " PRICE(S)");
        assertThat(text(a, "pack-note")).isEqualTo("2 parcel(s), 2.350 kg");
        // a change to the carton makes the prices stale
        type(a, "pack-height", "25");
        assertThat(pack.quotes()).isEmpty();
        assertThat(AppTesting.text(a, "pack-quote:0")).isEqualTo("<none>");
        assertThat(((Button) view(a, "pack-ship")).isEnabled()).isFalse();
        quote(a, pack);
        click(a, "pack-quote:0");
        assertThat(text(a, "pack-ship")).isEqualTo("Ship dpd classic");
        // this shipment's label on the station's printer, with the ship-to lines the label needs
        ((EditText) view(a, "pack-printer")).setText("pack-1");
        type(a, "pack-to-name", "Ana Example");
        type(a, "pack-to-street", "Marienplatz 1");
        type(a, "pack-to-city", "Muenchen");
        assertThat(pack.chosen()).as("the ship-to lines are the label's: the price stays").isNotNull();

        // Ship's answer is lost on the way back: the screen cannot know, says so, and offers Ship again
        relay.loseAnswers(true);
        int beforeShip = pack.answers();
        click(a, "pack-ship");
        waitUntil(a, "the lost answer", 60_000, () -> pack.answers() > beforeShip);
        assertThat(text(a, "pack-head")).isEqualTo("OFFLINE");
        assertThat(text(a, "pack-note")).isEqualTo("It may have arrived: Ship again sends the same confirmation, "
                + "never a second shipment");
        assertThat(text(a, "pack-ship")).isEqualTo("Ship again");
        String opId = pack.unanswered().opId();
        assertThat(chain.gatewayGet("/api/v1/packing/parcels?customer=C-300", station).body())
                .as("it did arrive: the parcels are held by the stored shipment").doesNotContain("parcelId");
        relay.loseAnswers(false);
        relay.cut(); // the stuck connections go, as after a roam
        relay.mend();
        for (int attempt = 0; attempt < 3 && !text(a, "pack-head").matches("FG[0-9A-Z]{12}"); attempt++) {
            int n = pack.answers();
            click(a, "pack-ship"); // the same request, same opId, however often
            waitUntil(a, "the answer to Ship again", 60_000, () -> pack.answers() > n);
        }
        assertThat(text(a, "pack-head")).matches("FG[0-9A-Z]{12}");
        assertThat(text(a, "pack-line")).startsWith("dpd classic \u00b7 ").contains(lx);
        // the repeat answers the shipment as it is now: the core may have created it meanwhile
        assertThat(text(a, "pack-note")).matches("Label printing on pack-1 \u00b7 (PENDING until the core answers"
                + "|CREATED at the core) \u00b7 it had arrived the first time");
        String reference = text(a, "pack-head");
        await("the shipment's label", () -> labelsWith(reference) == 1);
        assertThat(labelsWith("Ana Example")).isEqualTo(1);
        assertThat(((Button) view(a, "pack-ship")).isEnabled()).isFalse();
        assertThat(a.feedbackForTests().last()).isEqualTo(dev.floorgate.pda.app.internal.Feedback.Kind.GOOD);
        // the gateway sends it to the core: one shipment for C-300, under the PDA's opId
        await("the shipment at the core", () -> coreShipments("C-300") == 1);
        assertThat(coreShipmentsWithOpId(opId)).isEqualTo(1);
        assertThat(chain.gatewayGet("/metrics", null).body()).contains("floorgate_shipments_refused 0");

        assertThat(labelsWith(reference)).as("one label: the retry's job is the first one").isEqualTo(1);

        // another station ships C-301's parcel between this PDA's quote and its Ship: named in words
        ((EditText) view(a, "pack-printer")).setText("");
        typeAndEnter(a, "scan-field", "C-301");
        waitUntil(a, "C-301's parcel", 30_000, () -> text(a, "pack-count").equals("C-301: 1 of 1 selected"));
        String rb = parcelIdOf(pack, "RB123456785GB");
        quote(a, pack);
        click(a, "pack-quote:0");
        String rival = "{\"customer\":\"C-301\",\"parcels\":[\"" + rb + "\"],\"carrier\":\"" + pack.chosen().carrier()
                + "\",\"service\":\"" + pack.chosen().service() + "\",\"version\":" + pack.chosen().version()
                + ",\"weightGrams\":2350,\"lengthMm\":400,\"widthMm\":300,\"heightMm\":250,\"country\":\"DE\","
                + "\"postcode\":\"80331\"}";
        assertThat(chain.gatewayPost("/api/v1/packing/shipments", station, rival).statusCode()).isEqualTo(201);
        int beforeConflict = pack.answers();
        click(a, "pack-ship");
        waitUntil(a, "the conflict", 30_000, () -> pack.answers() > beforeConflict);
        assertThat(text(a, "pack-head")).isEqualTo("NOT SHIPPED");
        assertThat(text(a, "pack-line")).isIn("Parcel " + rb + " is already in a shipment",
                "Parcel " + rb + " is not known at this gateway");
        assertThat(text(a, "pack-note")).isEqualTo("List the customer again to see what is waiting");
        assertThat(a.feedbackForTests().last()).isEqualTo(dev.floorgate.pda.app.internal.Feedback.Kind.BAD);

        // 360x640 dp with gloves: every button and field at least 64 dp high, nothing wider than the screen, and
        // the answer panel the same height whatever it said
        assertThat(view(a, "pack-head").getHeight() + view(a, "pack-line").getHeight()
                + view(a, "pack-note").getHeight()).isEqualTo(panelHeight);
        checkTouchTargets(a, view(a, "title").getRootView());

        click(a, "pack-back");
        assertThat(text(a, "title")).isEqualTo("Pick list");
    }

    private static void quote(PickerActivity a, Pack pack) throws InterruptedException {
        int n = pack.answers();
        click(a, "pack-quote");
        waitUntil(a, "the prices", 30_000, () -> pack.answers() > n);
        assertThat(pack.quotes()).as(text(a, "pack-line")).isNotEmpty();
    }

    private static String parcelIdOf(Pack pack, String trackingKey) {
        return pack.parcels().stream().filter(p -> p.trackingKey().equals(trackingKey)).findFirst()
                .orElseThrow(() -> new AssertionError(trackingKey + " not listed")).parcelId();
    }

    private static void scan(PickerActivity a, String data) {
        Intent scan = new Intent(ScannerSetup.SCAN_ACTION);
        scan.putExtra("com.symbol.datawedge.data_string", data);
        scan.putExtra("com.symbol.datawedge.label_type", "LABEL-TYPE-CODE128");
        a.sendBroadcast(scan);
        shadowOf(Looper.getMainLooper()).idle();
    }

    private static void type(PickerActivity a, String tag, String value) {
        ((EditText) view(a, tag)).setText(value);
        shadowOf(Looper.getMainLooper()).idle();
    }

    private static void checkTouchTargets(PickerActivity a, View v) {
        int min = new Ui(a).dp(Ui.MIN_TOUCH_DP);
        int width = a.getWindow().getDecorView().getWidth();
        if (v.getVisibility() != View.VISIBLE) {
            return;
        }
        if (v instanceof Button || v instanceof EditText) {
            assertThat(v.getHeight()).as("height of " + v.getTag()).isGreaterThanOrEqualTo(min);
        }
        int[] at = new int[2];
        v.getLocationInWindow(at);
        assertThat(at[0] + v.getWidth()).as("right edge of " + v.getTag()).isLessThanOrEqualTo(width);
        if (v instanceof ViewGroup) {
            for (int i = 0; i < ((ViewGroup) v).getChildCount(); i++) {
                checkTouchTargets(a, ((ViewGroup) v).getChildAt(i));
            }
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long end = System.nanoTime() + 90_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited 90 s for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** How many labels the printer simulator printed that carry {@code text}. */
    private static long labelsWith(String text) throws java.io.IOException {
        if (!Files.isDirectory(labels)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> files = Files.list(labels)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".zpl") && Files.readString(p).contains(text)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long coreShipments(String customer) throws SQLException {
        return countInTenantSchema("SELECT COUNT(*) FROM %s.shipments WHERE customer = ?", customer);
    }

    private static long coreShipmentsWithOpId(String opId) throws SQLException {
        return countInTenantSchema("SELECT COUNT(*) FROM %s.shipments WHERE op_id = ?", opId);
    }

    /** A count in acme's tenant schema at the core (docs/TENANTS.md: schema {@code <core db>_t_acme}). */
    private static long countInTenantSchema(String sql, String arg) throws SQLException {
        String db = chain.db.jdbcUrl().replaceFirst("^.*/", "").replaceFirst("\\?.*$", "");
        try (Connection c = chain.db.connect();
                PreparedStatement ps = c.prepareStatement(String.format(sql, "`" + db + "_t_acme`"))) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException notYet) {
            if (notYet.getMessage().contains("doesn't exist")) {
                return 0; // the core makes the schema on the tenant's first write
            }
            throw notYet;
        }
    }
}
