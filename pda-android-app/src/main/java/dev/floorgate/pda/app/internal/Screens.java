package dev.floorgate.pda.app.internal;

import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import dev.floorgate.lan.ParcelIntakeReceipt;
import dev.floorgate.lan.PickTask;
import dev.floorgate.pda.app.PickerActivity;
import java.util.List;

/**
 * The screens, worded as the web picker words them (gateway-server's public/pick/): built once when the screen
 * changes, so a half-typed keyboard-wedge scan survives a queue update, and refreshed in place by {@link #update()}.
 * Views carry tags (e.g. {@code enroll-submit}) that the tests find them by.
 */
public final class Screens {
    private final PickerActivity activity;
    private final Ui ui;
    private final Picker picker;
    private LinearLayout list;
    private TextView listNote;
    private TextView qty;
    private Button confirm;
    private EditText enrollLink;
    private EditText deviceName;
    private PackScreen pack;

    public Screens(PickerActivity activity, Ui ui, Picker picker) {
        this.activity = activity;
        this.ui = ui;
        this.picker = picker;
    }

    /** What is on screen: a change of it rebuilds the views. */
    public String key() {
        PickFlow f = picker.flow();
        Picker.Screen s = picker.screen();
        if (s == Picker.Screen.PHOTO) {
            return PhotoScreen.key(picker);
        }
        if (s == Picker.Screen.INTAKE) {
            ParcelIntakeReceipt last = picker.intake().last();
            return "intake:" + (last == null ? "" : last.opId() + ":" + last.repeated());
        }
        return s == Picker.Screen.TASK ? "task:" + f.current().taskId() + ":" + f.step() : s.name();
    }

    public View build() {
        switch (picker.screen()) {
            case ENROLL:
                return enroll();
            case SIGN_IN:
                return signIn();
            case LIST:
                return pickList();
            case INTAKE:
                return intake();
            case PHOTO:
                return PhotoScreen.build(activity, ui, picker);
            case PACK:
                pack = new PackScreen(activity, ui, picker);
                return pack.build();
            default:
                return task();
        }
    }

    private View enroll() {
        LinearLayout c = ui.column();
        c.addView(ui.title("Enroll this PDA", "title"));
        c.addView(ui.text("Scan the enrollment QR on site IT's page, or paste its link.", 20, null));
        enrollLink = ui.field("Enrollment QR or link", "enroll-link", false, null);
        c.addView(enrollLink);
        c.addView(ui.text("Or type what site IT's page shows:", 20, null));
        EditText address = ui.field("Gateway address (e.g. 192.168.1.20:8443)", "enroll-address", false, null);
        EditText code = ui.field("Enrollment code", "enroll-code", false, null);
        EditText pin = ui.field("CA fingerprint (first 16+ hex digits)", "enroll-fingerprint", false, null);
        c.addView(address);
        c.addView(code);
        c.addView(pin);
        deviceName = ui.field("Name of this PDA", "enroll-device", false, null);
        c.addView(deviceName);
        c.addView(ui.button("Enroll", "enroll-submit", true, () -> {
            try {
                String qr = enrollLink.getText().toString().trim();
                EnrollmentLink link = !qr.isEmpty() ? EnrollmentLink.parse(qr) : EnrollmentLink.typed(
                        address.getText().toString(), code.getText().toString(), pin.getText().toString());
                activity.enroll(link, deviceName.getText().toString());
            } catch (IllegalArgumentException e) {
                activity.feedback(false, e.getMessage());
            }
        }));
        return c;
    }

    /** A scan on the enrollment screen: the QR's link fills its field; with a name given, enrollment starts. */
    public void enrollScanned(String text) {
        try {
            EnrollmentLink link = EnrollmentLink.parse(text);
            if (enrollLink != null) {
                enrollLink.setText(text);
            }
            String name = deviceName == null ? "" : deviceName.getText().toString().trim();
            if (name.isEmpty()) {
                activity.feedback(true, "Enrollment code read: now give this PDA a name and tap Enroll");
            } else {
                activity.enroll(link, name);
            }
        } catch (IllegalArgumentException e) {
            activity.feedback(false, e.getMessage());
        }
    }

