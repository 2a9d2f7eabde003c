package dev.floorgate.pda.app;

import android.app.Application;
import dev.floorgate.pda.app.internal.DeviceSettings;
import dev.floorgate.pda.app.internal.Picker;
import dev.floorgate.pda.app.internal.TokenVault;

/**
 * The process: one {@link Picker} (enrollment, session, queue, events) shared by the screen and the sync service,
 * so a pick queued on the screen is sent by the same queue the service keeps alive after the screen is gone.
 */
public class PickerApp extends Application {
    private static TokenVault.KeySource keySource = TokenVault.androidKeystore();
    private Picker picker;

    /**
     * The token key's source: the Android Keystore. Robolectric has no Keystore daemon, so the JVM tests give a
     * software key here before the app starts (see README: what only a device can show).
     */
    public static void useKeySource(TokenVault.KeySource source) {
        keySource = source;
    }

    public synchronized Picker picker() {
        if (picker == null) {
            picker = new Picker(this, new DeviceSettings(this, new TokenVault(keySource)));
        }
        return picker;
    }
}
