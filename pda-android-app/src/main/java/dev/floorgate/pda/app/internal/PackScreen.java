package dev.floorgate.pda.app.internal;

import android.graphics.Color;
import android.text.Editable;
import android.text.InputType;
import android.text.TextUtils;
import android.text.TextWatcher;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import dev.floorgate.lan.PackingParcel;
import dev.floorgate.lan.PackingQuote;
import dev.floorgate.pda.app.PickerActivity;
import java.util.List;
import java.util.function.Consumer;

/**
 * The packing station screen's views (state and flow: {@link Pack}), laid out for 360x640 dp and gloves: the answer
 * panel at the top keeps its size whatever it says (fixed line counts), so nothing below it jumps when an answer
 * comes; then the scan field (customer or parcel), the parcels (tap toggles), the carton, the prices (tap chooses),
 * Ship, and the station's scale and printer (remembered on the PDA). Built once when the screen opens, refreshed in
 * place by {@link #update()}, like the other screens. Tags (e.g. {@code pack-ship}) are what the tests find.
 */
final class PackScreen {
    private final PickerActivity activity;
    private final Ui ui;
    private final Picker picker;
    private LinearLayout panel;
    private TextView head;
    private TextView line;
    private TextView note;
    private TextView count;
    private LinearLayout parcelList;
    private EditText kg;
    private TextView weightNote;
    private LinearLayout shipTo;
    private LinearLayout quoteList;
    private Button ship;

    PackScreen(PickerActivity activity, Ui ui, Picker picker) {
        this.activity = activity;
        this.ui = ui;
        this.picker = picker;
    }