    private View signIn() {
        LinearLayout c = ui.column();
        c.addView(ui.title("Scan your badge", "title"));
        EditText badge = ui.field("Badge", "scan-field", true, text -> activity.onScan(text, null));
        c.addView(badge);
        c.addView(ui.button("Sign in", "login-submit", true, () -> {
            String b = badge.getText().toString();
            badge.setText("");
            activity.onScan(b, null);
        }));
        return c;
    }

    private View pickList() {
        LinearLayout c = ui.column();
        c.addView(ui.title("Pick list", "title"));
        c.addView(ui.text("Scan a bin to start there, or tap a task.", 20, null));
        list = ui.column();
        c.addView(list);
        listNote = ui.text("", 18, "list-age");
        c.addView(listNote);
        c.addView(ui.field("Type a bin", "scan-field", true, text -> activity.onScan(text, null)));
        c.addView(ui.button("Refresh", "list-refresh", true, picker::refreshTasks));
        c.addView(ui.button("Parcel intake", "open-intake", false, () -> picker.openIntake(true)));
        c.addView(ui.button("Parcel photos", "open-photos", false, () -> picker.openPhotos(null)));
        c.addView(ui.button("Pack", "open-pack", false, () -> picker.openPack(true)));
        return c;
    }

    /** Receiving: the shelf, then scan-first; the answer says whose parcel it is in large letters, or NO OWNER. */
    private View intake() {
        LinearLayout c = ui.column();
        c.addView(ui.title("Parcel intake", "title"));
        String shelf = picker.settings().intakeShelf();
        EditText shelfField = ui.field("Shelf the parcels go to", "intake-shelf", false, picker::setIntakeShelf);
        if (shelf != null) {
            shelfField.setText(shelf);
        }
        c.addView(shelfField);
        c.addView(ui.button("Set shelf", "intake-shelf-set", false,
                () -> picker.setIntakeShelf(shelfField.getText().toString())));
        ParcelIntakeReceipt last = picker.intake().last();
        TextView owner = ui.text(last == null ? "Scan a parcel's label" : Intake.headline(last), 40, "intake-owner");
        if (last != null && last.owner() == null) {
            owner.setBackgroundColor(Ui.BAD);
        }
        c.addView(owner);
        c.addView(ui.text(last == null ? "" : Intake.detail(last), 22, "intake-detail"));
        if (last != null) {
            // the core's parcel id, or the tracking number until the core gave one (as the picker page does)
            String parcel = last.parcelId() != null ? last.parcelId() : last.trackingKey();
            c.addView(ui.button("Photos of this parcel", "intake-photos", true, () -> picker.openPhotos(parcel)));
        }
        c.addView(ui.field("Type a tracking number, or scan", "scan-field", true, text -> activity.onScan(text, null)));
        c.addView(ui.button("\u25c0 List", "intake-back", false, () -> picker.openIntake(false)));
        return c;
    }

