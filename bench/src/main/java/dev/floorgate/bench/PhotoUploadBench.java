package dev.floorgate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.floorgate.testing.CameraJpegs;
import dev.floorgate.testing.S3TestServer;
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
 * Parcel photo upload throughput (issue 17), each path beside its baseline in one run, one client thread sending
 * one photo at a time (as a gateway's PhotoUploader does). Photos are camera-like JPEGs of ~1 MiB (noise over a
 * gradient, javax.imageio), each one distinct: the core stores a photo once per SHA-256, so a repeat would skip the
 * store step. Warm-up photos go through every path first and are not counted.
 * <ul>
 *   <li>To the store: the core's resumable path (open, chunk PUTs, complete with scrub, thumbnail and the photo's
 *   copy to S3; CorePhotoUploader), in-process (BenchCore) over loopback HTTP, against S3Proxy (test-support's
 *   S3TestServer), with chunks of 256 KiB and of 1 MiB. BASELINE: the same bytes PUT straight to the same S3Proxy
 *   with the AWS SDK, one PutObject each, with the client settings the core uses (PhotoIdentities).
 *   <li>At the gateway ({@code --gateway false} skips it): POST /api/v1/photos to the gateway jar (BenchGateway,
 *   mini-PC JVM options, no core). BASELINE: the same bytes written to a new file with fsync, same file system.
 * </ul>
 *
 * <pre>./floorgate bench PhotoUploadBench [--photos 20] [--warmup 3] [--gateway true]</pre>
 */
