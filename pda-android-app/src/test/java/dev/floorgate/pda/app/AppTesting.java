package dev.floorgate.pda.app;

import static org.junit.Assert.fail;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.os.Looper;
import android.view.View;
import android.view.inputmethod.EditorInfo;
import android.widget.EditText;
import java.util.function.BooleanSupplier;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

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
}
