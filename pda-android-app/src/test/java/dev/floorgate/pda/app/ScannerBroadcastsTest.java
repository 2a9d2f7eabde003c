package dev.floorgate.pda.app;

import static dev.floorgate.pda.app.AppTesting.text;
import static dev.floorgate.pda.app.AppTesting.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.content.Intent;
import android.os.Bundle;
import android.os.Looper;
import android.widget.EditText;
import org.robolectric.RuntimeEnvironment;
import dev.floorgate.pda.app.internal.ScannerSetup;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;

/**
 * Scans arriving the way PDAs deliver them, through the app's real receiver: a DataWedge broadcast and a Honeywell
 * broadcast, each carrying an enrollment QR to the enrollment screen; and the DataWedge profile and the Honeywell
 * claim the app sends.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class ScannerBroadcastsTest {
    private static final String QR = "https://192.0.2.7:8443/pick/#enroll=ABCD-1234&fp="
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Before
    public void key() throws Exception {
        AppTesting.softwareTokenKey();
    }

    @Test
    public void aDataWedgeBroadcastDeliversTheScanToTheScreen() {
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        Intent scan = new Intent(ScannerSetup.SCAN_ACTION);
        scan.putExtra("com.symbol.datawedge.data_string", QR);
        scan.putExtra("com.symbol.datawedge.label_type", "LABEL-TYPE-QRCODE");
        scan.putExtra("com.symbol.datawedge.source", "scanner");
        a.sendBroadcast(scan);
        shadowOf(Looper.getMainLooper()).idle();
        EditText link = view(a, "enroll-link");
        assertThat(link.getText().toString()).contains("#enroll=ABCD-1234");
        assertThat(text(a, "message")).contains("give this PDA a name");
    }

    @Test
    public void aHoneywellBroadcastDeliversTheScanToTheScreen() {
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        Intent scan = new Intent(ScannerSetup.SCAN_ACTION);
        scan.putExtra("data", QR);
        scan.putExtra("codeId", "s");
        scan.putExtra("aimId", "]Q1");
        scan.putExtra("charset", "UTF-8");
        a.sendBroadcast(scan);
        shadowOf(Looper.getMainLooper()).idle();
        EditText link = view(a, "enroll-link");
        assertThat(link.getText().toString()).contains("#enroll=ABCD-1234");
    }

    @Test
    public void aBroadcastThatIsNotAScanIsSaidAndChangesNothing() {
        PickerActivity a = Robolectric.buildActivity(PickerActivity.class).setup().get();
        Intent noise = new Intent(ScannerSetup.SCAN_ACTION);
        noise.putExtra("something", "else");
        a.sendBroadcast(noise);
        shadowOf(Looper.getMainLooper()).idle();
        assertThat(text(a, "message")).startsWith("Not a scan");
        assertThat(((EditText) view(a, "enroll-link")).getText().toString()).isEmpty();
    }

    @Test
    public void firstStartCreatesTheDataWedgeProfileAndClaimsTheHoneywellScanner() {
        Robolectric.buildActivity(PickerActivity.class).setup().get();
        Application app = RuntimeEnvironment.getApplication();
        List<Intent> sent = shadowOf(app).getBroadcastIntents();
        Intent dw = sent.stream().filter(i -> ScannerSetup.DATAWEDGE_ACTION.equals(i.getAction())).findFirst()
                .orElseThrow(() -> new AssertionError("no DataWedge SET_CONFIG among " + sent));
        Bundle config = dw.getBundleExtra(ScannerSetup.DATAWEDGE_SET_CONFIG);
        assertThat(config.getString("PROFILE_NAME")).isEqualTo(ScannerSetup.PROFILE_NAME);
        assertThat(config.getString("CONFIG_MODE")).isEqualTo("CREATE_IF_NOT_EXIST");
        Bundle appEntry = (Bundle) config.getParcelableArray("APP_LIST")[0];
        assertThat(appEntry.getString("PACKAGE_NAME")).isEqualTo(app.getPackageName());
        ArrayList<Bundle> plugins = config.getParcelableArrayList("PLUGIN_CONFIG");
        assertThat(plugins).extracting(b -> b.getString("PLUGIN_NAME")).containsExactly("BARCODE", "INTENT",
                "KEYSTROKE");
        Bundle barcode = plugins.get(0).getBundle("PARAM_LIST");
        assertThat(barcode.getString("decoder_gs1_datamatrix")).isEqualTo("true");
        assertThat(barcode.getString("decoder_gs1_qrcode")).isEqualTo("true");
        Bundle intent = plugins.get(1).getBundle("PARAM_LIST");
        assertThat(intent.getString("intent_action")).isEqualTo(ScannerSetup.SCAN_ACTION);
        assertThat(intent.getString("intent_delivery")).isEqualTo("2");
        assertThat(plugins.get(2).getBundle("PARAM_LIST").getString("keystroke_output_enabled")).isEqualTo("false");

        Intent claim = sent.stream().filter(i -> ScannerSetup.HONEYWELL_CLAIM.equals(i.getAction())).findFirst()
                .orElseThrow(() -> new AssertionError("no Honeywell claim among " + sent));
        assertThat(claim.getPackage()).isEqualTo(ScannerSetup.HONEYWELL_SERVICE);
        assertThat(claim.getBundleExtra("com.honeywell.aidc.extra.EXTRA_PROPERTIES").getString(
                "DPR_DATA_INTENT_ACTION")).isEqualTo(ScannerSetup.SCAN_ACTION);
    }
}