    View build() {
        Pack pack = picker.pack();
        PackCarton carton = pack.carton;
        LinearLayout c = ui.column();
        c.addView(ui.title("Pack", "title"));
        panel = ui.column();
        head = fixed(ui.text("", 34, "pack-head"), 1);
        line = fixed(ui.text("", 20, "pack-line"), 2);
        note = fixed(ui.text("", 18, "pack-note"), 2);
        panel.addView(head);
        panel.addView(line);
        panel.addView(note);
        c.addView(panel);
        c.addView(ui.field("Scan or type the customer, or a parcel", "scan-field", true,
                text -> activity.onScan(text, null)));
        count = ui.text("", 20, "pack-count");
        c.addView(count);
        parcelList = ui.column();
        parcelList.setPadding(0, 0, 0, 0);
        c.addView(parcelList);

        LinearLayout weight = ui.row();
        kg = number("Weight kg", "pack-kg", carton.kg, v -> carton.kg = v);
        weight.addView(kg, new LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 1f));
        Button weigh = ui.button("\u2696 Weigh", "pack-weigh", false,
                () -> pack.weigh(picker.settings().packScale()));
        weight.addView(weigh, new LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 1f));
        c.addView(weight);
        weightNote = fixed(ui.text("", 18, "pack-weight-state"), 1);
        c.addView(weightNote);

        LinearLayout size = ui.row();
        size.addView(number("L cm", "pack-length", carton.lengthCm, v -> carton.lengthCm = v), third());
        size.addView(number("W cm", "pack-width", carton.widthCm, v -> carton.widthCm = v), third());
        size.addView(number("H cm", "pack-height", carton.heightCm, v -> carton.heightCm = v), third());
        c.addView(size);
        LinearLayout to = ui.row();
        to.addView(text("Country", "pack-country", carton.country, v -> carton.country = v, true), third());
        LinearLayout.LayoutParams wide = new LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 2f);
        to.addView(text("Postcode", "pack-postcode", carton.postcode, v -> carton.postcode = v, true), wide);
        c.addView(to);
        shipTo = ui.column();
        shipTo.setPadding(0, 0, 0, 0);
        // the label's lines, read at Ship: they do not change the price, so they leave the quotes alone
        shipTo.addView(label("Ship to: name (label)", "pack-to-name", carton.toName, v -> carton.toName = v));
        shipTo.addView(label("Street", "pack-to-street", carton.toStreet, v -> carton.toStreet = v));
        shipTo.addView(label("City", "pack-to-city", carton.toCity, v -> carton.toCity = v));
        c.addView(shipTo);

        c.addView(ui.button("Quote", "pack-quote", false, pack::quote));
        quoteList = ui.column();
        quoteList.setPadding(0, 0, 0, 0);
        c.addView(quoteList);
        ship = ui.button("Ship", "pack-ship", true, () -> pack.ship(picker.settings().packPrinter()));
        c.addView(ship);

        c.addView(ui.text("This packing station:", 20, null));
        DeviceSettings s = picker.settings();
        EditText scale = ui.field("Scale (none: type the weight)", "pack-scale", false, null);
        EditText printer = ui.field("Label printer (none: no label)", "pack-printer", false, null);
        scale.setText(s.packScale());
        printer.setText(s.packPrinter());
        // kept as soon as changed (survives a restart and a sign-out), as intake's shelf is
        Runnable keep = () -> {
            s.packStation(scale.getText().toString().trim(), printer.getText().toString().trim());
            showShipTo();
        };
        scale.addTextChangedListener(watcher(v -> keep.run()));
        printer.addTextChangedListener(watcher(v -> keep.run()));
        c.addView(scale);
        c.addView(printer);
        c.addView(ui.button("\u25c0 List", "pack-back", false, () -> picker.openPack(false)));
        return c;
    }

    /** Refreshes panel, parcels, weight, prices and Ship from {@link Pack}, without rebuilding the fields. */
    void update() {
        if (panel == null || !panel.isAttachedToWindow()) {
            return;
        }
        Pack pack = picker.pack();
        PackWords.Panel p = pack.panel();
        head.setText(p.head);
        line.setText(p.line);
        note.setText(p.note);
        boolean bad = p.state == Pack.PanelState.ERROR || p.state == Pack.PanelState.OFFLINE;
        boolean shipped = p.state == Pack.PanelState.SHIPPED;
        panel.setBackgroundColor(bad ? Ui.BAD : shipped ? Ui.GOOD : Color.TRANSPARENT);
        int ink = bad || shipped ? Color.BLACK : Color.WHITE;
        head.setTextColor(ink);
        line.setTextColor(ink);
        note.setTextColor(ink);

        List<PackingParcel> parcels = pack.parcels();
        count.setText(pack.customer() == null ? "No customer yet" : pack.customer() + ": " + pack.selectedCount()
                + " of " + parcels.size() + " selected");
        parcelList.removeAllViews();
        for (PackingParcel parcel : parcels) {
            boolean in = pack.selected(parcel.parcelId());
            Button b = ui.button((in ? "\u2713 " : "\u2717 ") + PackWords.parcel(parcel), "pack-parcel:"
                    + parcel.parcelId(), false, () -> pack.toggle(parcel.parcelId()));
            b.setTextSize(android.util.TypedValue.COMPLEX_UNIT_SP, 20);
            b.setTextColor(in ? Color.WHITE : Color.GRAY);
            parcelList.addView(b);
        }
        if (!kg.getText().toString().equals(pack.carton.kg)) {
            kg.setText(pack.carton.kg);
        }
        weightNote.setText(pack.weightNote());
        showShipTo();

        quoteList.removeAllViews();
        List<PackingQuote> quotes = pack.quotes();
        for (int i = 0; i < quotes.size(); i++) {
            PackingQuote q = quotes.get(i);
            int index = i;
            boolean chosen = q == pack.chosen();
            Button b = ui.button(PackWords.quote(q), "pack-quote:" + i, chosen, () -> pack.choose(index));
            b.setTextSize(android.util.TypedValue.COMPLEX_UNIT_SP, 20);
            quoteList.addView(b);
        }
        for (String u : pack.unquoted()) {
            quoteList.addView(ui.text("Cannot: " + u, 16, "pack-unquoted"));
        }
        ship.setText(pack.shipLabel());
        ship.setEnabled(pack.canShip());
        ship.setAlpha(pack.canShip() ? 1f : 0.4f);
    }

    private void showShipTo() {
        Ui.show(shipTo, !picker.settings().packPrinter().isEmpty());
    }

    private static TextView fixed(TextView t, int lines) {
        t.setLines(lines); // the panel's height never changes with what it says
        t.setEllipsize(TextUtils.TruncateAt.END);
        return t;
    }

    private LinearLayout.LayoutParams third() {
        return new LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 1f);
    }

    private EditText number(String hint, String tag, String value, Consumer<String> into) {
        EditText e = text(hint, tag, value, into, false);
        e.setInputType(InputType.TYPE_CLASS_NUMBER | InputType.TYPE_NUMBER_FLAG_DECIMAL);
        return e;
    }

    /** A carton field: what is typed goes into {@link Pack#carton}; a change after a quote clears the prices. */
    private EditText text(String hint, String tag, String value, Consumer<String> into, boolean caps) {
        EditText e = ui.field(hint, tag, false, null);
        if (caps) {
            e.setInputType(InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS
                    | InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS);
        }
        e.setText(value);
        e.addTextChangedListener(watcher(v -> {
            into.accept(v);
            picker.pack().cartonChanged();
        }));
        return e;
    }

    private EditText label(String hint, String tag, String value, Consumer<String> into) {
        EditText e = ui.field(hint, tag, false, null);
        e.setInputType(InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_FLAG_CAP_WORDS);
        e.setText(value);
        e.addTextChangedListener(watcher(into));
        return e;
    }

    private static TextWatcher watcher(Consumer<String> changed) {
        return new TextWatcher() {
            private String before;

            @Override
            public void beforeTextChanged(CharSequence s, int start, int count, int after) {
                before = s.toString();
            }

            @Override
            public void onTextChanged(CharSequence s, int start, int before, int count) {
            }

            @Override
            public void afterTextChanged(Editable s) {
                if (!s.toString().equals(before)) {
                    changed.accept(s.toString());
                }
            }
        };
    }
}
