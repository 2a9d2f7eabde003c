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
import android.widget.EditText;
import dev.floorgate.pda.app.internal.Picker;
import dev.floorgate.pda.app.internal.ScannerSetup;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.systemtests.Chain;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The app's screens and logic under Robolectric, picking through the real gateway (its jar, HTTPS with its own site
 * CA) into the real core (Redis, MariaDB): enrollment from the QR's link with the CA pinned, a wrong pin refused,
 * badge sign-in, the pick list, a DataWedge bin scan, a typed item, a pick queued while the gateway is down and sent
 * when it is back, and a pick the core refuses shown as a rejection with what to do; parcel intake, and a photo of
 * the parcel taken with the device's camera app arriving at the gateway.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class PickerAgainstGatewayTest {
    private static Path dir;
    private static Chain chain;

    @BeforeClass
    public static void startChain() throws Exception {
        dir = Files.createTempDirectory("fg-app-");
        chain = new Chain(dir).startCore();
        chain.seed("acme", 2);
        chain.coreApi.ok("POST", "/v1/operations:batch", "{\"gatewayId\":\"gw-test\",\"operations\":["
                + Chain.receive(OperationIds.newId(), "acme", 0, 10) + ","
                + Chain.receive(OperationIds.newId(), "acme", 1, 1) + "]}");
        chain.coreApi.ok("POST", "/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-APP\","
                + "\"lines\":[{\"sku\":\"SKU-0\",\"qty\":2,\"location\":\"A-01-01\"},"
                + "{\"sku\":\"SKU-1\",\"qty\":1,\"location\":\"A-01-01\"}]}");
        // The gateway offers a newer app than the one under test (the pom's versionCode): the app says so on its list.
        Path offered = dir.resolve("offered.apk");
        Files.copy(java.nio.file.Paths.get(System.getProperty("fg.apk.file")), offered);
        Files.writeString(dir.resolve("offered.apk.properties"), "versionCode=99\nversionName=9.9.0\n");
        chain.gatewayEnv("FG_APK_PATH", offered.toString());
        chain.gatewayEnv("FG_SYNC_WAREHOUSES", "SH01").gatewayEnv("FG_SYNC_POLL_INTERVAL", "1s").startGateway();
    }

    @AfterClass
    public static void stopChain() throws Exception {
        if (chain != null) {
            chain.close();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String enrollmentLink() throws Exception {
        String body = chain.gatewayPost("/api/v1/admin/enrollment", Chain.ADMIN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}").body();
        return Chain.field(body, "url");
    }

    @Test
    public void aQrWithAnotherCasFingerprintIsRefusedAndNothingIsStored() throws Exception {
        AppTesting.softwareTokenKey();
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        String link = enrollmentLink();
        String forged = link.substring(0, link.indexOf("&fp=") + 4) + "00".repeat(32);
        ((EditText) view(a, "enroll-link")).setText(forged);
        ((EditText) view(a, "enroll-device")).setText("pda-forged");
        click(a, "enroll-submit");
        waitUntil(a, "the refusal", 30_000, () -> text(a, "message").contains("Not the enrolled gateway"));
        Picker picker = ((PickerApp) a.getApplication()).picker();
        assertThat(picker.screen()).isEqualTo(Picker.Screen.ENROLL);
        assertThat(picker.settings().enrolled()).isFalse();
    }

    @Test
    public void enrollSignInPickOfflineAndOnlineAndSeeARejection() throws Exception {
        AppTesting.softwareTokenKey();
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        Picker picker = ((PickerApp) a.getApplication()).picker();

        // Enrollment: the QR's link pasted, a name, Enroll. The token is stored sealed, never in clear.
        String link = enrollmentLink();
        // A restarted gateway must come back where the PDA enrolled it (Chain picks a new HTTPS port otherwise).
        String httpsPort = link.replaceFirst("^https://[^/]*:(\\d+)/.*$", "$1");
        chain.gatewayEnv("FG_GATEWAY_HTTPS_PORT", httpsPort);
        ((EditText) view(a, "enroll-link")).setText(link);
        ((EditText) view(a, "enroll-device")).setText("pda-app-1");
        click(a, "enroll-submit");
        waitUntil(a, "the sign-in screen", 30_000, () -> text(a, "title").equals("Scan your badge") && !picker.busy());
        String token = picker.settings().token();
        assertThat(token).isNotBlank();
        assertThat(picker.settings().sealedToken()).doesNotContain(token);
        assertThat(picker.settings().gatewayUrl()).startsWith("https://");

        // Badge sign-in (keyboard wedge: typed, Enter), then the list from the core's order.
        typeAndEnter(a, "scan-field", "B-17");
        waitUntil(a, "the pick list", 30_000, () -> text(a, "title").equals("Pick list"));
        waitUntil(a, "SO-APP's two lines on the list", 60_000, () -> {
            if (picker.flow().openTasks().size() < 2) {
                picker.refreshTasks();
                sleep(300);
                return false;
            }
            return true;
        });
        assertThat(text(a, "status")).contains("Queue 0").contains("B-17");
        waitUntil(a, "the newer app named", 10_000, () -> text(a, "list-age").contains(
                "A newer picker app (version 9.9.0, code 99) is on the gateway: https://"));
        assertThat(text(a, "list-age")).endsWith("/app/floorgate-picker.apk");

        // The gateway goes down: the bin comes by DataWedge, the item is checked on the PDA, the pick is queued.
        chain.gateway.kill9();
        Intent bin = new Intent(ScannerSetup.SCAN_ACTION);
        bin.putExtra("com.symbol.datawedge.data_string", "A-01-01");
        bin.putExtra("com.symbol.datawedge.label_type", "LABEL-TYPE-CODE128");
        a.sendBroadcast(bin);
        shadowOf(Looper.getMainLooper()).idle();
        assertThat(picker.screen()).isEqualTo(Picker.Screen.TASK);
        assertThat(text(a, "title")).isEqualTo("Scan item");
        String sku = picker.flow().current().sku();
        typeAndEnter(a, "scan-field", "WRONG-ITEM");
        waitUntil(a, "a wrong item refused", 30_000, () -> text(a, "message").startsWith("Not " + sku));
        typeAndEnter(a, "scan-field", sku);
        waitUntil(a, "the quantity step", 30_000, () -> text(a, "title").equals("Confirm quantity"));
        assertThat(text(a, "message")).contains("checked on this PDA");
        long want = picker.flow().remaining(picker.flow().current());
        for (long i = 1; i < want; i++) {
            click(a, "qty-plus");
        }
        click(a, "qty-plus"); // one more than the task asks for: refused, stays at the task's quantity
        assertThat(text(a, "message")).startsWith("Only " + want);
        assertThat(text(a, "qty")).isEqualTo(Long.toString(want));
        click(a, "confirm");
        waitUntil(a, "the pick in the queue", 10_000, () -> text(a, "status").startsWith("Queue 1"));

        // The gateway is back: the queue goes out by itself and the core applies the pick once.
        chain.startGateway();
        picker.wakeUp();
        waitUntil(a, "the queue sent", 90_000, () -> text(a, "status").startsWith("Queue 0"));
        waitUntil(a, "the pick applied at the core", 60_000, () -> ledger("'" + sku + "'", "APPLIED") == 1);

        // The next line's one unit is picked by another PDA first: the app's pick is refused by the core and shown.
        assertThat(picker.screen()).isEqualTo(Picker.Screen.TASK);
        String other = picker.flow().current().sku();
        String rival = chain.enroll("pda-rival", "acme");
        assertThat(chain.gatewayPost("/api/v1/operations", rival, "{\"opId\":\"" + OperationIds.newId()
                + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"PICK\",\"sku\":\"" + other
                + "\",\"qty\":1,\"location\":\"A-01-01\",\"orderNo\":\"SO-APP\"}").statusCode()).isEqualTo(202);
        waitUntil(a, "the rival's pick applied", 60_000, () -> ledger("'" + other + "'", "APPLIED") == 1);
        typeAndEnter(a, "scan-field", "A-01-01");
        typeAndEnter(a, "scan-field", other);
        waitUntil(a, "the quantity step", 30_000, () -> text(a, "title").equals("Confirm quantity"));
        click(a, "confirm");
        waitUntil(a, "the rejection", 120_000, () -> picker.rejection() != null);
        assertThat(text(a, "rejection-title")).isEqualTo("Not booked");
        assertThat(text(a, "rejection-text")).contains("Pick of 1 \u00d7 " + other + " at A-01-01 (order SO-APP)")
                .containsPattern("was not booked: [A-Z_]{4,}");
        assertThat(text(a, "rejection-more")).contains("Put the items back or ask your supervisor.");
        assertThat(a.feedbackForTests().last()).isEqualTo(dev.floorgate.pda.app.internal.Feedback.Kind.BAD);
        click(a, "rejection-ack");
        assertThat(picker.rejection()).isNull();
    }

    @Test
    public void aParcelScannedInShowsItsOwnerFromTheGatewaysCacheOrNoOwner() throws Exception {
        AppTesting.softwareTokenKey();
        chain.coreApi.ok("POST", "/v1/parcels/announcements", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"customer\":\"C-100\",\"customerName\":\"Ana\",\"trackingNumber\":\"1Z5R89390357567127\"}");
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        Picker picker = ((PickerApp) a.getApplication()).picker();
        String link = enrollmentLink();
        chain.gatewayEnv("FG_GATEWAY_HTTPS_PORT", link.replaceFirst("^https://[^/]*:(\\d+)/.*$", "$1"));
        ((EditText) view(a, "enroll-link")).setText(link);
        ((EditText) view(a, "enroll-device")).setText("pda-app-in");
        click(a, "enroll-submit");
        waitUntil(a, "the sign-in screen", 30_000, () -> text(a, "title").equals("Scan your badge") && !picker.busy());
        typeAndEnter(a, "scan-field", "B-18");
        waitUntil(a, "the pick list", 30_000, () -> text(a, "title").equals("Pick list"));
        // the gateway pulls the parcel feed of the enrolled PDA's tenant and warehouse
        waitUntil(a, "the announced parcel in the gateway's cache", 60_000, () -> {
            try {
                return chain.gatewayGet("/metrics", null).body().matches("(?s).*floorgate_parcels_cached [1-9].*");
            } catch (Exception e) {
                return false;
            }
        });

        click(a, "open-intake");
        assertThat(text(a, "title")).isEqualTo("Parcel intake");
        typeAndEnter(a, "scan-field", "1Z5R89390357567127");
        assertThat(text(a, "message")).startsWith("Set the shelf first");
        typeAndEnter(a, "intake-shelf", "SHELF-A-3");
        assertThat(picker.settings().intakeShelf()).isEqualTo("SHELF-A-3");
        // typed from the label's text line, with spaces and in lower case: the same parcel
        typeAndEnter(a, "scan-field", "1z 5r8 939 0357567127");
        waitUntil(a, "the owner", 30_000, () -> text(a, "intake-owner").equals("C-100  Ana"));
        assertThat(text(a, "intake-detail")).contains("Put it on shelf SHELF-A-3").contains("UPS 1Z5R89390357567127");
        assertThat(a.feedbackForTests().last()).isEqualTo(dev.floorgate.pda.app.internal.Feedback.Kind.GOOD);

        // its photo (issue 17): the Photo step from the intake, the device's camera app, and the gateway has it
        String parcelId = picker.intake().last().parcelId();
        assertThat(parcelId).as("the core's parcel id from the gateway's cache").isNotNull();
        AppTesting.installCameraApp(a);
        click(a, "intake-photos");
        waitUntil(a, "the parcel's shots", 30_000, () -> text(a, "photo-missing").startsWith("Missing: "));
        assertThat(text(a, "photo-parcel")).isEqualTo("Parcel " + parcelId);
        click(a, "photo-shot:label");
        byte[] photo = AppTesting.jpeg(800, 600, 17, false, 0.9f);
        AppTesting.cameraDelivers(a, AppTesting.startedCapture(a), photo);
        waitUntil(a, "the photo's receipt", 30_000, () -> text(a, "photo-result").startsWith("Photo "));
        String listed = chain.gatewayGet("/api/v1/photos?parcelId=" + parcelId, picker.settings().token()).body();
        assertThat(listed).contains("\"parcelId\":\"" + parcelId + "\"").contains("\"shot\":\"label\"")
                .contains("\"sha256\":\"" + AppTesting.sha256(photo) + "\"");
        click(a, "photo-back");
        assertThat(text(a, "title")).isEqualTo("Parcel intake");

        // nobody announced this one: NO OWNER, loud
        typeAndEnter(a, "scan-field", "RB123456785GB");
        waitUntil(a, "no owner", 30_000, () -> text(a, "intake-owner").equals("NO OWNER"));
        assertThat(text(a, "intake-detail")).contains("Put it on the no-owner shelf SHELF-A-3");
        assertThat(a.feedbackForTests().last()).isEqualTo(dev.floorgate.pda.app.internal.Feedback.Kind.BAD);

        // the first parcel again: the same intake, said so
        typeAndEnter(a, "scan-field", "1Z5R89390357567127");
        waitUntil(a, "the repeated scan", 30_000, () -> text(a, "intake-detail").contains("Scanned in before"));
        // a scan that is no tracking number: the gateway's words
        typeAndEnter(a, "scan-field", "AB");
        waitUntil(a, "the refusal", 30_000, () -> text(a, "message").contains("not a tracking number"));
        // and the core receives the intakes (the gateway sends them with their opIds)
        waitUntil(a, "the intakes at the core", 60_000, () -> {
            try {
                String feed = chain.coreApi.ok("GET", "/v1/parcels/changes?tenant=acme&warehouse=SH01&limit=100",
                        null);
                return feed.contains("\"state\":\"RECEIVED\"") && feed.contains("\"state\":\"NO_OWNER\"")
                        && !feed.contains("\"state\":\"ANNOUNCED\"");
            } catch (Exception e) {
                return false;
            }
        });
        click(a, "intake-back");
        assertThat(text(a, "title")).isEqualTo("Pick list");
    }

    private static long ledger(String skuLiteral, String status) {
        try {
            return chain.queryLong("SELECT COUNT(*) FROM ledger WHERE type = 'PICK' AND sku = " + skuLiteral
                    + " AND status = '" + status + "'");
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
