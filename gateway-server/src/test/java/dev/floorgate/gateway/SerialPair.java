package dev.floorgate.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by {@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}: what is written to
 * one end comes out of the other, like a null-modem cable between a serial scanner and the gateway. Started and
 * stopped by the test.
 */
final class SerialPair implements AutoCloseable {
    final Path gatewayEnd;
    final Path deviceEnd;
    private final Process socat;

    SerialPair(Path dir) throws IOException, InterruptedException {
        gatewayEnd = dir.resolve("ttyGateway");
        deviceEnd = dir.resolve("ttyDevice");
        Path log = dir.resolve("socat.log");
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + gatewayEnd,
                "pty,raw,echo=0,link=" + deviceEnd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(gatewayEnd) || !Files.exists(deviceEnd)) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("socat made no pty pair at " + gatewayEnd + " / " + deviceEnd + ": "
                        + (Files.exists(log) ? Files.readString(log) : "no log"));
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(5, TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
