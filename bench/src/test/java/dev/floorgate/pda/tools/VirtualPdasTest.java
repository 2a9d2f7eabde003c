package dev.floorgate.pda.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.pda.ClientOptions;
import dev.floorgate.pda.FileQueueStorage;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual PDAs against a local gateway that speaks the LAN API ({@link FakeGateway}), drops every 5th
 * acknowledgement and rejects one SKU: every operation is accounted for and none is lost.
 */
class VirtualPdasTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private FakeGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway(5);
        server = new MockWebServer();
        server.setDispatcher(gateway);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private VirtualPdas.Options options() {
        return VirtualPdas.Options.of(server.url("/").toString(), FakeGateway.ADMIN)
                .withWorkDir(dir.toFile())
                .withClientOptions(ClientOptions.defaults().eventReconnectMillis(10, 50));
    }

    @Test
    void everyOperationIsAccountedForAndNoneIsLost() throws Exception {
        VirtualPdasReport report = new VirtualPdas(options().withCount(4).withDurationSeconds(20)
                .withPicksPerPda(12).withThinkMillis(5).withSettleSeconds(10).withDevicePrefix("vpda-t-")).run();
        System.out.print(report);

        assertThat(report.problems()).isEmpty();
        assertThat(report.pdas()).isEqualTo(4);
        assertThat(report.pdasReady()).isEqualTo(4);
        assertThat(report.sent()).isEqualTo(48);
        assertThat(report.lost()).isZero();
        assertThat(report.unverified()).isZero();
        assertThat(report.isClean()).isTrue();
        // The fake rejects one of its four SKUs; PDAs walk the tasks round robin.
        assertThat(report.rejectedAtGateway()).isEqualTo(12);
        assertThat(report.accepted()).isEqualTo(36);
        assertThat(report.accepted()).isEqualTo(gateway.stored());
        assertThat(report.applied()).isEqualTo(36);
        assertThat(report.sent()).isEqualTo(report.accepted() + report.rejectedAtGateway() + report.queued());
        assertThat(report.queued()).isZero();
        assertThat(report.pending()).isZero();
        // Acknowledgements were lost; OkHttp resends some of those requests itself, the queue the others: either
        // way with the same body, and the gateway stored each operation once.
        assertThat(gateway.droppedPosts.get()).isGreaterThan(0);
        assertThat(report.sendFailures()).isLessThanOrEqualTo(gateway.droppedPosts.get());
        assertThat(gateway.reusedOpIds.get()).as("resends carry the same body").isZero();
        assertThat(report.scans()).isEqualTo(96);
        assertThat(gateway.activeDevices()).as("all revoked at the end").isEmpty();
        assertThat(report.scanErrors()).isZero();
        assertThat(report.timeTo202Millis(50)).isGreaterThan(0);
        assertThat(report.timeTo202Millis(99)).isGreaterThanOrEqualTo(report.timeTo202Millis(50));
        assertThat(report.toString()).contains("ops sent:        48").contains("lost:            0")
                .contains("time to 202:     p50");
        for (int i = 1; i <= 4; i++) { // each PDA had its own real queue file, drained at the end
            try (FileQueueStorage q = new FileQueueStorage(new File(dir.toFile(), "vpda-t-" + i + ".queue"))) {
                assertThat(q.size()).isZero();
            }
        }
    }

    @Test
    void withoutEventsResultsComeFromPolling() throws Exception {
        VirtualPdasReport report = new VirtualPdas(options().withCount(2).withDurationSeconds(20)
                .withPicksPerPda(6).withThinkMillis(0).withSettleSeconds(10).withEvents(false)).run();
        assertThat(report.lost()).isZero();
        assertThat(report.applied()).isEqualTo(report.accepted());
        assertThat(report.accepted()).isEqualTo(10); // PDA 1 starts at task 0, PDA 2 at task 1: 2 of 12 rejected
        assertThat(report.rejectedAtGateway()).isEqualTo(2);
    }

    @Test
    void aWrongAdminTokenFailsTheRunWithOneLineBeforeAnyDeviceEnrolls() throws Exception {
        VirtualPdas pdas = new VirtualPdas(VirtualPdas.Options.of(server.url("/").toString(), "wrong")
                .withWorkDir(dir.toFile()).withCount(2).withDurationSeconds(1).withSettleSeconds(0));
        assertThatThrownBy(pdas::run).isInstanceOf(VirtualPdas.CannotWork.class)
                .hasMessageContaining("refused the admin token (401 UNAUTHORIZED)")
                .hasMessageContaining("--admin-token").hasMessageNotContaining("\n");
        assertThat(gateway.enrolledEver()).isZero();
    }

    @Test
    void noPickTasksFailsTheRunAndRevokesTheProbeDevice() throws Exception {
        gateway.noTasks = true;
        VirtualPdas pdas = new VirtualPdas(options().withCount(3).withDevicePrefix("vpda-n-"));
        assertThatThrownBy(pdas::run).isInstanceOf(VirtualPdas.CannotWork.class)
                .hasMessageContaining("no PICK tasks for acme/SH01").hasMessageContaining("docs/IMPORT.md")
                .hasMessageNotContaining("\n");
        assertThat(gateway.enrolledEver()).as("only the probe enrolled").isEqualTo(1);
        assertThat(gateway.activeDevices()).as("the probe was revoked").isEmpty();
    }

    @Test
    void aRefusedEnrollmentFailsTheRun() throws Exception {
        gateway.refuseEnrollment = true;
        VirtualPdas pdas = new VirtualPdas(options().withCount(3));
        assertThatThrownBy(pdas::run).isInstanceOf(VirtualPdas.CannotWork.class)
                .hasMessageContaining("refused to enroll the probe device")
                .hasMessageContaining("403 ENROLLMENT_REFUSED");
        assertThat(gateway.activeDevices()).isEmpty();
    }

    @Test
    void anUnreachableGatewayFailsTheRun() throws Exception {
        String url = server.url("/").toString();
        server.shutdown(); // nothing listens on that port any more
        VirtualPdas pdas = new VirtualPdas(VirtualPdas.Options.of(url, FakeGateway.ADMIN)
                .withWorkDir(dir.toFile()).withCount(2));
        assertThatThrownBy(pdas::run).isInstanceOf(VirtualPdas.CannotWork.class)
                .hasMessageContaining("cannot be reached").hasMessageContaining(url);
    }

    @Test
    void everyEnrolledDeviceIsRevokedAfterARunUnlessKept() throws Exception {
        VirtualPdasReport report = new VirtualPdas(options().withCount(3).withDurationSeconds(5)
                .withPicksPerPda(2).withThinkMillis(0).withSettleSeconds(5).withDevicePrefix("vpda-r-")).run();
        assertThat(report.pdasReady()).isEqualTo(3);
        assertThat(gateway.enrolledEver()).as("3 PDAs and the probe").isEqualTo(4);
        assertThat(gateway.activeDevices()).isEmpty();

        new VirtualPdas(options().withCount(2).withDurationSeconds(5).withPicksPerPda(1).withThinkMillis(0)
                .withSettleSeconds(5).withDevicePrefix("vpda-k-").withKeepDevices(true)).run();
        assertThat(gateway.activeDevices()).containsExactlyInAnyOrder("vpda-k-probe", "vpda-k-1", "vpda-k-2");
    }

    @Test
    void theCommandExitsOneWithOneLineWhenThereAreNoTasks() throws Exception {
        gateway.noTasks = true;
        Process p = command("--count", "2");
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(err.trim()).startsWith("VirtualPdas: no PICK tasks for acme/SH01").doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(gateway.activeDevices()).isEmpty();
    }

    @Test
    void ctrlCRevokesEveryDeviceEnrolledSoFar() throws Exception {
        Process p = command("--count", "2", "--duration-s", "600", "--think-ms", "100");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (gateway.enrolledEver() < 3 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(gateway.enrolledEver()).as("probe and 2 PDAs enrolled").isEqualTo(3);
        assertThat(gateway.activeDevices()).hasSize(3);
        p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.activeDevices()).isEmpty();
    }

    /** VirtualPdas as its own JVM, as {@code ./floorgate simulate pdas} runs it. */
    private Process command(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.Arrays.asList(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), VirtualPdas.class.getName(),
                "--gateway", server.url("/").toString(), "--admin-token", FakeGateway.ADMIN,
                "--work-dir", dir.toString()));
        cmd.addAll(java.util.Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void theCommandLineIsParsedAndCheckedWithTheUsage() {
        VirtualPdas.Options o = VirtualPdas.Options.parse(new String[] {"--count", "50", "--gateway",
            "http://127.0.0.1:8080", "--admin-token", "T", "--tenant", "acme", "--warehouse", "SH01",
            "--duration-s", "30", "--picks-per-pda", "7", "--think-ms", "50", "--no-events"});
        assertThat(o.count).isEqualTo(50);
        assertThat(o.picksPerPda).isEqualTo(7);
        assertThat(o.events).isFalse();
        assertThat(o.keepDevices).isFalse();
        assertThat(VirtualPdas.Options.parse(new String[] {"--admin-token", "T", "--keep-devices"}).keepDevices)
                .isTrue();
        assertThatThrownBy(() -> VirtualPdas.Options.parse(new String[] {"--count", "x", "--admin-token", "T"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--count needs a whole number");
        assertThatThrownBy(() -> VirtualPdas.Options.parse(new String[] {"--count", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--admin-token is required")
                .hasMessageContaining("usage: VirtualPdas");
        assertThatThrownBy(() -> VirtualPdas.Options.parse(new String[] {"--bogus", "1", "--admin-token", "T"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --bogus");
    }
}
