package dev.floorgate.bench;

import dev.floorgate.protocol.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core's resumable photo upload (CORE-API.md "Parcel photos") as a gateway's PhotoUploader drives it, without
 * the gateway's buffer: open, chunk PUTs at the acknowledged offset, complete; signed with BenchCore's key for
 * tenant acme. Every answer is checked (offsets, the stored photo's width), so a bench cannot time failures.
 */
final class CorePhotoUploader {
    private static final Pattern UPLOAD_ID = Pattern.compile("\"uploadId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern OFFSET = Pattern.compile("\"offset\"\\s*:\\s*(\\d+)");
    private static final Pattern PHOTO_WIDTH = Pattern.compile("\"width\"\\s*:\\s*(\\d+)");
    private final String url;
    private final int expectedWidth;
    private final RequestSigner signer = new RequestSigner(BenchCore.KEY_ID, BenchCore.SECRET);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Uploads to the core at {@code url}; each photo must come back {@code expectedWidth} pixels wide. */
    CorePhotoUploader(String url, int expectedWidth) {
        this.url = url;
        this.expectedWidth = expectedWidth;
    }

    void upload(String parcelId, byte[] photo, int chunkBytes) throws IOException, InterruptedException {
        String open = "{\"tenant\":\"acme\",\"warehouse\":\"WH1\",\"parcelId\":\"P-" + parcelId
                + "\",\"shot\":\"top\",\"contentType\":\"image/jpeg\",\"size\":" + photo.length
                + ",\"sha256\":\"" + sha256(photo) + "\"}";
        String uploadId = group(UPLOAD_ID, send("POST", "/v1/photos/uploads", open.getBytes(StandardCharsets.UTF_8),
                "application/json"), "uploadId");
        String path = "/v1/photos/uploads/acme/" + uploadId;
        for (int offset = 0; offset < photo.length; offset += chunkBytes) {
            int len = Math.min(chunkBytes, photo.length - offset);
            byte[] chunk = Arrays.copyOfRange(photo, offset, offset + len);
            long now = Long.parseLong(group(OFFSET, send("PUT", path + "?offset=" + offset, chunk,
                    "application/octet-stream"), "offset"));
            if (now != offset + len) {
                throw new IllegalStateException("the core acknowledged offset " + now + " after the chunk of " + len
                        + " bytes at " + offset + " of upload " + uploadId);
            }
        }
        String links = send("POST", path + "/complete", new byte[0], null);
        int width = Integer.parseInt(group(PHOTO_WIDTH, links, "width"));
        if (width != expectedWidth) { // the photo was decoded and stored, not only staged
            throw new IllegalStateException("upload " + uploadId + " completed with width " + width + ", expected "
                    + expectedWidth + ": " + links);
        }
    }

    private String send(String method, String pathWithQuery, byte[] body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + pathWithQuery))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        signer.headers(method, pathWithQuery, body).forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + pathWithQuery + " (" + body.length + " bytes) -> " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body();
    }

    private static String group(Pattern p, String json, String what) {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " in the core's answer: " + json);
        }
        return m.group(1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
