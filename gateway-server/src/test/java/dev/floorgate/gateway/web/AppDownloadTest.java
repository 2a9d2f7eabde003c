package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picker APK served from fg.apk.path, its version for the app, and the install QR beside the enrollment QR. */
class AppDownloadTest {
    @TempDir
    Path dir;

    @Test
    void theApkIsServedWithItsChecksumAndVersionAndItsInstallQrComesWithTheEnrollmentCode() throws Exception {
        Path apk = dir.resolve("floorgate-picker.apk");
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        Files.write(apk, bytes);
        Files.writeString(dir.resolve("floorgate-picker.apk.properties"), "versionCode=7\nversionName=1.2.0\n");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        try (TestGateway gateway = new TestGateway(dir.resolve("data"), Map.of("fg.apk.path", apk.toString()))) {
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.url("/app/floorgate-picker.apk"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(bytes);
            assertThat(download.headers().firstValue("Content-Type"))
                    .hasValue("application/vnd.android.package-archive");
            assertThat(download.headers().firstValue("X-FG-APK-SHA256")).hasValue(sha);

            String info = gateway.get("/api/v1/app", null).body();
            assertThat(info).contains("\"versionCode\":7").contains("\"versionName\":\"1.2.0\"")
                    .contains("\"size\":200000").contains("\"sha256\":\"" + sha + "\"")
                    .contains("\"path\":\"/app/floorgate-picker.apk\"");

            HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment", TestGateway.ADMIN_TOKEN,
                    "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
            assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
            assertThat(TestGateway.field(code.body(), "appUrl"))
                    .matches("https?://[^/]+/app/floorgate-picker\\.apk#sha256=" + sha);
            assertThat(TestGateway.field(code.body(), "appSha256")).isEqualTo(sha);
            assertThat(code.body()).contains("\"appQrSvg\":\"<svg ");

            // Replacing the file is the whole update: the next answer has the new checksum and version.
            byte[] newer = new byte[1000];
            Files.write(apk, newer);
            Files.setLastModifiedTime(apk, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Files.writeString(dir.resolve("floorgate-picker.apk.properties"), "versionCode=8\nversionName=1.3.0\n");
            String sha2 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(newer));
            assertThat(gateway.get("/api/v1/app", null).body()).contains("\"versionCode\":8").contains(sha2);
        }
    }

    @Test
    void withoutAnApkBothAnswer404NamingTheSettingAndTheEnrollmentHasNoInstallQr() throws Exception {
        try (TestGateway gateway = new TestGateway(dir.resolve("data"), Map.of())) {
            HttpResponse<String> info = gateway.get("/api/v1/app", null);
            assertThat(info.statusCode()).isEqualTo(404);
            assertThat(info.body()).contains("fg.apk.path").doesNotContain("Exception").doesNotContain("dev.floorgate");
            assertThat(gateway.get("/app/floorgate-picker.apk", null).statusCode()).isEqualTo(404);
            HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment", TestGateway.ADMIN_TOKEN,
                    "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
            assertThat(code.body()).contains("\"appUrl\":null").contains("\"appQrSvg\":null");
        }
        // a path that names no file refuses the start (GatewaySettingsCheckTest); one removed later is a 404 naming it
        Path removedLater = dir.resolve("removed.apk");
        Files.write(removedLater, new byte[] {'P', 'K', 3, 4});
        try (TestGateway gateway = new TestGateway(dir.resolve("data2"),
                Map.of("fg.apk.path", removedLater.toString()))) {
            Files.delete(removedLater);
            assertThat(gateway.get("/api/v1/app", null).body()).contains("a file that is not there");
        }
    }
}
