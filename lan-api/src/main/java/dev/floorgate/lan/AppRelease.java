package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer of GET /api/v1/app: the Android picker app the gateway serves (issue 13), so a PDA's app can tell whether
 * a newer one is there and site IT's page can offer it. {@code versionCode} and {@code versionName} are null when
 * the APK came without its version file. Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class AppRelease {
    private final Integer versionCode;
    private final String versionName;
    private final long size;
    private final String sha256;
    private final String path;

    public AppRelease(Integer versionCode, String versionName, long size, String sha256, String path) {
        this.versionCode = versionCode;
        this.versionName = versionName;
        this.size = size;
        this.sha256 = sha256;
        this.path = path;
    }

    /** The APK's versionCode, or null when unknown. */
    public Integer versionCode() {
        return versionCode;
    }

    /** The APK's versionName, or null when unknown. */
    public String versionName() {
        return versionName;
    }

    /** The APK's size in bytes. */
    public long size() {
        return size;
    }

    /** The APK's SHA-256 as 64 lower-case hex digits. */
    public String sha256() {
        return sha256;
    }

    /** Where the gateway serves the APK, e.g. /app/floorgate-picker.apk. */
    public String path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AppRelease)) {
            return false;
        }
        AppRelease that = (AppRelease) o;
        return Objects.equals(versionCode, that.versionCode) && Objects.equals(versionName, that.versionName)
                && size == that.size && Objects.equals(sha256, that.sha256) && Objects.equals(path, that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(versionCode, versionName, size, sha256, path);
    }

    @Override
    public String toString() {
        return "AppRelease{versionCode=" + versionCode + ", versionName=" + versionName + ", size=" + size
                + ", sha256=" + sha256 + ", path=" + path + "}";
    }
}
