package dev.floorgate.bench;

import dev.floorgate.protocol.RequestSigner;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Parcel photo upload throughput to the store (issue 17): the core's resumable path (open, chunk PUTs, complete with
 * scrub, thumbnail and the photo's copy to S3), in-process (BenchCore) over loopback HTTP, against S3Proxy (its own
 * JVM, filesystem backend in a temp directory), with chunks of 256 KiB and of 1 MiB. BASELINE: the same bytes sent
 * straight to the same S3Proxy with the AWS SDK, one PutObject each, with the client settings the core uses
 * (PhotoIdentities). Photos are real camera-like JPEGs of ~1 MiB (noise over a gradient, javax.imageio), each one
 * distinct: the core stores a photo once per SHA-256, so a repeat would skip the store step. One client thread,
 * one photo at a time, as a gateway's PhotoUploader sends them. Warm-up photos go through every path first.
 *
 * <pre>./floorgate bench PhotoUploadBench [--photos 20] [--warmup 3]</pre>
 */
public final class PhotoUploadBench {
    private static final String BUCKET = "fg-photo-bench";
    private static final String ACCESS_KEY = "fg-photo-bench";
    private static final String SECRET_KEY = "fg-photo-bench-secret-0123456789";
    /** 1840x1380 noise over a gradient encodes to about 1 MiB at ImageIO's default quality. */
    private static final int WIDTH = 1840;
    private static final int HEIGHT = 1380;
    private static final Pattern UPLOAD_ID = Pattern.compile("\"uploadId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern OFFSET = Pattern.compile("\"offset\"\\s*:\\s*(\\d+)");
    private static final Pattern PHOTO_WIDTH = Pattern.compile("\"width\"\\s*:\\s*(\\d+)");

    private PhotoUploadBench() {
    }

