package dev.floorgate.pda.app;

import android.app.Activity;
import android.content.ActivityNotFoundException;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.graphics.Color;
import android.os.Build;
import android.os.Bundle;
import android.view.View;
import android.view.WindowManager;
import android.widget.EditText;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import java.io.File;
import dev.floorgate.pda.ScanData;
import dev.floorgate.pda.ScanIntents;
import dev.floorgate.pda.app.internal.EnrollmentLink;
import dev.floorgate.pda.app.internal.Feedback;
import dev.floorgate.pda.app.internal.PhotoCapture;
import dev.floorgate.pda.app.internal.Picker;
import dev.floorgate.pda.app.internal.ScannerSetup;
import dev.floorgate.pda.app.internal.Screens;
import dev.floorgate.pda.app.internal.Ui;

/**
 * The one screen of the app; what it shows follows {@link Picker#screen()}: enrollment, badge sign-in, the pick
 * list, one task at a time, with a rejection covering everything until acknowledged and the settings on top when
 * asked for. Scans come from DataWedge or Honeywell broadcasts ({@link ScannerSetup#SCAN_ACTION}) while the screen is
 * in front, or typed by a keyboard-wedge scanner into the screen's field.
 */
public class PickerActivity extends Activity implements Picker.View {
    /** startActivityForResult's code for the camera app (the Photo step). */
    public static final int TAKE_PHOTO = 17;
    private static final String SAVED_PHOTO_PARCEL = "photo.parcel";
    private static final String SAVED_PHOTO_SHOT = "photo.shot";
    private Picker picker;
    private Feedback feedback;
    private Screens screens;
    private TextView status;
    private TextView message;
    private FrameLayout content;
    private String shownKey = "";
    private boolean settingsOpen;

