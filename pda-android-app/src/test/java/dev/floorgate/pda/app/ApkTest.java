package dev.floorgate.pda.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The APK this build made, checked with the tools a site would use: apksigner and aapt. */
class ApkTest {
    private static final Path APK = Paths.get(System.getProperty("fg.apk.file", "target/floorgate-picker.apk"));

    @Test
    void theApkIsSignedAndVerifies() throws Exception {
        assertThat(APK).isRegularFile();
        String out = run("apksigner", "verify", "--verbose", APK.toString());
        assertThat(out).contains("Verifies").contains("Verified using v2 scheme (APK Signature Scheme v2): true");
    }

    @Test
    void badgingShowsPackageVersionsSdkLevelsPermissionsAndTheLauncherActivity() throws Exception {
        String b = run("aapt", "dump", "badging", APK.toString());
        assertThat(b).contains("package: name='" + System.getProperty("fg.apk.package") + "' versionCode='"
                + System.getProperty("fg.apk.versionCode") + "' versionName='"
                + System.getProperty("fg.apk.versionName")
                + "'");
        assertThat(b).contains("sdkVersion:'26'").contains("targetSdkVersion:'35'");
        assertThat(b).contains("uses-permission: name='android.permission.INTERNET'")
                .contains("uses-permission: name='android.permission.FOREGROUND_SERVICE_DATA_SYNC'")
                .contains("uses-permission: name='android.permission.VIBRATE'")
                .contains("uses-permission: name='com.honeywell.decode.permission.DECODE'");
        assertThat(b).contains("launchable-activity: name='dev.floorgate.pda.app.PickerActivity'");
    }

    @Test
    void theManifestDeclaresThePhotoProviderAndLooksForTheCameraAppWithoutTheCameraPermission() throws Exception {
        String tree = run("aapt", "dump", "xmltree", APK.toString(), "AndroidManifest.xml");
        assertThat(tree).contains("E: provider").contains("\"dev.floorgate.pda.app.PhotoFileProvider\"")
                .contains("\"" + System.getProperty("fg.apk.package") + ".photos\"")
                .contains("E: queries").contains("\"android.media.action.IMAGE_CAPTURE\"");
        assertThat(run("aapt", "dump", "permissions", APK.toString())).doesNotContain("android.permission.CAMERA");
    }

    @Test
    void theDexCarriesTheAppTheClientLibraryAndTheTypedApi() throws Exception {
        try (ZipFile zip = new ZipFile(APK.toFile())) {
            ZipEntry dex = zip.getEntry("classes.dex");
            assertThat(dex).as("classes.dex at the APK's root").isNotNull();
            String strings;
            try (InputStream in = zip.getInputStream(dex)) {
                strings = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            assertThat(strings).contains("Ldev/floorgate/pda/app/PickerActivity;")
                    .contains("Ldev/floorgate/pda/app/PhotoFileProvider;")
                    .contains("Ldev/floorgate/pda/OperationQueue;").contains("Ldev/floorgate/pda/FileQueueStorage;")
                    .contains("Ldev/floorgate/lan/PickTask;").contains("Ldev/floorgate/barcodes/")
                    .contains("Lokhttp3/OkHttpClient;");
            assertThat(zip.getEntry("AndroidManifest.xml")).isNotNull();
        }
        assertThat(Files.size(APK)).as("APK size").isBetween(100_000L, 10_000_000L);
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + text).isZero();
        return text;
    }
}
