package dev.floorgate.systemtests;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy (an S3-API server over a directory) as its own process, from {@code target/s3proxy/s3proxy.jar} (copied
 * by the module's build, as inventory-core's does): the object store behind the core's photo routes.
 */
final class S3ProxyProcess implements AutoCloseable {
    static final Path JAR = Paths.get("target", "s3proxy", "s3proxy.jar");
    static final String ACCESS_KEY = "fg-photobuf-access";
    static final String SECRET_KEY = "fg-photobuf-secret-0123456789";

    final int port;
    private final Path dir;
    private final Process process;

    private S3ProxyProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts it with a data directory under {@code parent} and the buckets given. */
    static S3ProxyProcess start(Path parent, String... buckets) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no S3Proxy at " + JAR.toAbsolutePath() + ": build through Maven, whose "
                    + "process-test-resources phase copies it there (maven-dependency-plugin, s3proxy-for-tests)");
        }
        Path dir = Files.createDirectories(parent.resolve("s3proxy"));
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String b : buckets) {
            Files.createDirectories(data.resolve(b)); // the filesystem backend's bucket is a directory
        }
        int port = ServiceProcess.freePort();
        Path props = dir.resolve("s3proxy.conf");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                ""));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                "--properties", props.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3ProxyProcess s3 = new S3ProxyProcess(dir, port, p);
        try {
            s3.awaitUp();
        } catch (Exception e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The core's settings (env form, FG_PHOTOS_*) that point it at this server and bucket. */
    Map<String, String> coreEnv(String bucket) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FG_PHOTOS_ENDPOINT", endpoint());
        env.put("FG_PHOTOS_BUCKET", bucket);
        env.put("FG_PHOTOS_ACCESS_KEY", ACCESS_KEY);
        env.put("FG_PHOTOS_SECRET_KEY", SECRET_KEY);
        env.put("FG_PHOTOS_PATH_STYLE", "true");
        return env;
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

    String log() {
        try {
            return Files.readString(dir.resolve("s3proxy.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
