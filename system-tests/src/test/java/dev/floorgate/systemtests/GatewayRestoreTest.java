package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.OperationIds;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} of the gateway's jar as the command line runs them, against a real core: a
 * backup made while operations wait for the core is restored after the core applied them; the restored gateway
 * sends them again and the core answers DUPLICATE, so each is in the ledger once and the stock counts them once.
 */
class GatewayRestoreTest {
    private static final int OPS = 30;

    @TempDir
    Path dir;

    @Test
    void operationsRestoredAfterTheCoreAppliedThemAreNeverAppliedTwice() throws Exception {
        try (Chain chain = new Chain(dir).startCore()) {
            chain.seed("acme", 1);
            chain.core.stop();
            chain.startGateway();
            String token = chain.enroll("pda-1", "acme");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < OPS; i++) {
                String id = OperationIds.newId();
                HttpResponse<String> r = chain.gatewayPost("/api/v1/operations", token, Chain.receive(id, "acme", 0, 1));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                ids.add(id);
            }
            Path backup = dir.resolve("gw.fgbackup");
            Tool backupRun = tool(chain, "backup", backup);
            assertThat(backupRun.exit).as(backupRun.output).isZero();
            assertThat(backupRun.output).contains("gateway.db").contains("outbox.db");

            chain.startCore();
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> state(chain, token, id)
                    .equals("APPLIED")));
            await().atMost(Duration.ofSeconds(30)).until(() -> chain.ledgerExists()
                    && chain.queryLong("SELECT COUNT(*) FROM ledger WHERE status = 'APPLIED'") == OPS);
            assertThat(chain.onHand("acme", 0)).isEqualTo(OPS);

            Tool refused = tool(chain, "restore", backup);
            assertThat(refused.exit).as("restore on a running gateway").isEqualTo(1);
            assertThat(refused.output).contains("stop the gateway first");

            chain.gateway.stop();
            Tool restore = tool(chain, "restore", backup);
            assertThat(restore.exit).as(restore.output).isZero();
            chain.startGateway();
            // the restored outbox has them PENDING again: they go to the core once more, which knows every opId
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().map(id -> state(chain, token, id))
                    .allMatch(s -> s.equals("APPLIED") || s.equals("DUPLICATE")));
            long duplicates = ids.stream().filter(id -> state(chain, token, id).equals("DUPLICATE")).count();
            assertThat(duplicates).as("answered DUPLICATE after the restore").isEqualTo(OPS);
            Thread.sleep(1000); // the write-back would have added a second row by now
            assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger")).isEqualTo(OPS);
            assertThat(chain.queryLong("SELECT COUNT(DISTINCT op_id) FROM ledger")).isEqualTo(OPS);
            assertThat(chain.onHand("acme", 0)).isEqualTo(OPS);
        }
    }

    private static String state(Chain chain, String token, String id) {
        try {
            return Chain.field(chain.gatewayGet("/api/v1/operations/" + id, token).body(), "state");
        } catch (Exception e) {
            return "unknown: " + e;
        }
    }

    private record Tool(int exit, String output) {
    }

    /** {@code java -jar gateway-server.jar COMMAND FILE} with the gateway's data folder, as the package runs it. */
    private Tool tool(Chain chain, String command, Path file) throws Exception {
        Path log = Files.createTempFile(dir, command, ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("fg.gateway.jar"), command, file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FG_DATA_DIR", dir.resolve("gateway-data").toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " took over 60 s: " + Files.readString(log));
        }
        return new Tool(p.exitValue(), Files.readString(log));
    }
}
