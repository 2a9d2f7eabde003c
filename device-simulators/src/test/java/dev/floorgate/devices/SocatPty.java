package dev.floorgate.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat for a test ({@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}):
 * bytes written to one end come out of the other, as on a null-modem cable. Started by the test, stopped by it.
 */
final class SocatPty implements AutoCloseable {

    private final Process process;
    final Path a;
    final Path b;

    SocatPty(Path dir) throws IOException, InterruptedException {
        this.a = dir.resolve("ttyA");
        this.b = dir.resolve("ttyB");
        this.process = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("socat did not create " + a + " and " + b + ": "
                        + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
