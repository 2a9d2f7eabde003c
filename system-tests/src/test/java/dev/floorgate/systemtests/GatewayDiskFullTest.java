package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.GatewayException;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 10 on a real full disk (issue 18 item 2): the gateway's data folder on a 24 MiB ext4 loop image,
 * PDAs (the PDA client library, four threads) posting while a filler file eats every block. New operations get
 * 507 DISK_FULL with figures and no path, never 500; every 202 reaches the core's ledger exactly once and no
 * refused operation does; the SQLite files pass integrity_check; print jobs queued before stay intact; a restart
 * on the full disk starts; deleting the filler lets operations in again, measured.
 */
class GatewayDiskFullTest {
    private static final int PDAS = 4;
    private static final long FLOOR = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFullDataDiskRefusesWith507LosesNothingAndRecoversWhenSpaceReturns() throws Exception {
        LoopMount disk;
        try {
            disk = LoopMount.ext4(dir.resolve("disk"), 24);
        } catch (IOException refused) {
            // only the documented escape skips; anywhere else a refused mount fails the test with its one line
            Assumptions.abort(LoopMount.skipOrThrow(refused));
            return;
        }
        try (disk; Chain chain = new Chain(dir)) {
            Path data = disk.path().resolve("gw");
            Files.writeString(dir.resolve("printers.yml"), String.join("\n", "fg:", "  printers:", "    dock-1:",
                    // nobody listens there: the jobs wait in the spool, which lives on the full disk
                    "      url: tcp://127.0.0.1:" + ServiceProcess.freePort() + "?connectTimeout=1s", ""));
            chain.startCore();
            chain.seed("acme", 4);
            chain.gatewayEnv("FG_DATA_DIR", data.toString()).gatewayEnv("FG_SYNC_DISK_FLOOR", Long.toString(FLOOR))
                    .gatewayEnv("MICRONAUT_CONFIG_FILES", dir.resolve("printers.yml").toString()).startGateway();
            List<String> jobs = List.of("before-fill-1", "before-fill-2");
            for (String job : jobs) {
                HttpResponse<String> r = chain.gatewayPost("/api/v1/print-jobs", Chain.ADMIN, "{\"jobId\":\"" + job
                        + "\",\"tenant\":\"acme\",\"printer\":\"dock-1\",\"template\":\"bin-location\",\"data\":"
                        + "{\"bin\":\"K-09-" + job.charAt(job.length() - 1) + "\",\"warehouse\":\"SH01\"}}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
            Pdas pdas = new Pdas(chain);
            pdas.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> pdas.acked.size() >= 100);
            long filled = disk.fill(disk.path().resolve("filler"));
            int ackedAtFill = pdas.acked.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> pdas.refusals.size() >= 20);
            Thread.sleep(1000);
            pdas.stop();

            assertThat(pdas.broken).as("statuses other than 202 and 507, and dropped calls").isEmpty();
            for (GatewayException e : pdas.refusals) {
                assertThat(e.status()).isEqualTo(507);
                assertThat(e.code()).isEqualTo("DISK_FULL");
                assertThat(e.gatewayMessage()).containsPattern("\\d+ bytes usable").doesNotContain(disk.path()
                        .toString()).doesNotContain("SQL").doesNotContain("Exception").doesNotContain("at dev.");
            }
            HttpResponse<String> health = chain.gatewayGet("/health", null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(Long.parseLong(health.body().replaceAll("(?s).*\"diskFreeBytes\":(-?\\d+).*", "$1")))
                    .as("/health's diskFreeBytes on the full disk").isLessThan(FLOOR);

            chain.gateway.stop(); // a restart with the disk still full: it must start and keep everything
            chain.startGateway();
            assertThat(chain.gatewayGet("/health", null).statusCode()).isEqualTo(200);
            // gateway.db itself is full now: an enrollment (a row there) is refused with the same 507, not a 500
            HttpResponse<String> code = chain.gatewayPost("/api/v1/admin/enrollment-codes", Chain.ADMIN,
                    "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
            assertThat(code.statusCode()).as(code.body() + "\n" + chain.gateway.tail()).isIn(200, 201, 507);
            if (code.statusCode() == 507) {
                assertThat(code.body()).contains("\"error\":\"DISK_FULL\"").doesNotContain(disk.path().toString());
            }
            for (String job : jobs) {
                String body = chain.gatewayGet("/api/v1/print-jobs/" + job, Chain.ADMIN).body();
                assertThat(body).contains("\"jobId\":\"" + job + "\"").contains("K-09-" + job.charAt(job.length() - 1))
                        .containsPattern("\"state\":\"(QUEUED|HELD)\"");
            }

            Files.delete(disk.path().resolve("filler"));
            long freedAt = System.nanoTime();
            GatewayClient late = new GatewayClient(chain.gateway.url(""), GatewayClient.defaultHttpClient())
                    .withToken(pdas.firstToken);
            List<Operation> one = List.of(receive("after-restart"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> late.submit(one).accepted().size() == 1);
            double recoverySeconds = (System.nanoTime() - freedAt) / 1e9;
            pdas.acked.add(one.get(0).opId());
            chain.enroll("after-space-returned", "acme"); // gateway.db takes rows again

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    chain.ledgerExists() && chain.queryLong("SELECT COUNT(*) FROM ledger") >= pdas.acked.size());
            Thread.sleep(1000); // a second copy of anything would be written by now
            assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger")).as("ledger rows: the 202s, no 507").isEqualTo(
                    pdas.acked.size());
            assertThat(chain.queryLong("SELECT COUNT(DISTINCT op_id) FROM ledger")).isEqualTo(pdas.acked.size());
            for (String refused : pdas.refusedIds) {
                assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE op_id = ?", refused))
                        .as("op %s was refused with 507, so it must not be applied", refused).isZero();
            }
            chain.gateway.stop();
            assertIntact(data);
            System.out.printf("GatewayDiskFullTest: filler %d bytes; acked %d (%d before the fill); 507 %d; "
                    + "lost 0; enrollment on the full disk %d; accepted again %.2f s after the filler was deleted%n", filled, pdas.acked.size(),
                    ackedAtFill, pdas.refusals.size(), code.statusCode(), recoverySeconds);
            assertThat(recoverySeconds).as("seconds until a new operation is accepted").isLessThan(20);
        }
    }

    /** Every SQLite file of the gateway answers {@code PRAGMA integrity_check} with "ok". */
    private static void assertIntact(Path data) throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.walk(data)) {
            files = all.filter(p -> p.toString().endsWith(".db")).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("gateway.db", "outbox.db");
        for (Path file : files) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).as("integrity_check of %s", file).isEqualTo("ok");
            }
        }
    }

    private static Operation receive(String device) {
        return Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01")
                .type(OperationType.RECEIVE).sku("SKU-" + (device.hashCode() & 3)).qty(1L).location("A-01-01")
                .build();
    }

    /** PDAs posting batches of five until stopped; each 202'd opId, each refusal, anything else. */
    private static final class Pdas {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final Set<String> refusedIds = ConcurrentHashMap.newKeySet();
        final List<GatewayException> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> broken = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        String firstToken;

        Pdas(Chain chain) throws Exception {
            for (int i = 0; i < PDAS; i++) {
                String device = "pda-" + i;
                String token = chain.enroll(device, "acme");
                firstToken = firstToken == null ? token : firstToken;
                GatewayClient client = new GatewayClient(chain.gateway.url(""), GatewayClient.defaultHttpClient())
                        .withToken(token);
                threads.add(new Thread(() -> post(client, device), device));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(40).toMillis());
            }
        }

        private void post(GatewayClient client, String device) {
            while (running.get()) {
                List<Operation> batch = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    batch.add(receive(device));
                }
                try {
                    acked.addAll(client.submit(batch).accepted());
                } catch (GatewayException e) {
                    refusals.add(e);
                    batch.forEach(op -> refusedIds.add(op.opId()));
                    if (e.status() != 507) {
                        broken.add(e.getMessage());
                    }
                } catch (IOException e) {
                    broken.add(device + ": " + e);
                }
            }
        }
    }
}
