package dev.floorgate.pda.app.internal;

import android.content.Context;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import android.os.Build;
import dev.floorgate.lan.AppRelease;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.LanJsonException;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Asks the enrolled gateway which picker app it serves ({@code GET /api/v1/app}: versionCode, versionName, sha256,
 * path) and says so when it is newer than this one. Installing stays the picker's or the MDM's step: Android asks
 * the user before it installs an APK that did not come from a store.
 */
public final class AppUpdate {
    private AppUpdate() {
    }

    /** This app's versionCode. */
    public static long installedVersion(Context context) {
        try {
            PackageInfo p = context.getPackageManager().getPackageInfo(context.getPackageName(), 0);
            return Build.VERSION.SDK_INT >= 28 ? p.getLongVersionCode() : p.versionCode;
        } catch (PackageManager.NameNotFoundException e) {
            throw new IllegalStateException("this app's own package " + context.getPackageName() + " is unknown", e);
        }
    }

    /**
     * A line for the screen when the gateway serves a newer app ("A newer picker app ... is on the gateway: URL"),
     * null when it does not (no APK there, or not newer).
     */
    public static String check(OkHttpClient http, String gatewayUrl, long installed) throws IOException {
        Request r = new Request.Builder().url(gatewayUrl + "/api/v1/app").build();
        try (Response res = http.newCall(r).execute()) {
            if (res.code() == 404) {
                return null; // this gateway serves no APK
            }
            ResponseBody body = res.body();
            if (!res.isSuccessful() || body == null) {
                throw new IOException("GET /api/v1/app answered " + res.code());
            }
            String json = body.string();
            if (json.length() > 4096) {
                throw new IOException("GET /api/v1/app answered " + json.length() + " characters, expected a few");
            }
            AppRelease offer;
            try {
                offer = LanJson.read(json, AppRelease.class);
            } catch (LanJsonException e) {
                throw new IOException("GET /api/v1/app answered what is not an app release: " + e.getMessage(), e);
            }
            if (offer.versionCode() == null || offer.versionCode() <= installed) {
                return null; // the gateway does not know the APK's version, or it is not newer
            }
            return "A newer picker app (version " + (offer.versionName() != null ? offer.versionName() + ", " : "")
                    + "code " + offer.versionCode() + ") is on the gateway: " + gatewayUrl
                    + (offer.path().startsWith("/") ? offer.path() : "/app/floorgate-picker.apk");
        }
    }
}
