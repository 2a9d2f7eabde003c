package dev.floorgate.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-API server for tests: S3Proxy 2.9.0 with jclouds' filesystem backend under a temp directory, run as its
 * own JVM from {@code target/s3proxy/s3proxy.jar} (copied there by the module's build), so its Jetty and jclouds never
 * meet Micronaut's classpath. Requests are checked with AWS signatures (V2 or V4, presigned URLs included) against
 * the access and secret key below; a bucket is a directory of the base directory.
 *
 * <p>{@link #startWithIdentities} serves several identities at once (issue 17 item 4), the way S3Proxy's Main does
 * for several {@code --properties} files: each identity has its own keys, its own filesystem store and its buckets
 * named by {@code s3proxy.bucket-locator.N}. S3Proxy 2.9.0's GlobBlobStoreLocator answers a request for a bucket
 * another identity's locator names with no store, which it refuses as 403 InvalidAccessKeyId before touching
 * anything; a bucket no locator names is looked up in the caller's own store only (404 NoSuchBucket).
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "fg-photos-test";
    public static final String SECRET_KEY = "fg-photos-test-secret-0123456789";
    public static final Path JAR = Paths.get("target", "s3proxy", "s3proxy.jar");
    final int port;
    final Path baseDir;
    private final Path dir;
    private final Process process;
    /** Bucket name -> the base directory of the identity that owns it. */
    private final Map<String, Path> bucketDirs;

    /** One S3 identity of the server: its keys and the buckets only it may use. */
    public record Identity(String accessKey, String secretKey, List<String> buckets) {
    }

    private S3TestServer(Path dir, int port, Process process, Map<String, Path> bucketDirs) {
        this.dir = dir;
        this.baseDir = dir.resolve("data");
        this.port = port;
        this.process = process;
        this.bucketDirs = bucketDirs;
    }

    /** One identity (ACCESS_KEY) that may use every bucket. */
    public static S3TestServer start(String... buckets) throws Exception {
        return start(JAR, List.of(new Identity(ACCESS_KEY, SECRET_KEY, List.of(buckets))), false);
    }

    /**
     * The same from another S3Proxy jar than this module's {@link #JAR}: a benchmark run from any directory names
     * the copy its own build made (bench/target/s3proxy/s3proxy.jar).
     */
    public static S3TestServer start(Path jar, String... buckets) throws Exception {
        return start(jar, List.of(new Identity(ACCESS_KEY, SECRET_KEY, List.of(buckets))), false);
    }

    /** Several identities, each with its own store and buckets no other identity may use. */
    public static S3TestServer startWithIdentities(Identity... identities) throws Exception {
        return start(JAR, List.of(identities), true);
    }

    private static S3TestServer start(Path jar, List<Identity> identities, boolean locators) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy at " + jar.toAbsolutePath() + ": build through Maven, whose "
                    + "maven-dependency-plugin copies it there (s3proxy-for-tests, s3proxy-for-bench)");
        }
        Path dir = Files.createTempDirectory("fg-photos-s3-");
        int port = freePort();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toAbsolutePath().toString()));
        Map<String, Path> bucketDirs = new HashMap<>();
        for (int i = 0; i < identities.size(); i++) {
            Identity id = identities.get(i);
            // the first identity keeps data/ (as before); the others data-1/, data-2/, ...
            Path data = Files.createDirectories(dir.resolve(i == 0 ? "data" : "data-" + i));
            List<String> lines = new ArrayList<>(List.of(
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + id.accessKey(),
                    "s3proxy.credential=" + id.secretKey(),
                    "jclouds.provider=filesystem",
                    "jclouds.identity=" + id.accessKey(),
                    "jclouds.credential=" + id.secretKey(),
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath()));
            for (int b = 0; b < id.buckets().size(); b++) {
                String bucket = id.buckets().get(b);
                Files.createDirectories(data.resolve(bucket)); // the filesystem backend's bucket is a directory
                if (bucketDirs.put(bucket, data) != null) {
                    throw new IllegalArgumentException("bucket " + bucket + " is given to two identities");
                }
                if (locators) {
                    lines.add("s3proxy.bucket-locator." + (b + 1) + "=" + bucket);
                }
            }
            Path props = dir.resolve("s3proxy-" + i + ".conf");
            Files.writeString(props, String.join("\n", lines) + "\n");
            command.add("--properties");
            command.add(props.toString());
        }
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3TestServer server = new S3TestServer(dir, port, p, bucketDirs);
        try {
            server.awaitUp();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The fg.photos.* settings that point the core at this server. */
    public Map<String, Object> settings(String bucket) {
        Map<String, Object> m = new HashMap<>();
        m.put("fg.photos.endpoint", endpoint());
        m.put("fg.photos.bucket", bucket);
        m.put("fg.photos.access-key", ACCESS_KEY);
        m.put("fg.photos.secret-key", SECRET_KEY);
        m.put("fg.photos.path-style", "true");
        return m;
    }

    /** The same settings in the environment form (FG_PHOTOS_*), for a core run as a process. */
    public Map<String, String> coreEnv(String bucket) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        settings(bucket).forEach((k, v) -> env.put(k.toUpperCase(java.util.Locale.ROOT).replace('.', '_')
                .replace('-', '_'), String.valueOf(v)));
        return env;
    }

    /** Every object file of the bucket, relative to it (the filesystem backend stores keys as paths). */
    public List<String> objects(String bucket) throws IOException {
        Path root = bucketDirs.getOrDefault(bucket, baseDir).resolve(bucket);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/").openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int status = c.getResponseCode(); // 403 without a signature: up
                c.disconnect();
                if (status > 0) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("S3Proxy did not answer on port " + port + " within 60 s: " + log());
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("s3proxy.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