    private View task() {
        PickFlow f = picker.flow();
        PickTask t = f.current();
        LinearLayout c = ui.column();
        List<PickTask> open = f.openTasks();
        c.addView(ui.text((t.orderNo() == null ? "" : "Order " + t.orderNo() + " \u00b7 ") + "task "
                + (open.indexOf(t) + 1) + " of " + open.size(), 18, "task-crumbs"));
        String title = f.step() == PickFlow.Step.BIN ? "Scan bin" : f.step() == PickFlow.Step.ITEM ? "Scan item"
                : "Confirm quantity";
        c.addView(ui.title(title, "title"));
        c.addView(ui.text("Bin  " + t.location() + (f.step() == PickFlow.Step.BIN ? "" : "  \u2713"), 28,
                "field-bin"));
        c.addView(ui.text("Item  " + t.sku() + (t.skuName() == null ? "" : "  " + t.skuName())
                + (f.lot() == null ? "" : "  lot " + f.lot()), 24, "field-item"));
        c.addView(ui.text("Take " + f.remaining(t) + " of " + t.qty(), 24, "field-remaining"));
        if (f.step() == PickFlow.Step.QTY) {
            LinearLayout row = ui.row();
            row.addView(ui.button("\u2212", "qty-minus", false, () -> picker.setQty(f.qty() - 1)));
            qty = ui.text("", 34, "qty");
            qty.setGravity(android.view.Gravity.CENTER);
            row.addView(qty, new LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 1f));
            row.addView(ui.button("+", "qty-plus", false, () -> picker.setQty(f.qty() + 1)));
            c.addView(row);
        }
        c.addView(ui.field("Type into the field, or scan", "scan-field", true, text -> activity.onScan(text, null)));
        LinearLayout buttons = ui.row();
        buttons.addView(ui.button("\u25c0 List", "back", false, picker::backToList));
        confirm = ui.button("Confirm", "confirm", true, picker::confirm);
        confirm.setEnabled(f.step() == PickFlow.Step.QTY);
        buttons.addView(confirm);
        c.addView(buttons);
        return c;
    }

    public View rejection() {
        Picker.Rejection r = picker.rejection();
        LinearLayout c = ui.column();
        c.setBackgroundColor(Ui.BAD);
        c.addView(ui.title("Not booked", "rejection-title"));
        c.addView(ui.text(r.text, 24, "rejection-text"));
        int more = picker.openRejections() - 1;
        c.addView(ui.text((more > 0 ? more + " more after this. " : "")
                + "Put the items back or ask your supervisor.", 22, "rejection-more"));
        c.addView(ui.button("I understand", "rejection-ack", true, picker::acknowledgeRejection));
        return c;
    }

    public View settings() {
        DeviceSettings s = picker.settings();
        LinearLayout c = ui.column();
        c.addView(ui.title("Settings", "title"));
        c.addView(ui.text("Gateway: " + (s.gatewayUrl() == null ? "not enrolled" : s.gatewayUrl()), 20,
                "settings-gateway"));
        c.addView(ui.text("This PDA: " + (s.deviceId() == null ? "-" : s.deviceId()), 20, "settings-device"));
        c.addView(ui.text("Site CA SHA-256: " + (s.caPin() == null ? "-" : s.caPin().substring(0, 16) + "\u2026"),
                20, "settings-ca"));
        c.addView(ui.text("", 20, "settings-queue"));
        if (picker.updateNote() != null) {
            c.addView(ui.text(picker.updateNote(), 20, "settings-update"));
        }
        c.addView(ui.button("Set up the Zebra scanner again (DataWedge)", "datawedge", false,
                activity::resendDataWedgeProfile));
        c.addView(ui.button("Sign out picker", "sign-out", false, () -> {
            picker.signOut();
            activity.closeSettings();
        }));
        c.addView(ui.button("Forget enrollment", "unenroll", false, () -> {
            picker.forgetEnrollment();
            activity.closeSettings();
        }));
        c.addView(ui.button("Close", "settings-close", true, activity::closeSettings));
        return c;
    }

    /** Refreshes the parts that change without a new screen: the list, the quantity, the queue line. */
    public void update() {
        View root = activity.findViewById(android.R.id.content);
        TextView queue = root.findViewWithTag("settings-queue");
        if (queue != null) {
            queue.setText("Picks waiting to be sent: " + picker.queueDepth());
        }
        PickFlow f = picker.flow();
        if (picker.screen() == Picker.Screen.LIST && list != null && list.isAttachedToWindow()) {
            list.removeAllViews();
            List<PickTask> open = f.openTasks();
            for (PickTask t : open) {
                list.addView(ui.button(t.location() + " \u00b7 " + t.sku() + " \u00b7 " + f.remaining(t) + " of "
                        + t.qty() + (t.orderNo() == null ? "" : " \u00b7 " + t.orderNo()), "task:" + t.taskId(),
                        false, () -> picker.openTask(t)));
            }
            if (open.isEmpty()) {
                list.addView(ui.text("No open pick tasks.", 22, "list-empty"));
            }
            listNote.setText(picker.listNote() + (picker.updateNote() == null ? "" : "\n" + picker.updateNote()));
        }
        if (picker.screen() == Picker.Screen.PACK && pack != null) {
            pack.update();
        }
        if (picker.screen() == Picker.Screen.TASK && f.step() == PickFlow.Step.QTY && qty != null) {
            qty.setText(Long.toString(f.qty()));
            confirm.setText("Confirm " + f.qty());
        }
    }
}
