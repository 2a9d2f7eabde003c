package dev.floorgate.pda.app.internal;

import android.content.Context;
import android.graphics.Color;
import android.graphics.Typeface;
import android.text.InputType;
import android.util.TypedValue;
import android.view.Gravity;
import android.view.KeyEvent;
import android.view.View;
import android.view.inputmethod.EditorInfo;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import java.util.function.Consumer;

/**
 * The few widgets every screen is made of, sized for gloves and a freezer: white or yellow on black, text of 22 sp
 * and more, and touch targets at least {@link #MIN_TOUCH_DP} high (Android's guideline is 48 dp). Plain framework
 * views: no support library in the APK.
 */
public final class Ui {
    public static final int MIN_TOUCH_DP = 64;
    public static final int GOOD = Color.rgb(0x00, 0xE6, 0x76);
    public static final int BAD = Color.rgb(0xFF, 0x52, 0x52);
    public static final int ACCENT = Color.rgb(0xFF, 0xD6, 0x00);

    private final Context context;

    public Ui(Context context) {
        this.context = context;
    }

    public int dp(float v) {
        return Math.round(TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_DIP, v,
                context.getResources().getDisplayMetrics()));
    }

    public LinearLayout column() {
        LinearLayout l = new LinearLayout(context);
        l.setOrientation(LinearLayout.VERTICAL);
        l.setPadding(dp(12), dp(8), dp(12), dp(8));
        return l;
    }

    public LinearLayout row() {
        LinearLayout l = new LinearLayout(context);
        l.setOrientation(LinearLayout.HORIZONTAL);
        l.setGravity(Gravity.CENTER_VERTICAL);
        return l;
    }

    public TextView title(String text, String tag) {
        TextView t = text(text, 30, tag);
        t.setTypeface(Typeface.DEFAULT_BOLD);
        return t;
    }

    public TextView text(String text, int sp, String tag) {
        TextView t = new TextView(context);
        t.setText(text);
        t.setTextSize(TypedValue.COMPLEX_UNIT_SP, sp);
        t.setTextColor(Color.WHITE);
        t.setPadding(0, dp(4), 0, dp(4));
        t.setTag(tag);
        return t;
    }

    public Button button(String label, String tag, boolean primary, Runnable onClick) {
        Button b = new Button(context);
        b.setText(label);
        b.setAllCaps(false);
        b.setTextSize(TypedValue.COMPLEX_UNIT_SP, 24);
        b.setMinHeight(dp(MIN_TOUCH_DP));
        b.setMinimumHeight(dp(MIN_TOUCH_DP));
        b.setTextColor(primary ? Color.BLACK : Color.WHITE);
        b.setBackgroundColor(primary ? ACCENT : Color.rgb(0x30, 0x30, 0x30));
        b.setTag(tag);
        b.setOnClickListener(v -> onClick.run());
        LinearLayout.LayoutParams lp = new LinearLayout.LayoutParams(
                LinearLayout.LayoutParams.MATCH_PARENT, LinearLayout.LayoutParams.WRAP_CONTENT, 1f);
        lp.setMargins(dp(4), dp(6), dp(4), dp(6));
        b.setLayoutParams(lp);
        return b;
    }

    /**
     * A field that takes a keyboard scanner's Enter-terminated input (keystroke wedge) or typing; {@code onEnter}
     * gets the text and the field is cleared for the next scan.
     */
    public EditText field(String hint, String tag, boolean clearOnEnter, Consumer<String> onEnter) {
        EditText e = new EditText(context);
        e.setHint(hint);
        e.setHintTextColor(Color.rgb(0xB0, 0xB0, 0xB0));
        e.setTextColor(Color.WHITE);
        e.setTextSize(TypedValue.COMPLEX_UNIT_SP, 24);
        e.setSingleLine(true);
        e.setInputType(InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS);
        e.setImeOptions(EditorInfo.IME_ACTION_DONE);
        e.setMinHeight(dp(MIN_TOUCH_DP));
        e.setTag(tag);
        if (onEnter != null) {
            e.setOnEditorActionListener((v, actionId, event) -> {
                boolean enter = actionId == EditorInfo.IME_ACTION_DONE || (event != null
                        && event.getKeyCode() == KeyEvent.KEYCODE_ENTER && event.getAction() == KeyEvent.ACTION_DOWN);
                if (!enter) {
                    return false;
                }
                String text = e.getText().toString();
                if (clearOnEnter) {
                    e.setText("");
                }
                onEnter.accept(text);
                return true;
            });
        }
        return e;
    }

    public static void show(View v, boolean visible) {
        v.setVisibility(visible ? View.VISIBLE : View.GONE);
    }
}
