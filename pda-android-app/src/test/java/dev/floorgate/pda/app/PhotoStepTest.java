package dev.floorgate.pda.app;

import static dev.floorgate.pda.app.AppTesting.cameraDelivers;
import static dev.floorgate.pda.app.AppTesting.click;
import static dev.floorgate.pda.app.AppTesting.jpeg;
import static dev.floorgate.pda.app.AppTesting.sha256;
import static dev.floorgate.pda.app.AppTesting.startedCapture;
import static dev.floorgate.pda.app.AppTesting.text;
import static dev.floorgate.pda.app.AppTesting.typeAndEnter;
import static dev.floorgate.pda.app.AppTesting.view;
import static dev.floorgate.pda.app.AppTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.content.Intent;
import android.net.Uri;
import android.provider.MediaStore;
import android.widget.EditText;
import dev.floorgate.pda.app.internal.PhotoCapture;
import dev.floorgate.pda.app.internal.Picker;
import dev.floorgate.systemtests.Chain;
import java.io.File;
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
 * The Photo step (issue 17) with the device camera simulated the way a camera app behaves: it gets the capture intent,
 * writes the JPEG into the EXTRA_OUTPUT URI through the app's {@link PhotoFileProvider}, and answers. The photos go to
 * the real gateway (its jar, HTTPS with its own site CA); no core runs, so they wait there as they do offline. The
 * gateway's photo buffer is small (390,000 bytes) so that a full buffer can be seen.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class PhotoStepTest {
    private static final long QUOTA = 390_000;
    private static Path dir;
    private static Chain chain;
    private static int device;

    @BeforeClass
    public static void startGateway() throws Exception {
        dir = Files.createTempDirectory("fg-app-photo-");
        chain = new Chain(dir);
        chain.gatewayEnv("FG_PHOTOS_QUOTA", Long.toString(QUOTA))
                .gatewayEnv("FG_PHOTOS_MAX_PHOTO_BYTES", Long.toString(QUOTA))
                .startGateway("http://127.0.0.1:" + chain.corePort); // the core stays down: photos wait at the gateway
    }

    @AfterClass
    public static void stopGateway() throws Exception {
        if (chain != null) {
            chain.close();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A PDA enrolled and signed in, on the Photo step of {@code parcel} (from the list), its shots loaded. */
    private static PickerActivity onPhotoStep(String parcel, boolean camera) throws Exception {
        AppTesting.softwareTokenKey();
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        if (camera) {
            AppTesting.installCameraApp(a);
        }
        Picker picker = picker(a);
        String link = Chain.field(chain.gatewayPost("/api/v1/admin/enrollment", Chain.ADMIN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}").body(), "url");
        chain.gatewayEnv("FG_GATEWAY_HTTPS_PORT", link.replaceFirst("^https://[^/]*:(\\d+)/.*$", "$1"));
        ((EditText) view(a, "enroll-link")).setText(link);
        ((EditText) view(a, "enroll-device")).setText("pda-photo-" + (++device));
        click(a, "enroll-submit");
        waitUntil(a, "the sign-in screen", 30_000, () -> text(a, "title").equals("Scan your badge") && !picker.busy());
        typeAndEnter(a, "scan-field", "B-" + device);
        waitUntil(a, "the pick list", 30_000, () -> text(a, "title").equals("Pick list") && !picker.busy());
        click(a, "open-photos");
        assertThat(text(a, "title")).isEqualTo("Photos");
        typeAndEnter(a, "scan-field", parcel); // the parcel's label scanned on the Photo step
        waitUntil(a, "the shot list", 30_000, () -> text(a, "photo-missing").startsWith("Missing: "));
        assertThat(text(a, "photo-parcel")).isEqualTo("Parcel " + parcel);
        return a;
    }

    private static Picker picker(Activity a) {
        return ((PickerApp) a.getApplication()).picker();
    }

    private static String photosAtGateway(Activity a, String parcel) throws Exception {
        return chain.gatewayGet("/api/v1/photos?parcelId=" + parcel, picker(a).settings().token()).body();
    }

    private static File kept(Activity a, String parcel, String shot) {
        return PhotoCapture.keptFile(PhotoFileProvider.folder(a), parcel, shot);
    }

    @Test
    public void thePhotoTheCameraWroteThroughTheProviderReachesTheGatewayAndItsReceiptShows() throws Exception {
        PickerActivity a = onPhotoStep("P-CAM-1", true);
        // the default template: label, contents, damage, each with what to photograph
        assertThat(text(a, "photo-missing")).isEqualTo("Missing: label, contents, damage");
        assertThat(text(a, "photo-hint:label")).isNotEmpty();
        click(a, "photo-shot:label");

        Intent capture = startedCapture(a);
        assertThat(capture.getAction()).isEqualTo(MediaStore.ACTION_IMAGE_CAPTURE);
        Uri out = capture.getParcelableExtra(MediaStore.EXTRA_OUTPUT);
        assertThat(out.getScheme()).isEqualTo("content");
        assertThat(out.getAuthority()).isEqualTo(a.getPackageName() + ".photos");
        assertThat(capture.getFlags() & Intent.FLAG_GRANT_WRITE_URI_PERMISSION).isNotZero();
        assertThat(capture.getClipData().getItemAt(0).getUri()).isEqualTo(out);

        byte[] photo = jpeg(640, 480, 1, false, 0.9f);
        cameraDelivers(a, capture, photo);
        waitUntil(a, "the receipt", 30_000, () -> text(a, "photo-result").startsWith("Photo "));
        assertThat(text(a, "photo-result")).contains("of P-CAM-1 (label) is at the gateway, on its way to the core");
        assertThat(text(a, "photo-state:label")).startsWith("\u2713 Photo ");
        assertThat(text(a, "photo-missing")).isEqualTo("Missing: contents, damage");
        assertThat(text(a, "message")).isEqualTo("Photo saved: P-CAM-1 label");
        String listed = photosAtGateway(a, "P-CAM-1");
        assertThat(listed).contains("\"shot\":\"label\"").contains("\"sha256\":\"" + sha256(photo) + "\"")
                .contains("\"size\":" + photo.length);
        assertThat(kept(a, "P-CAM-1", "label")).doesNotExist(); // the gateway has it: nothing left on the PDA
        assertThat(PhotoFileProvider.folder(a).list()).isEmpty();
    }

    @Test
    public void aCancelledCameraSendsNothing() throws Exception {
        PickerActivity a = onPhotoStep("P-CAM-2", true);
        click(a, "photo-shot:contents");
        Intent capture = startedCapture(a);
        Uri out = capture.getParcelableExtra(MediaStore.EXTRA_OUTPUT);
        try (java.io.OutputStream o = a.getContentResolver().openOutputStream(out, "w")) {
            // the camera app had begun writing, then the packer backed out
            o.write(jpeg(64, 48, 2, false, 0.9f), 0, 100);
        }
        shadowOf(a).receiveResult(capture, Activity.RESULT_CANCELED, null);
        assertThat(picker(a).busy()).isFalse();
        assertThat(text(a, "photo-result")).isEqualTo("No photo taken of contents: nothing was sent");
        assertThat(text(a, "photo-missing")).isEqualTo("Missing: label, contents, damage");
        assertThat(photosAtGateway(a, "P-CAM-2")).contains("\"photos\":[]");
        assertThat(PhotoFileProvider.folder(a).list()).isEmpty();
        assertThat(AppTesting.onScreen(a, "photo-retry:contents")).isFalse();
    }

    @Test
    public void aPhotoThatIsNoJpegIsRefusedInWordsAndNotKept() throws Exception {
        PickerActivity a = onPhotoStep("P-CAM-6", true);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 48,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png); // a camera app that ignores the JPEG convention
        click(a, "photo-shot:label");
        cameraDelivers(a, startedCapture(a), png.toByteArray());
        waitUntil(a, "the refusal", 30_000, () -> text(a, "photo-result").startsWith("The camera app's photo"));
        assertThat(text(a, "photo-result")).startsWith("The camera app's photo is not a JPEG (")
                .endsWith("Take the photo of label again.");
        assertThat(kept(a, "P-CAM-6", "label")).doesNotExist(); // sending it again would be refused again
        assertThat(text(a, "photo-state:label")).isEqualTo("Missing");
        assertThat(photosAtGateway(a, "P-CAM-6")).contains("\"photos\":[]");
    }

    @Test
    public void aFullPhotoBufferIsSaidInWordsAndThePhotoIsKeptForRetry() throws Exception {
        PickerActivity a = onPhotoStep("P-CAM-3", true);
        // two photos of just over half the buffer each: the second cannot fit, whatever else the buffer holds
        byte[] first = jpeg(480, 392, 3, true, 0.95f);
        byte[] second = jpeg(480, 392, 4, true, 0.95f);
        assertThat((long) first.length).as("test photo size").isBetween(QUOTA / 2 + 1, QUOTA - 130_000);
        assertThat((long) second.length).as("test photo size").isBetween(QUOTA / 2 + 1, QUOTA - 130_000);
        click(a, "photo-shot:label");
        cameraDelivers(a, startedCapture(a), first);
        waitUntil(a, "the first answer", 30_000, () -> !picker(a).busy() && !text(a, "photo-result").isEmpty());
        click(a, "photo-shot:damage");
        cameraDelivers(a, startedCapture(a), second);
        waitUntil(a, "the refusal", 30_000, () -> text(a, "photo-result").startsWith("Photo buffer full"));
        assertThat(text(a, "photo-result")).isEqualTo("Photo buffer full, tell site IT; intake is still taken."
                + " The photo is kept on this PDA: tap Retry.");
        assertThat(a.feedbackForTests().last()).isEqualTo(dev.floorgate.pda.app.internal.Feedback.Kind.BAD);
        assertThat(text(a, "photo-state:damage")).isEqualTo("On this PDA, not at the gateway yet");
        assertThat(kept(a, "P-CAM-3", "damage")).hasBinaryContent(second);
        assertThat(view(a, "photo-retry:damage").isShown()).isTrue();
        assertThat(photosAtGateway(a, "P-CAM-3")).doesNotContain(sha256(second));
    }

    @Test
    public void aPhotoTakenWhileTheGatewayIsDownIsKeptAndRetrySendsItWhenItIsBack() throws Exception {
        PickerActivity a = onPhotoStep("P-CAM-4", true);
        chain.gateway.kill9();
        byte[] photo = jpeg(320, 240, 5, false, 0.9f);
        try {
            click(a, "photo-shot:damage");
            cameraDelivers(a, startedCapture(a), photo);
            waitUntil(a, "out of reach", 60_000, () -> text(a, "photo-result").startsWith("Gateway out of reach"));
            assertThat(text(a, "photo-result")).endsWith("The photo is kept on this PDA: tap Retry.");
            assertThat(kept(a, "P-CAM-4", "damage")).hasBinaryContent(photo);
        } finally {
            chain.startGateway("http://127.0.0.1:" + chain.corePort);
        }
        click(a, "photo-retry:damage");
        waitUntil(a, "the receipt after Retry", 60_000, () -> text(a, "photo-result").startsWith("Photo "));
        assertThat(photosAtGateway(a, "P-CAM-4")).contains("\"sha256\":\"" + sha256(photo) + "\"");
        assertThat(kept(a, "P-CAM-4", "damage")).doesNotExist();
        assertThat(AppTesting.onScreen(a, "photo-retry:damage")).isFalse();
    }

    @Test
    public void withoutACameraAppTheStepSaysSoAndOffersNoCameraButton() throws Exception {
        PickerActivity a = onPhotoStep("P-CAM-5", false);
        assertThat(text(a, "photo-no-camera")).isEqualTo(PhotoCapture.NO_CAMERA);
        assertThat(AppTesting.onScreen(a, "photo-shot:label")).isFalse();
        assertThat(text(a, "photo-name:label")).isEqualTo("label"); // the shots and hints still show
        assertThat(text(a, "photo-hint:label")).isNotEmpty();
        a.takePhoto("label"); // and a tap that got there anyway opens nothing and crashes nothing
        assertThat(shadowOf(a).getNextStartedActivityForResult()).isNull();
        assertThat(text(a, "message")).isEqualTo(PhotoCapture.NO_CAMERA);
        assertThat(picker(a).photos().capturing()).isNull();
        click(a, "photo-back");
        assertThat(text(a, "title")).isEqualTo("Pick list");
    }
}