    /** One measured path: photos, bytes and the time they took. */
    private record Run(String name, int photos, long bytes, double seconds) {
        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double photosPerSecond() {
            return photos / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the core's blocking executor keeps an idle non-daemon thread for 60 s after its context closed
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int photos = 20;
        int warmup = 3;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--photos" -> photos = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--photos, --warmup)");
            }
        }
        if (photos < 1 || warmup < 0) {
            throw new IllegalArgumentException("--photos must be >= 1 and --warmup >= 0, were " + photos + ", "
                    + warmup);
        }
        int[] chunkSizes = {256 * 1024, 1024 * 1024};
        // one distinct set per core variant (the core stores a SHA-256 once); the baseline sends both sets
        List<List<byte[]>> sets = new ArrayList<>();
        long seed = System.nanoTime();
        for (int v = 0; v < chunkSizes.length; v++) {
            List<byte[]> set = new ArrayList<>();
            for (int i = 0; i < warmup + photos; i++) {
                set.add(jpeg(WIDTH, HEIGHT, seed++));
            }
            sets.add(set);
        }
        long totalBytes = sets.stream().flatMap(List::stream).mapToLong(b -> b.length).sum();
        System.out.printf("FloorGate photo upload benchmark: %d photos per path (+%d warm-up), %dx%d JPEGs of %.2f MiB"
                + " on average, one client thread, %d cores%n", photos, warmup, WIDTH, HEIGHT,
                totalBytes / (double) (sets.size() * (warmup + photos)) / (1 << 20),
                Runtime.getRuntime().availableProcessors());

        Path dir = Files.createTempDirectory("fg-photo-bench-");
        Process s3proxy = null;
        try {
            int s3Port = freePort();
            s3proxy = startS3Proxy(dir, s3Port);
            String endpoint = "http://127.0.0.1:" + s3Port;
            try (S3Client s3 = s3Client(endpoint); BenchCore core = new BenchCore()) {
                core.start(0, Map.of("fg.photos.endpoint", endpoint, "fg.photos.bucket", BUCKET,
                        "fg.photos.access-key", ACCESS_KEY, "fg.photos.secret-key", SECRET_KEY,
                        "fg.photos.path-style", "true"));
                CoreUploader uploader = new CoreUploader(core.url());
                for (int v = 0; v < chunkSizes.length; v++) { // warm-up: every path, with photos not measured
                    for (int i = 0; i < warmup; i++) {
                        putDirect(s3, "warmup/" + v + "-" + i, sets.get(v).get(i));
                        uploader.upload("W" + v + "-" + i, sets.get(v).get(i), chunkSizes[v]);
                    }
                }
                List<Run> runs = new ArrayList<>();
                long t0 = System.nanoTime();
                long baselineBytes = 0;
                for (List<byte[]> set : sets) {
                    for (int i = warmup; i < set.size(); i++) {
                        putDirect(s3, "direct/" + baselineBytes, set.get(i));
                        baselineBytes += set.get(i).length;
                    }
                }
                Run baseline = new Run("S3 PutObject direct (BASELINE)", photos * sets.size(), baselineBytes,
                        (System.nanoTime() - t0) / 1e9);
                runs.add(baseline);
                for (int v = 0; v < chunkSizes.length; v++) {
                    long bytes = 0;
                    long start = System.nanoTime();
                    for (int i = warmup; i < warmup + photos; i++) {
                        byte[] photo = sets.get(v).get(i);
                        uploader.upload("B" + v + "-" + i, photo, chunkSizes[v]);
                        bytes += photo.length;
                    }
                    runs.add(new Run("core, chunks of " + chunkSizes[v] / 1024 + " KiB", photos, bytes,
                            (System.nanoTime() - start) / 1e9));
                }
                System.out.println();
                System.out.println("path                              photos/s       MB/s   ms/photo   vs baseline");
                for (Run r : runs) {
                    System.out.printf("%-32s %9.2f %10.2f %10.1f %12.2fx%n", r.name(), r.photosPerSecond(),
                            r.megabytesPerSecond(), r.seconds() * 1000 / r.photos(),
                            r.megabytesPerSecond() / baseline.megabytesPerSecond());
                }
                System.out.println("(core: open, chunk PUTs, complete = reassemble, check SHA-256, scrub, thumbnail, "
                        + "store photo and thumbnail, delete the staged chunks; MB = 10^6 bytes of the original)");
            }
        } finally {
            if (s3proxy != null) {
                s3proxy.destroy();
                if (!s3proxy.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    s3proxy.destroyForcibly();
                }
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The core's resumable upload as a gateway's PhotoUploader drives it, signed with BenchCore's key. */
    private static final class CoreUploader {
        private final String url;
        private final RequestSigner signer = new RequestSigner(BenchCore.KEY_ID, BenchCore.SECRET);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        CoreUploader(String url) {
            this.url = url;
        }

        void upload(String parcelId, byte[] photo, int chunkBytes) throws IOException, InterruptedException {
            String open = "{\"tenant\":\"acme\",\"warehouse\":\"WH1\",\"parcelId\":\"P-" + parcelId
                    + "\",\"shot\":\"top\",\"contentType\":\"image/jpeg\",\"size\":" + photo.length
                    + ",\"sha256\":\"" + sha256(photo) + "\"}";
            String uploadId = group(UPLOAD_ID, send("POST", "/v1/photos/uploads",
                    open.getBytes(StandardCharsets.UTF_8), "application/json"), "uploadId");
            String path = "/v1/photos/uploads/acme/" + uploadId;
            for (int offset = 0; offset < photo.length; offset += chunkBytes) {
                int len = Math.min(chunkBytes, photo.length - offset);
                byte[] chunk = java.util.Arrays.copyOfRange(photo, offset, offset + len);
                String answer = send("PUT", path + "?offset=" + offset, chunk, "application/octet-stream");
                long now = Long.parseLong(group(OFFSET, answer, "offset"));
                if (now != offset + len) {
                    throw new IllegalStateException("the core acknowledged offset " + now + " after the chunk of "
                            + len + " bytes at " + offset + " of upload " + uploadId);
                }
            }
            String links = send("POST", path + "/complete", new byte[0], null);
            int width = Integer.parseInt(group(PHOTO_WIDTH, links, "width"));
            if (width != WIDTH) { // proves the photo was decoded and stored, not only staged
                throw new IllegalStateException("upload " + uploadId + " completed with width " + width
                        + ", expected " + WIDTH + ": " + links);
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
                throw new IOException(method + " " + pathWithQuery + " (" + body.length + " bytes) -> "
                        + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }

    private static String group(Pattern p, String json, String what) {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " in the core's answer: " + json);
        }
        return m.group(1);
    }

    private static void putDirect(S3Client s3, String key, byte[] photo) {
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key("bench/" + key).contentType("image/jpeg")
                .build(), RequestBody.fromBytes(photo));
    }

    /** The client settings of the core's PhotoIdentities, so the baseline differs only by the core's work. */
    private static S3Client s3Client(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    /**
     * S3Proxy as its own JVM (as test-support's S3TestServer runs it) from bench/target/s3proxy/s3proxy.jar, found
     * next to this class's target/classes, so the bench runs from any directory.
     */
    private static Process startS3Proxy(Path dir, int port) throws Exception {
        Path classes = Path.of(PhotoUploadBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = classes.getParent().resolve("s3proxy").resolve("s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy at " + jar + ": build the bench module with Maven, whose "
                    + "maven-dependency-plugin (s3proxy-for-bench) copies it there");
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve(BUCKET)); // the filesystem backend's bucket is a directory
        Path props = dir.resolve("s3proxy.conf");
        Files.writeString(props, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY, "jclouds.provider=filesystem", "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY, "jclouds.filesystem.basedir=" + data) + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL()
                        .openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int status = c.getResponseCode(); // 403 without a signature: up
                c.disconnect();
                if (status > 0) {
                    return p;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("S3Proxy did not answer on port " + port + " within 60 s: "
                + Files.readString(log));
    }

    /** A camera-like JPEG: noise over a gradient, so it compresses about as badly as a photo. */
    private static byte[] jpeg(int w, int h, long seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (x * 255 / w) << 16 | (y * 255 / h) << 8;
                img.setRGB(x, y, base ^ r.nextInt(1 << 24) & 0x7F7F7F);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