    private final BroadcastReceiver scans = new BroadcastReceiver() {
        @Override
        public void onReceive(Context context, Intent intent) {
            Bundle extras = intent.getExtras();
            if (extras == null) {
                return;
            }
            try {
                ScanData scan = ScanIntents.fromAnyScanner(ScannerSetup.toMap(extras));
                onScan(scan.data(), scan); // the data without its AIM id; the gateway gets both from scan
            } catch (IllegalArgumentException notAScan) {
                feedback(false, "Not a scan: " + notAScan.getMessage());
            }
        }
    };

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        getWindow().addFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON);
        picker = ((PickerApp) getApplication()).picker();
        feedback = new Feedback(this);
        Ui ui = new Ui(this);
        screens = new Screens(this, ui, picker);

        LinearLayout root = ui.column();
        root.setBackgroundColor(Color.BLACK);
        LinearLayout bar = ui.row();
        status = ui.text("", 20, "status");
        bar.addView(status, new LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 1f));
        android.widget.Button gear = ui.button("\u2699 Settings", "open-settings", false, () -> {
            settingsOpen = true;
            render();
        });
        gear.setLayoutParams(new LinearLayout.LayoutParams(LinearLayout.LayoutParams.WRAP_CONTENT,
                LinearLayout.LayoutParams.WRAP_CONTENT));
        bar.addView(gear);
        root.addView(bar);
        message = ui.text("", 24, "message");
        root.addView(message);
        ScrollView scroll = new ScrollView(this);
        content = new FrameLayout(this);
        scroll.addView(content);
        root.addView(scroll, new LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, 0, 1f));
        setContentView(root);

        if (saved != null && saved.getString(SAVED_PHOTO_SHOT) != null && picker.photos().capturing() == null) {
            // the process was ended while the camera app was open: its result is for this parcel's shot
            picker.restorePhotoCapture(saved.getString(SAVED_PHOTO_PARCEL), saved.getString(SAVED_PHOTO_SHOT));
        }
        if (!picker.settings().dataWedgeProfileSent()) {
            // First start: the app's own DataWedge profile. Harmless where DataWedge is absent (nobody listens).
            sendBroadcast(ScannerSetup.dataWedgeProfile(getPackageName()));
            picker.settings().dataWedgeProfileSent(true);
        }
    }

    @Override
    protected void onResume() {
        super.onResume();
        picker.attach(this);
        IntentFilter filter = new IntentFilter(ScannerSetup.SCAN_ACTION);
        if (Build.VERSION.SDK_INT >= 33) {
            registerReceiver(scans, filter, Context.RECEIVER_EXPORTED); // DataWedge and Honeywell are other apps
        } else {
            registerReceiver(scans, filter);
        }
        sendBroadcast(ScannerSetup.honeywellClaim());
        if (picker.settings().enrolled()) {
            SyncService.start(this);
        }
        shownKey = "";
        render();
    }

    @Override
    protected void onPause() {
        sendBroadcast(ScannerSetup.honeywellRelease());
        unregisterReceiver(scans);
        picker.attach(null);
        super.onPause();
    }

    @Override
    protected void onDestroy() {
        feedback.release();
        super.onDestroy();
    }

    @Override
    protected void onSaveInstanceState(Bundle out) {
        super.onSaveInstanceState(out);
        String shot = picker.photos().capturing();
        if (shot != null) {
            out.putString(SAVED_PHOTO_PARCEL, picker.photos().parcelId());
            out.putString(SAVED_PHOTO_SHOT, shot);
        }
    }

    /**
     * Opens the device's camera app for a shot of the Photo step's parcel; it writes the photo into a file of the
     * app's {@link PhotoFileProvider} and answers {@link #onActivityResult}. Without a camera app: said, nothing opens.
     */
    public void takePhoto(String shot) {
        File target = picker.photos().captureFile(shot);
        target.delete(); // a capture the camera app never answered leaves nothing behind for this one
        Intent capture = PhotoCapture.captureIntent(PhotoFileProvider.uriFor(this, target));
        try {
            if (capture.resolveActivity(getPackageManager()) == null) {
                throw new ActivityNotFoundException("no activity for " + capture.getAction());
            }
            startActivityForResult(capture, TAKE_PHOTO);
        } catch (ActivityNotFoundException | SecurityException noCamera) {
            picker.photos().forgetCapture();
            feedback(false, PhotoCapture.NO_CAMERA);
        }
    }

    @Override
    protected void onActivityResult(int requestCode, int resultCode, Intent data) {
        super.onActivityResult(requestCode, resultCode, data);
        if (requestCode == TAKE_PHOTO) {
            picker.attach(this); // the result comes before onResume
            picker.photoCaptured(resultCode == RESULT_OK);
        }
    }

    /** A scan from a broadcast or typed into a screen's field (scan null). */
    public void onScan(String text, ScanData scan) {
        if (picker.rejection() != null) {
            feedback(false, "Acknowledge the message first");
            return;
        }
        if (settingsOpen) {
            feedback(false, "Close the settings to scan");
            return;
        }
        if (picker.screen() == Picker.Screen.ENROLL) {
            screens.enrollScanned(text);
            return;
        }
        picker.onScan(text, scan, scan == null);
    }

    public void enroll(EnrollmentLink link, String name) {
        picker.enroll(link, name);
    }

    public void closeSettings() {
        settingsOpen = false;
        render();
    }

    public void resendDataWedgeProfile() {
        sendBroadcast(ScannerSetup.dataWedgeProfile(getPackageName()));
        feedback(true, "DataWedge profile " + ScannerSetup.PROFILE_NAME + " sent");
    }

    @Override
    public void changed() {
        render();
        if (picker.settings().enrolled()) {
            SyncService.start(this);
        }
    }

    @Override
    public void feedback(boolean good, String text) {
        message.setText(text);
        message.setTextColor(good ? Ui.GOOD : Ui.BAD);
        if (good) {
            feedback.good();
        } else {
            feedback.bad();
        }
    }

    private void render() {
        int depth = picker.queueDepth();
        String who = picker.settings().operator();
        status.setText("Queue " + (depth < 0 ? "?" : depth) + (who == null ? "" : " \u00b7 " + who)
                + (picker.busy() ? " \u00b7 working\u2026" : ""));
        String key = settingsOpen ? "settings" : picker.rejection() != null ? "rejection:" + picker.rejection().opId
                : screens.key();
        if (!key.equals(shownKey)) {
            shownKey = key;
            content.removeAllViews();
            View v = settingsOpen ? screens.settings() : picker.rejection() != null ? screens.rejection()
                    : screens.build();
            content.addView(v);
            EditText first = v.findViewWithTag("scan-field");
            if (first != null) {
                first.requestFocus(); // a keyboard-wedge scanner types where the focus is
            }
        }
        screens.update();
    }

    /** The feedback given last, for tests. */
    public Feedback feedbackForTests() {
        return feedback;
    }
}
