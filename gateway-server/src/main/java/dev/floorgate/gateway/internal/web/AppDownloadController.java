package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.lan.AppRelease;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The picker app for Android PDAs, from the file {@code fg.apk.path} names (pda-android-app's
 * {@code floorgate-picker.apk}): {@code GET /app/floorgate-picker.apk} (no token: an APK is no secret, and the
 * install QR on site IT's page carries its SHA-256 to check it by; HTTPS like the pages), and
 * {@code GET /api/v1/app} with its version, size and SHA-256, which the app asks to learn of a newer version. The
 * version comes from the {@code .properties} file the build writes beside the APK. The checksum is computed again
 * whenever the file's size or modification time changes, so replacing the file is the whole update.
 */
@Controller
final class AppDownloadController {
    static final String DOWNLOAD_PATH = "/app/floorgate-picker.apk";
    private static final MediaType APK = MediaType.of("application/vnd.android.package-archive");
    private final String configured;
    private Snapshot cached;

    AppDownloadController(@Value("${fg.apk.path:}") String configured) {
        this.configured = configured == null ? "" : configured.trim();
    }

    /** The APK's facts, or null when none is configured or the file is not there. */
    synchronized Snapshot current() throws IOException {
        if (configured.isEmpty()) {
            return null;
        }
        Path apk = Paths.get(configured);
        if (!Files.isRegularFile(apk)) {
            return null;
        }
        long size = Files.size(apk);
        long modified = Files.getLastModifiedTime(apk).toMillis();
        if (cached == null || cached.size != size || cached.modified != modified) {
            cached = new Snapshot(apk, size, modified, sha256(apk), versions(apk));
        }
        return cached;
    }

    @Get(DOWNLOAD_PATH)
    HttpResponse<byte[]> download() throws IOException {
        Snapshot s = require();
        return HttpResponse.ok(Files.readAllBytes(s.path)).contentType(APK)
                .header("Content-Disposition", "attachment; filename=\"floorgate-picker.apk\"")
                .header("X-FG-APK-SHA256", s.sha256);
    }

    @Get(value = "/api/v1/app", produces = MediaType.APPLICATION_JSON)
    AppRelease info() throws IOException {
        Snapshot s = require();
        return new AppRelease(s.versionCode, s.versionName, s.size, s.sha256, DOWNLOAD_PATH);
    }

    private Snapshot require() throws IOException {
        Snapshot s = current();
        if (s == null) {
            throw GatewayProblem.notFound(configured.isEmpty()
                    ? "no picker app on this gateway (fg.apk.path is not set)"
                    : "no picker app on this gateway (fg.apk.path names a file that is not there)");
        }
        return s;
    }

    private static String sha256(Path apk) throws IOException {
        try (InputStream in = Files.newInputStream(apk)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    private static Properties versions(Path apk) throws IOException {
        Properties p = new Properties();
        Path side = apk.resolveSibling(apk.getFileName() + ".properties");
        if (Files.isRegularFile(side)) {
            try (InputStream in = Files.newInputStream(side)) {
                p.load(in);
            }
        }
        return p;
    }

    /** One version of the file as served. */
    static final class Snapshot {
        final Path path;
        final long size;
        final long modified;
        final String sha256;
        final Integer versionCode;
        final String versionName;

        Snapshot(Path path, long size, long modified, String sha256, Properties versions) {
            this.path = path;
            this.size = size;
            this.modified = modified;
            this.sha256 = sha256;
            String code = versions.getProperty("versionCode");
            this.versionCode = code == null || !code.trim().matches("\\d{1,9}") ? null : Integer.valueOf(code.trim());
            this.versionName = versions.getProperty("versionName");
        }
    }
}
