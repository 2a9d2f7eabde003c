package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.assertStatus;
import static dev.floorgate.gateway.PrintTesting.awaitState;
import static dev.floorgate.gateway.PrintTesting.binJob;
import static dev.floorgate.gateway.PrintTesting.labelCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.gateway.internal.events.EventHub;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Printer faults against real printer simulators: a fault holds that printer's queue with the fault in words,
 * the queue resumes by itself when the fault clears, and every label comes out exactly once. A printer that is
 * off when the gateway starts does not stop it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrinterFaultsTest {
    Path dir;
    PrinterSimulator a;
    PrinterSimulator b;
    int gonePort;
    TestGateway gateway;
    String acme;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        a = PrinterSimulator.builder().captureDir(dir.resolve("a")).start();
        b = PrinterSimulator.builder().captureDir(dir.resolve("b")).start();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gonePort = s.getLocalPort(); // nothing listens here until the test starts a printer
        }
        String opts = "?statusTimeout=300ms&pollInterval=200ms&connectTimeout=500ms&reconnectMin=50ms&reconnectMax=300ms";
        gateway = new TestGateway(dir.resolve("data"), Map.of(
                "fg.printers.a.url", "tcp://127.0.0.1:" + a.port() + opts,
                "fg.printers.b.url", "tcp://127.0.0.1:" + b.port() + opts,
                "fg.printers.gone.url", "tcp://127.0.0.1:" + gonePort + opts,
                "fg.print.hold-poll-interval", "100ms"));
        acme = gateway.enroll("pda-a", "acme", "SH01");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void paperOutHoldsThatPrintersQueueAndPaperBackPrintsEachLabelOnceInOrder() throws Exception {
        int aBefore = labelCount(dir.resolve("a"));
        int bBefore = labelCount(dir.resolve("b"));
        a.paperOut(true);
        try {
            assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("po-1", "a", "PO-1")), 202);
            assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("po-2", "a", "PO-2")), 202);
            assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("po-other", "b", "PO-B")), 202);
            String held = awaitState(gateway, acme, "po-1", "HELD");
            assertThat(held).contains("\"fault\":\"paper out\"");
            assertThat(gateway.get("/api/v1/print-jobs/po-2", acme).body()).contains("\"state\":\"QUEUED\"");
            // a held printer holds only its own queue
            awaitState(gateway, acme, "po-other", "PRINTED");
            assertThat(labelCount(dir.resolve("b"))).isEqualTo(bBefore + 1);
            Thread.sleep(400);
            assertThat(labelCount(dir.resolve("a"))).isEqualTo(aBefore);

            String devices = gateway.get("/api/v1/devices", acme).body();
            assertThat(devices).contains("\"state\":\"PAPER_OUT\"").contains("\"stateText\":\"paper out\"");
            String metrics = gateway.get("/metrics", null).body();
            assertThat(metrics).contains("floorgate_printer_state{printer=\"a\",state=\"paper_out\"} 1")
                    .contains("floorgate_print_jobs_held{printer=\"a\"} 1")
                    .contains("floorgate_print_queue_depth{printer=\"a\"} 2");
            EventHub hub = gateway.context().getBean(EventHub.class);
            assertThat(hub.recent(e -> e.type().equals("print-job") && "po-1".equals(e.printJob().jobId())
                    && "HELD".equals(e.printJob().state()), 10)).isNotEmpty()
                    .allMatch(e -> "paper out".equals(e.printJob().fault()) && "acme".equals(e.tenant()));
            assertThat(hub.recent(e -> e.type().equals("device") && "a".equals(e.device().name())
                    && "PAPER_OUT".equals(e.device().state()), 10)).isNotEmpty().allMatch(e -> e.tenant() == null);
        } finally {
            a.paperOut(false);
        }
        awaitState(gateway, acme, "po-1", "PRINTED");
        awaitState(gateway, acme, "po-2", "PRINTED");
        Thread.sleep(300);
        List<Path> labels = PrintTesting.labels(dir.resolve("a"));
        assertThat(labels).hasSize(aBefore + 2);
        List<String> bins = a.printed().stream().skip(aBefore).map(PrintedLabel::fieldData)
                .map(f -> f.stream().filter(v -> v.startsWith("PO-")).findFirst().orElse("?"))
                .collect(Collectors.toList());
        assertThat(bins).containsExactly("PO-1", "PO-2");
    }

    @Test
    void headOpenHoldsTheJobAndClosingTheHeadPrintsItOnce() throws Exception {
        int before = labelCount(dir.resolve("b"));
        b.headOpen(true);
        try {
            assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("ho-1", "b", "HO-1")), 202);
            assertThat(awaitState(gateway, acme, "ho-1", "HELD")).contains("\"fault\":\"head open\"");
            Thread.sleep(300);
            assertThat(labelCount(dir.resolve("b"))).isEqualTo(before);
        } finally {
            b.headOpen(false);
        }
        awaitState(gateway, acme, "ho-1", "PRINTED");
        Thread.sleep(300);
        assertThat(labelCount(dir.resolve("b"))).isEqualTo(before + 1);
    }

    @Test
    void aPrinterThatStopsAnsweringHoldsTheJobWhichIsNeitherLostNorDuplicated() throws Exception {
        int before = labelCount(dir.resolve("b"));
        b.silent(true);
        try {
            assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("mute-1", "b", "MUTE-1")), 202);
            assertThat(awaitState(gateway, acme, "mute-1", "HELD")).contains("\"fault\":\"not answering\"");
            Thread.sleep(500);
            assertThat(gateway.get("/api/v1/print-jobs/mute-1", acme).body()).contains("\"state\":\"HELD\"");
        } finally {
            b.silent(false);
        }
        awaitState(gateway, acme, "mute-1", "PRINTED");
        Thread.sleep(500);
        assertThat(labelCount(dir.resolve("b"))).isEqualTo(before + 1);
        assertThat(b.formatsInBuffer()).isZero();
    }

    @Test
    void aPrinterOffAtStartUpHoldsItsJobsAndPrintsThemWhenItComesOn() throws Exception {
        assertThat(gateway.get("/health", null).statusCode()).isEqualTo(200);
        assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("late-1", "gone", "LATE-1")), 202);
        assertThat(awaitState(gateway, acme, "late-1", "HELD")).contains("\"fault\":\"disconnected\"");
        assertThat(gateway.get("/api/v1/devices", TestGateway.ADMIN_TOKEN).body())
                .contains("\"state\":\"DISCONNECTED\"");
        try (PrinterSimulator late = PrinterSimulator.builder().port(gonePort).captureDir(dir.resolve("late"))
                .start()) {
            awaitState(gateway, acme, "late-1", "PRINTED");
            Thread.sleep(300);
            assertThat(labelCount(dir.resolve("late"))).isEqualTo(1);
        }
    }
}
