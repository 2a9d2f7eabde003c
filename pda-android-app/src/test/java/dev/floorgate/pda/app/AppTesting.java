package dev.floorgate.pda.app;

import static org.junit.Assert.fail;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.content.Intent;
import android.content.pm.ActivityInfo;
import android.content.pm.ResolveInfo;
import android.net.Uri;
import android.os.Looper;
import android.provider.MediaStore;
import android.view.View;
import android.view.inputmethod.EditorInfo;
import android.widget.EditText;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.function.BooleanSupplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.robolectric.shadows.ShadowActivity;

/** What the Robolectric tests share: finding views by tag, typing with Enter, waiting with the main looper running. */
final class AppTesting {
    private AppTesting() {
    }

    /**
     * A software AES key in place of the Android Keystore's, which Robolectric does not have; the sealing code
     * (AES-GCM, IV handling, tamper check) is the app's own and runs as on a device.
     */
    static void softwareTokenKey() throws Exception {
        KeyGenerator g = KeyGenerator.getInstance("AES");
        g.init(256);
        SecretKey key = g.generateKey();
        PickerApp.useKeySource(() -> key);
    }

    @SuppressWarnings("unchecked")
    static <T extends View> T view(Activity a, String tag) {
        shadowOf(Looper.getMainLooper()).idle();
        View v = a.getWindow().getDecorView().findViewWithTag(tag);
        if (v == null) {
            fail("no view tagged '" + tag + "' on screen; the screen says: " + text(a, "title") + " / "
                    + text(a, "message"));
        }
        return (T) v;
    }

    /** Whether a view with this tag is on screen now. */
    static boolean onScreen(Activity a, String tag) {
        shadowOf(Looper.getMainLooper()).idle();
        return a.getWindow().getDecorView().findViewWithTag(tag) != null;
    }

    static String text(Activity a, String tag) {
        View v = a.getWindow().getDecorView().findViewWithTag(tag);
        return v instanceof android.widget.TextView ? ((android.widget.TextView) v).getText().toString() : "<none>";
    }

    /** Types into a field and presses Enter, as a keyboard-wedge scanner does. */
    static void typeAndEnter(Activity a, String tag, String text) {
        EditText e = view(a, tag);
        e.setText(text);
        e.onEditorAction(EditorInfo.IME_ACTION_DONE);
        shadowOf(Looper.getMainLooper()).idle();
    }

    static void click(Activity a, String tag) {
        view(a, tag).performClick();
        shadowOf(Looper.getMainLooper()).idle();
    }

    static void waitUntil(Activity a, String what, long millis, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            shadowOf(Looper.getMainLooper()).idle();
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > end) {
                fail("waited " + millis + " ms for " + what + "; the screen says: " + text(a, "title") + " / "
                        + text(a, "message") + " / " + text(a, "status"));
            }
            Thread.sleep(25);
        }
    }

    /** A camera app on the device: an activity that answers ACTION_IMAGE_CAPTURE (Robolectric has none). */
    static void installCameraApp(Activity a) {
        ResolveInfo camera = new ResolveInfo();
        camera.activityInfo = new ActivityInfo();
        camera.activityInfo.packageName = "com.example.camera";
        camera.activityInfo.name = "com.example.camera.Capture";
        camera.activityInfo.exported = true;
        shadowOf(a.getPackageManager()).addResolveInfoForIntent(new Intent(MediaStore.ACTION_IMAGE_CAPTURE), camera);
    }

    /** The capture intent the app started last (its request code checked), or a failure naming what it started. */
    static Intent startedCapture(Activity a) {
        ShadowActivity.IntentForResult started = shadowOf(a).getNextStartedActivityForResult();
        if (started == null) {
            fail("no activity was started for a result; the screen says: " + text(a, "message"));
        }
        if (started.requestCode != PickerActivity.TAKE_PHOTO) {
            fail("started " + started.intent + " with request code " + started.requestCode);
        }
        return started.intent;
    }

    /**
     * What a camera app does with the capture intent: writes the photo into the EXTRA_OUTPUT URI (through the app's
     * content provider, as the grant allows) and answers RESULT_OK.
     */
    static void cameraDelivers(Activity a, Intent capture, byte[] jpeg) throws IOException {
        Uri out = capture.getParcelableExtra(MediaStore.EXTRA_OUTPUT);
        try (OutputStream o = a.getContentResolver().openOutputStream(out, "w")) {
            o.write(jpeg);
        }
        shadowOf(a).receiveResult(capture, Activity.RESULT_OK, null);
        shadowOf(Looper.getMainLooper()).idle();
    }

    /**
     * A real JPEG of w x h: random noise (compresses badly, for big files) or a smooth gradient (a few KB), at JPEG
     * quality 0..1.
     */
    static byte[] jpeg(int w, int h, long seed, boolean noise, float quality) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = noise ? r.nextInt(0x1000000)
                        : ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | (int) (seed & 0xff);
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (byte x : MessageDigest.getInstance("SHA-256").digest(b)) {
            hex.append(String.format("%02x", x));
        }
        return hex.toString();
    }
}
