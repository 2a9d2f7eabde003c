package dev.floorgate.pda.app.internal;

import android.view.View;
import android.widget.LinearLayout;
import android.widget.TextView;
import dev.floorgate.lan.PhotoReceipt;
import dev.floorgate.lan.PhotoShot;
import dev.floorgate.pda.app.PickerActivity;
import java.util.List;

/**
 * The Photo step's screen (issue 17): the parcel, the template's shots each with its hint and whether the gateway
 * has it, one big button per shot that opens the camera, Retry for a photo kept on this PDA, and the last answer in
 * words. Rebuilt whenever {@link Photos#version()} changes. Without a camera app it says so and offers no camera
 * button (the shots and their hints still show, and so does what the gateway holds).
 */
final class PhotoScreen {
    private PhotoScreen() {
    }

    static String key(Picker picker) {
        Photos p = picker.photos();
        return "photo:" + p.parcelId() + ":" + p.version();
    }

    static View build(PickerActivity activity, Ui ui, Picker picker) {
        Photos photos = picker.photos();
        boolean camera = PhotoCapture.cameraAvailable(activity);
        LinearLayout c = ui.column();
        c.addView(ui.title("Photos", "title"));
        if (photos.parcelId() == null) {
            c.addView(ui.text("Scan the parcel's label, or type its parcel id.", 22, "photo-parcel"));
            c.addView(ui.field("Parcel id", "scan-field", true, text -> activity.onScan(text, null)));
            c.addView(back(ui, picker));
            return c;
        }
        c.addView(ui.text("Parcel " + photos.parcelId(), 28, "photo-parcel"));
        if (!camera) {
            TextView none = ui.text(PhotoCapture.NO_CAMERA, 22, "photo-no-camera");
            none.setTextColor(Ui.BAD);
            c.addView(none);
        }
        if (photos.template() == null) {
            c.addView(ui.text("No shot list from the gateway yet.", 22, "photo-missing"));
            c.addView(ui.button("Reload", "photo-reload", false, picker::reloadPhotos));
        } else {
            List<String> missing = photos.missing();
            c.addView(ui.text(missing.isEmpty() ? "Every shot of the template is at the gateway."
                    : "Missing: " + String.join(", ", missing), 22, "photo-missing"));
        }
        for (PhotoShot s : photos.shots()) {
            String shot = s.shot();
            if (camera) {
                c.addView(ui.button("Take photo: " + shot, "photo-shot:" + shot, photos.missing().contains(shot),
                        () -> activity.takePhoto(shot)));
            } else {
                c.addView(ui.title(shot, "photo-name:" + shot));
            }
            if (s.hint() != null && !s.hint().isEmpty()) {
                c.addView(ui.text(s.hint(), 20, "photo-hint:" + shot));
            }
            c.addView(ui.text(state(photos, shot), 20, "photo-state:" + shot));
            if (photos.kept(shot)) {
                c.addView(ui.button("Retry " + shot, "photo-retry:" + shot, true, () -> picker.retryPhoto(shot)));
            }
        }
        c.addView(ui.text(photos.line(), 22, "photo-result"));
        c.addView(ui.field("Scan another parcel's label", "scan-field", true, text -> activity.onScan(text, null)));
        c.addView(back(ui, picker));
        return c;
    }

    private static View back(Ui ui, Picker picker) {
        return ui.button(picker.intake().open() ? "\u25c0 Intake" : "\u25c0 List", "photo-back", false,
                picker::closePhotos);
    }

    private static String state(Photos photos, String shot) {
        if (photos.kept(shot)) {
            return "On this PDA, not at the gateway yet";
        }
        PhotoReceipt r = photos.receipt(shot);
        if (r != null) {
            return "\u2713 " + Photos.receiptLine(r);
        }
        return photos.missing().contains(shot) ? "Missing" : "";
    }
}
