package dev.floorgate.pda.app.internal;

import android.content.Context;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import android.os.Build;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern CODE = Pattern.compile("\"versionCode\"\\s*:\\s*(\\d{1,18})");
    private static final Pattern NAME = Pattern.compile("\"versionName\"\\s*:\\s*\"([^\"]{0,64})\"");
    private static final Pattern PATH = Pattern.compile("\"path\"\\s*:\\s*\"(/[^\"]{0,200})\"");

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
            Matcher code = CODE.matcher(json);
            if (!code.find()) {
                return null; // the gateway does not know the APK's version
            }
            long offered = Long.parseLong(code.group(1));
            if (offered <= installed) {
                return null;
            }
            Matcher name = NAME.matcher(json);
            Matcher path = PATH.matcher(json);
            return "A newer picker app (version " + (name.find() ? name.group(1) + ", " : "") + "code " + offered
                    + ") is on the gateway: " + gatewayUrl
                    + (path.find() ? path.group(1) : "/app/floorgate-picker.apk");
        }
    }
}
