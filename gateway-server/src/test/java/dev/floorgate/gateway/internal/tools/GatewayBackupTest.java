package dev.floorgate.gateway.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floorgate-gateway backup} of a running gateway that keeps taking operations, {@code restore} refused while
 * it runs and done once it stopped, and a damaged or foreign file refused without touching the folder.
 */
class GatewayBackupTest {
    @TempDir
    Path tmp;

    private static String opId(int n) {
        return String.format("0190f5c2-7b1a-7c3e-8f00-%012d", n);
    }

    private static String receive(int n) {
        return "{\"opId\":\"" + opId(n) + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\","
                + "\"sku\":\"SKU-1\",\"qty\":1,\"location\":\"A-01-01\"}";
    }

    private TestGateway start(Path data) {
        return new TestGateway(data, Map.of());
    }

    @Test
    void aBackupWhileOperationsArriveRestoresOnAStoppedGatewayOnly() throws Exception {
        Path data = tmp.resolve("data");
        Path file = tmp.resolve("backups/gw.fgbackup");
        String token;
        int acceptedDuringBackup;
        try (TestGateway gateway = start(data)) {
            gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                    new SkuItem("acme", "SKU-1", "Item", "EA", List.of(), List.of()),
                    new LocationItem("acme", "SH01", "A-01-01", "BIN")));
            token = gateway.enroll("pda-1", "acme", "SH01");
            for (int i = 1; i <= 20; i++) {
                assertThat(gateway.post("/api/v1/operations", token, receive(i)).statusCode()).isEqualTo(202);
            }
            assertThat(gateway.post("/api/v1/parcels/intake", token,
                    "{\"scan\":\"RB123456785GB\",\"location\":\"NO-OWNER-1\"}").statusCode()).isEqualTo(201);
            // a PDA keeps sending while the backup runs: the snapshot must still be a whole database
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger(1000);
            String t = token;
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        gateway.post("/api/v1/operations", t, receive(next.incrementAndGet()));
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            writer.start();
            Thread.sleep(200);
            List<String> saved = GatewayBackup.backup(data, file);
            stop.set(true);
            writer.join();
            acceptedDuringBackup = next.get() - 1000;
            assertThat(saved).contains("gateway.db", "outbox.db", "cache.db", "parcels.db");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString()))
                    .containsExactly("gw.fgbackup"); // no snapshot folder or partial file left behind

            assertThat(gateway.post("/api/v1/operations", token, receive(99)).statusCode()).isEqualTo(202);
            assertThatThrownBy(() -> GatewayBackup.restore(file, data)).isInstanceOf(IOException.class)
                    .hasMessageContaining("stop the gateway first");
            assertThat(gateway.get("/api/v1/operations/" + opId(99), token).statusCode()).isEqualTo(200);
        }
        assertThat(acceptedDuringBackup).isPositive();

        assertThat(GatewayBackup.restore(file, data)).contains("gateway.db", "outbox.db", "cache.db");
        try (TestGateway gateway = start(data)) {
            for (int i = 1; i <= 20; i++) {
                assertThat(gateway.get("/api/v1/operations/" + opId(i), token).statusCode()).as("op %d", i)
                        .isEqualTo(200);
            }
            // the parcel intake not yet at the core came back too
            assertThat(gateway.get("/api/v1/parcels/intakes?state=PENDING", token).body())
                    .contains("\"trackingKey\":\"RB123456785GB\"");
            // made after the backup: gone with the restore (the device's token came back with gateway.db)
            assertThat(gateway.get("/api/v1/operations/" + opId(99), token).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aDamagedOrForeignFileIsRefusedAndTheFolderStaysAsItWas() throws Exception {
        Path data = tmp.resolve("data");
        Path file = tmp.resolve("gw.fgbackup");
        String token;
        try (TestGateway gateway = start(data)) {
            gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                    new SkuItem("acme", "SKU-1", "Item", "EA", List.of(), List.of()),
                    new LocationItem("acme", "SH01", "A-01-01", "BIN")));
            token = gateway.enroll("pda-1", "acme", "SH01");
            GatewayBackup.backup(data, file);
            assertThat(gateway.post("/api/v1/operations", token, receive(7)).statusCode()).isEqualTo(202);
        }
        // outbox.db with its middle overwritten: quick_check fails, nothing is restored
        Path damaged = tmp.resolve("damaged.fgbackup");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("outbox.db")) {
                    for (int i = 4096; i < Math.min(bytes.length, 12288); i++) {
                        bytes[i] = (byte) 0x5a;
                    }
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> GatewayBackup.restore(damaged, data)).isInstanceOf(IOException.class)
                .hasMessageContaining("outbox.db").hasMessageContaining(damaged.toString());
        Path foreign = tmp.resolve("notes.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(foreign))) {
            out.putNextEntry(new ZipEntry("gateway.db"));
            out.write("not a database".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThatThrownBy(() -> GatewayBackup.restore(foreign, data)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a FloorGate backup");
        try (TestGateway gateway = start(data)) {
            assertThat(gateway.get("/api/v1/operations/" + opId(7), token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theCommandLineSaysHowToUseItAndNamesTheFailure() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int usage = GatewayCommands.run(new String[] {"backup"}, new PrintStream(out), new PrintStream(err));
        assertThat(usage).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: floorgate-gateway backup FILE");
        err.reset();
        int missing = GatewayCommands.run(new String[] {"restore", tmp.resolve("nope.fgbackup").toString()},
                new PrintStream(out), new PrintStream(err));
        assertThat(missing).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("restore failed").contains("nope.fgbackup");
    }
}