public final class PhotoUploadBench {
    private static final String BUCKET = "fg-photo-bench";
    /** As ./floorgate gateway runs it on a mini PC (GATEWAY_JAVA_OPTS). */
    private static final List<String> GATEWAY_JVM = List.of("-Xms32m", "-Xmx96m", "-XX:+UseSerialGC",
            "-XX:MaxDirectMemorySize=64m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m");
    /** 1840x1380 noise over a gradient encodes to about 1 MiB at ImageIO's default quality. */
    private static final int WIDTH = 1840;
    private static final int HEIGHT = 1380;

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
        boolean withGateway = true;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--photos" -> photos = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--gateway" -> withGateway = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--photos, --warmup, --gateway)");
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
                set.add(CameraJpegs.noisyGradient(WIDTH, HEIGHT, seed++));
            }
            sets.add(set);
        }
        long totalBytes = sets.stream().flatMap(List::stream).mapToLong(b -> b.length).sum();
        System.out.printf("FloorGate photo upload benchmark: %d photos per path (+%d warm-up), %dx%d JPEGs of %.2f MiB"
                + " on average, one client thread, %d cores%n", photos, warmup, WIDTH, HEIGHT,
                totalBytes / (double) (sets.size() * (warmup + photos)) / (1 << 20),
                Runtime.getRuntime().availableProcessors());

        Path dir = Files.createTempDirectory("fg-photo-bench-");
        try {
            List<Run> store = toTheStore(sets, chunkSizes, warmup);
            List<Run> gateway = withGateway ? atTheGateway(dir.resolve("gateway"), sets.get(0), warmup) : List.of();
            print("to the store: S3Proxy (filesystem backend) over loopback", store);
            System.out.println("(core: open, chunk PUTs each staged in S3, complete = read the chunks back, check "
                    + "SHA-256, scrub, thumbnail, store photo and thumbnail, delete the staged chunks)");
            if (!gateway.isEmpty()) {
                print("at the gateway (mini-PC JVM options), data directory on " + Files.getFileStore(dir).type(),
                        gateway);
                System.out.println("(gateway: 201 once the photo's file and its index row are durable; no core "
                        + "configured, so nothing is sent on)");
            }
            System.out.println("(MB = 10^6 bytes of the original JPEGs)");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The core's upload path with each chunk size beside one SDK PutObject per photo, all against one S3Proxy. */
    private static List<Run> toTheStore(List<List<byte[]>> sets, int[] chunkSizes, int warmup)
            throws Exception {
        int photos = sets.get(0).size() - warmup;
        try (S3TestServer s3proxy = S3TestServer.start(s3ProxyJar(), BUCKET);
                S3Client s3 = s3Client(s3proxy.endpoint()); BenchCore core = new BenchCore()) {
            core.start(0, s3proxy.settings(BUCKET));
            CorePhotoUploader uploader = new CorePhotoUploader(core.url(), WIDTH);
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
            runs.add(new Run("S3 PutObject direct (BASELINE)", photos * sets.size(), baselineBytes,
                    (System.nanoTime() - t0) / 1e9));
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
            return runs;
        }
    }

    /**
     * POST /api/v1/photos to the gateway jar (its own process, BenchGateway) beside writing the same bytes to a new
     * file with fsync in a directory of the same file system.
     */
    private static List<Run> atTheGateway(Path dir, List<byte[]> set, int warmup) throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain-files"));
        try (BenchGateway gateway = BenchGateway.start(dir, Map.of(), GATEWAY_JVM)) {
            String token = gateway.enroll("bench-camera", "acme", "SH01");
            for (int i = 0; i < warmup; i++) {
                writeAndSync(plain.resolve("warmup-" + i + ".jpg"), set.get(i));
                postPhoto(gateway, token, "W" + i, set.get(i));
            }
            long bytes = 0;
            long t0 = System.nanoTime();
            for (int i = warmup; i < set.size(); i++) {
                writeAndSync(plain.resolve(i + ".jpg"), set.get(i));
                bytes += set.get(i).length;
            }
            Run baseline = new Run("file write + fsync (BASELINE)", set.size() - warmup, bytes,
                    (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            for (int i = warmup; i < set.size(); i++) {
                postPhoto(gateway, token, "G" + i, set.get(i));
            }
            return List.of(baseline, new Run("gateway POST /api/v1/photos", set.size() - warmup, bytes,
                    (System.nanoTime() - t0) / 1e9));
        }
    }

    private static void postPhoto(BenchGateway gateway, String token, String parcelId, byte[] jpeg)
            throws IOException, InterruptedException {
        HttpResponse<String> r = gateway.http.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/photos")))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/jpeg").header("X-FG-Parcel-Id", "P-" + parcelId)
                .header("X-FG-Shot", "top").POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("POST /api/v1/photos of " + jpeg.length + " bytes for parcel P-" + parcelId
                    + " -> " + r.statusCode() + ": " + r.body() + " (log: " + gateway.logFile() + ")");
        }
    }

    private static void writeAndSync(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    private static void print(String title, List<Run> runs) {
        Run baseline = runs.get(0);
        System.out.println();
        System.out.println(title);
        System.out.println("path                              photos/s       MB/s   ms/photo   vs baseline");
        for (Run r : runs) {
            System.out.printf("%-32s %9.2f %10.2f %10.1f %12.2fx%n", r.name(), r.photosPerSecond(),
                    r.megabytesPerSecond(), r.seconds() * 1000 / r.photos(),
                    r.megabytesPerSecond() / baseline.megabytesPerSecond());
        }
    }

    private static void putDirect(S3Client s3, String key, byte[] photo) {
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key("bench/" + key).contentType("image/jpeg")
                .build(), RequestBody.fromBytes(photo));
    }

    /** The client settings of the core's PhotoIdentities, so the baseline differs only by the core's work. */
    /**
     * S3Proxy's jar as bench/pom.xml copies it (s3proxy-for-bench): bench/target/s3proxy/s3proxy.jar, found next to
     * this class's target/classes, so the bench runs from any directory.
     */
    private static Path s3ProxyJar() throws Exception {
        Path classes = Path.of(PhotoUploadBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent().resolve("s3proxy").resolve("s3proxy.jar");
    }

    private static S3Client s3Client(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }
}
