package dev.floorgate.pda.app.internal;

import android.content.Intent;
import android.os.Bundle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the PDA's scanner is told to send scans to this app as broadcasts of {@link #SCAN_ACTION}.
 *
 * <p>Zebra: one DataWedge {@code SET_CONFIG} (DataWedge 6.6+: several plug-ins in one intent) that creates the
 * profile if missing, associates it with this package (all activities), turns barcode input on with the GS1
 * decoders (so GS1 DataMatrix / QR arrive as GS1 with their GS separators), intent output on (broadcast, our action)
 * and keystroke output off (GS cannot be typed, and each scan would also land in the focused field).
 * Honeywell: {@code ACTION_CLAIM_SCANNER} to the data collection service with a data intent to our action, and
 * {@code ACTION_RELEASE_SCANNER} when the app leaves the screen. Everything else types like a keyboard: the
 * screens' input fields take Enter-terminated scans (keystroke wedge).
 */
public final class ScannerSetup {
    public static final String SCAN_ACTION = "dev.floorgate.picker.SCAN";
    public static final String PROFILE_NAME = "FloorGatePicker";
    public static final String DATAWEDGE_ACTION = "com.symbol.datawedge.api.ACTION";
    public static final String DATAWEDGE_SET_CONFIG = "com.symbol.datawedge.api.SET_CONFIG";
    public static final String HONEYWELL_CLAIM = "com.honeywell.aidc.action.ACTION_CLAIM_SCANNER";
    public static final String HONEYWELL_RELEASE = "com.honeywell.aidc.action.ACTION_RELEASE_SCANNER";
    public static final String HONEYWELL_SERVICE = "com.intermec.datacollectionservice";

    private ScannerSetup() {
    }

    /** The DataWedge profile for {@code packageName}, as one SET_CONFIG broadcast. */
    public static Intent dataWedgeProfile(String packageName) {
        Bundle config = new Bundle();
        config.putString("PROFILE_NAME", PROFILE_NAME);
        config.putString("PROFILE_ENABLED", "true");
        config.putString("CONFIG_MODE", "CREATE_IF_NOT_EXIST");

        Bundle app = new Bundle();
        app.putString("PACKAGE_NAME", packageName);
        app.putStringArray("ACTIVITY_LIST", new String[] {"*"});
        config.putParcelableArray("APP_LIST", new Bundle[] {app});

        Bundle barcode = new Bundle();
        barcode.putString("scanner_selection", "auto");
        barcode.putString("scanner_input_enabled", "true");
        barcode.putString("decoder_code128", "true");
        barcode.putString("decoder_ean13", "true");
        barcode.putString("decoder_ean8", "true");
        barcode.putString("decoder_upca", "true");
        barcode.putString("decoder_datamatrix", "true");
        barcode.putString("decoder_qrcode", "true");
        barcode.putString("decoder_gs1_datamatrix", "true");
        barcode.putString("decoder_gs1_qrcode", "true");
        barcode.putString("decoder_gs1_databar", "true");

        Bundle intent = new Bundle();
        intent.putString("intent_output_enabled", "true");
        intent.putString("intent_action", SCAN_ACTION);
        intent.putString("intent_category", "");
        intent.putString("intent_delivery", "2"); // broadcast

        Bundle keystroke = new Bundle();
        keystroke.putString("keystroke_output_enabled", "false");

        ArrayList<Bundle> plugins = new ArrayList<>();
        plugins.add(plugin("BARCODE", barcode));
        plugins.add(plugin("INTENT", intent));
        plugins.add(plugin("KEYSTROKE", keystroke));
        config.putParcelableArrayList("PLUGIN_CONFIG", plugins);

        Intent i = new Intent(DATAWEDGE_ACTION);
        i.putExtra(DATAWEDGE_SET_CONFIG, config);
        i.putExtra("SEND_RESULT", "LAST_RESULT");
        i.putExtra("COMMAND_IDENTIFIER", "floorgate-profile");
        return i;
    }

    private static Bundle plugin(String name, Bundle params) {
        Bundle b = new Bundle();
        b.putString("PLUGIN_NAME", name);
        b.putString("RESET_CONFIG", "true");
        b.putBundle("PARAM_LIST", params);
        return b;
    }

    /** Claims a Honeywell imager with scans delivered as {@link #SCAN_ACTION} broadcasts. */
    public static Intent honeywellClaim() {
        Bundle props = new Bundle();
        props.putBoolean("DPR_DATA_INTENT", true);
        props.putString("DPR_DATA_INTENT_ACTION", SCAN_ACTION);
        Intent i = new Intent(HONEYWELL_CLAIM);
        i.setPackage(HONEYWELL_SERVICE);
        i.putExtra("com.honeywell.aidc.extra.EXTRA_SCANNER", "dcs.scanner.imager");
        i.putExtra("com.honeywell.aidc.extra.EXTRA_PROFILE", "DEFAULT");
        i.putExtra("com.honeywell.aidc.extra.EXTRA_PROPERTIES", props);
        return i;
    }

    public static Intent honeywellRelease() {
        Intent i = new Intent(HONEYWELL_RELEASE);
        i.setPackage(HONEYWELL_SERVICE);
        return i;
    }

    /** A scan intent's extras as the map ScanIntents reads: nested bundles (multiple decode) as maps. */
    public static Map<String, Object> toMap(Bundle b) {
        Map<String, Object> m = new HashMap<>();
        for (String key : b.keySet()) {
            Object v = b.get(key);
            if (v instanceof Bundle) {
                v = toMap((Bundle) v);
            } else if (v instanceof List) {
                List<Object> list = new ArrayList<>();
                for (Object o : (List<?>) v) {
                    list.add(o instanceof Bundle ? toMap((Bundle) o) : o);
                }
                v = list;
            }
            m.put(key, v);
        }
        return m;
    }
}
