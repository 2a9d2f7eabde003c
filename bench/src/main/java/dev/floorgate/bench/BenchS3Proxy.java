package dev.floorgate.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy as its own JVM for a benchmark, as test-support's S3TestServer runs it (its Jetty and jclouds stay off the
 * core's classpath): the filesystem backend under {@code dir}, one identity, one bucket, on a free loopback port.
 * The jar is bench/target/s3proxy/s3proxy.jar (bench/pom.xml copies it there), found next to this class's
 * target/classes, so a bench runs from any directory.
 */
final class BenchS3Proxy implements AutoCloseable {
    static final String ACCESS_KEY = "fg-photo-bench";
    static final String SECRET_KEY = "fg-photo-bench-secret-0123456789";
    private final Process process;
    private final int port;

    private BenchS3Proxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BenchS3Proxy start(Path dir, String bucket) throws Exception {
        Path classes = Path.of(BenchS3Proxy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = classes.getParent().resolve("s3proxy").resolve("s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy at " + jar + ": build the bench module with Maven, whose "
                    + "maven-dependency-plugin (s3proxy-for-bench) copies it there");
        }
        int port = BenchGateway.freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve(bucket)); // the filesystem backend's bucket is a directory
        Path props = dir.resolve("s3proxy.conf");
        Files.writeString(props, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY, "jclouds.provider=filesystem", "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY, "jclouds.filesystem.basedir=" + data) + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BenchS3Proxy s3 = new BenchS3Proxy(p, port);
        try {
            s3.awaitUp(log);
        } catch (Exception e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitUp(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
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
        throw new IllegalStateException("S3Proxy did not answer on port " + port + " within 60 s: "
                + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
