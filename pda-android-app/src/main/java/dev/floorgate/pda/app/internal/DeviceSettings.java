package dev.floorgate.pda.app.internal;

import android.content.Context;
import android.content.SharedPreferences;

/**
 * What the app keeps between starts, in its private preferences: the enrolled gateway, its CA pin, the device name,
 * the sealed token ({@link TokenVault}), the signed-in picker and the last event id the app has seen.
 */
public final class DeviceSettings {
    private static final String FILE = "floorgate";
    private final SharedPreferences prefs;
    private final TokenVault vault;

    public DeviceSettings(Context context, TokenVault vault) {
        this.prefs = context.getSharedPreferences(FILE, Context.MODE_PRIVATE);
        this.vault = vault;
    }

    public boolean enrolled() {
        return prefs.contains("token") && prefs.contains("gateway");
    }

    public void saveEnrollment(String gatewayUrl, String caPin, String deviceId, String token) {
        // commit, not apply: the one-time code is spent, so the token must be on disk before the screen moves on
        if (!prefs.edit().putString("gateway", gatewayUrl).putString("caPin", caPin).putString("deviceId", deviceId)
                .putString("token", vault.seal(token)).remove("operator").remove("lastEventId").commit()) {
            throw new IllegalStateException("could not write the enrollment to the app's preferences");
        }
    }

    public void forgetEnrollment() {
        prefs.edit().clear().commit();
    }

    public String gatewayUrl() {
        return prefs.getString("gateway", null);
    }

    public String caPin() {
        return prefs.getString("caPin", null);
    }

    public String deviceId() {
        return prefs.getString("deviceId", null);
    }

    public String token() {
        String sealed = prefs.getString("token", null);
        return sealed == null ? null : vault.open(sealed);
    }

    /** The stored form, for tests that check the token is not kept in clear. */
    public String sealedToken() {
        return prefs.getString("token", null);
    }

    public String operator() {
        return prefs.getString("operator", null);
    }

    /** The signed-in picker and the tenant and warehouse the gateway gave the session; null badge signs out. */
    public void session(String badge, String tenant, String warehouse) {
        prefs.edit().putString("operator", badge).putString("tenant", tenant).putString("warehouse", warehouse)
                .commit();
    }

    public String tenant() {
        return prefs.getString("tenant", null);
    }

    public String warehouse() {
        return prefs.getString("warehouse", null);
    }

    public long lastEventId() {
        return prefs.getLong("lastEventId", 0L);
    }

    public void lastEventId(long id) {
        prefs.edit().putLong("lastEventId", id).apply();
    }

    public boolean dataWedgeProfileSent() {
        return prefs.getBoolean("dataWedgeProfile", false);
    }

    public void dataWedgeProfileSent(boolean sent) {
        prefs.edit().putBoolean("dataWedgeProfile", sent).apply();
    }

    /** The shelf the intake screen puts parcels on (remembered per PDA); null before it is set. */
    public String intakeShelf() {
        return prefs.getString("intakeShelf", null);
    }

    public void intakeShelf(String shelf) {
        prefs.edit().putString("intakeShelf", shelf).apply();
    }

    /** The packing station's scale (fg.scales.NAME at the gateway); empty: the weight is typed. */
    public String packScale() {
        return prefs.getString("packScale", "");
    }

    /** The packing station's label printer; empty: no shipping label. */
    public String packPrinter() {
        return prefs.getString("packPrinter", "");
    }

    public void packStation(String scale, String printer) {
        prefs.edit().putString("packScale", scale).putString("packPrinter", printer).apply();
    }
}
