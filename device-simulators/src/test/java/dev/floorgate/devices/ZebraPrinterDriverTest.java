package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Zebra driver against the printer simulator over real loopback TCP. */
class ZebraPrinterDriverTest {

    private static final Duration STATUS_TIMEOUT = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final PrinterOptions FAST = PrinterOptions.builder()
            .statusTimeout(STATUS_TIMEOUT)
            .connectTimeout(Duration.ofSeconds(1))
            .writeTimeout(Duration.ofSeconds(2))
            .statusPollInterval(Duration.ZERO)
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .build();

    @TempDir
    Path captures;

    private PrinterSimulator printer;
    private ZebraPrinterDriver driver;
    private final Recorder events = new Recorder();

    @BeforeEach
    void start() throws Exception {
        printer = PrinterSimulator.builder().captureDir(captures).start();
        driver = ZebraPrinterDriver.open("pack-3", url(printer.port()), FAST, events);
        assertThat(driver.awaitConnected(WAIT)).isTrue();
    }

    @AfterEach
    void stop() {
        driver.close();
        printer.close();
    }

    private static DeviceUrl url(int port) {
        return DeviceUrl.parse("tcp://127.0.0.1:" + port);
    }

    private static String label(String text) {
        return "^XA^CI28^FO50,50^A0N,40,40^FH^FD" + text + "^FS^XZ";
    }

    @Test
    void printedLabelArrivesAsItsOwnCaptureFile() throws Exception {
        PrintOutcome outcome = driver.print(label("SO-991"));

        assertThat(outcome.result()).isEqualTo(PrintOutcome.Result.PRINTED);
        assertThat(outcome.state()).isEqualTo(PrinterState.READY);
        assertThat(outcome.bytesSent()).isEqualTo(outcome.bytesTotal()).isEqualTo(label("SO-991").length());
        assertThat(printer.awaitPrinted(1, WAIT)).isTrue();
        Path file = captures.resolve("label-000001.zpl");
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(label("SO-991"));
        assertThat(printer.printed().get(0).fieldData()).containsExactly("SO-991");
    }

    @Test
    void readyPrinterAnswersHostStatus() {
        PrinterStatus status = driver.status();
        assertThat(status.state()).isEqualTo(PrinterState.READY);
        assertThat(status.formatsInBuffer()).isZero();
        assertThat(status.labelsRemaining()).isZero();
        assertThat(status.raw()).contains("<STX>030,0,0,1218,000");
    }

    @Test
    void paperOutIsReportedWithinTheStatusTimeoutHoldsJobsAndRecoveryIsReported() throws Exception {
        driver.status();
        printer.paperOut(true);

        long started = System.nanoTime();
        PrinterStatus status = driver.status();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(status.state()).isEqualTo(PrinterState.PAPER_OUT);
        assertThat(tookMillis).isLessThan(STATUS_TIMEOUT.toMillis() + 700);
        assertThat(events.awaitEvent(e -> e.printerState() == PrinterState.PAPER_OUT, WAIT, "paper out event").message())
                .contains("pack-3").contains("paper out");

        PrintOutcome held = driver.print(label("HELD-1"));
        assertThat(held.result()).isEqualTo(PrintOutcome.Result.HELD);
        assertThat(held.state()).isEqualTo(PrinterState.PAPER_OUT);
        assertThat(held.bytesSent()).isZero();
        assertThat(new String(printer.received(), StandardCharsets.ISO_8859_1)).doesNotContain("HELD-1");

        printer.paperOut(false);
        assertThat(driver.status().state()).isEqualTo(PrinterState.READY);
        events.awaitEvent(e -> e.printerState() == PrinterState.READY && e.message().contains("was paper out"), WAIT, "recovery");
        assertThat(driver.print(label("AFTER-FIX")).result()).isEqualTo(PrintOutcome.Result.PRINTED);
        assertThat(printer.awaitPrinted(1, WAIT)).isTrue();
        assertThat(printer.printed()).extracting(PrintedLabel::fieldData).containsExactly(List.of("AFTER-FIX"));
    }

    @Test
    void headOpenIsReportedAndRecovers() {
        printer.headOpen(true);
        PrinterStatus status = driver.status();
        assertThat(status.state()).isEqualTo(PrinterState.HEAD_OPEN);
        assertThat(status.faults()).containsExactly(PrinterState.HEAD_OPEN);
        assertThat(driver.print(label("X")).result()).isEqualTo(PrintOutcome.Result.HELD);

        printer.headOpen(false);
        assertThat(driver.status().state()).isEqualTo(PrinterState.READY);
    }

    @Test
    void pausedPrinterKeepsFormatsBufferedAndPrintsThemOnResume() throws Exception {
        printer.pause(true);
        try (Socket raw = new Socket("127.0.0.1", printer.port())) {
            OutputStream out = raw.getOutputStream();
            out.write((label("QUEUED-1") + label("QUEUED-2")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            events.await(() -> printer.formatsInBuffer() == 2, WAIT, "two buffered formats");
        }
        PrinterStatus status = driver.status();
        assertThat(status.state()).isEqualTo(PrinterState.PAUSED);
        assertThat(status.paused()).isTrue();
        assertThat(status.formatsInBuffer()).isEqualTo(2);
        assertThat(driver.print(label("HELD")).result()).isEqualTo(PrintOutcome.Result.HELD);
        assertThat(printer.printed()).isEmpty();

        printer.pause(false);
        assertThat(printer.awaitPrinted(2, WAIT)).isTrue();
        assertThat(driver.status().state()).isEqualTo(PrinterState.READY);
        assertThat(printer.printed()).extracting(p -> p.fieldData().get(0)).containsExactly("QUEUED-1", "QUEUED-2");
    }

    @Test
    void silentPrinterIsNotAnsweringAfterTheStatusTimeoutAndGetsNothing() throws Exception {
        printer.silent(true);

        long started = System.nanoTime();
        PrinterStatus status = driver.status();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(status.state()).isEqualTo(PrinterState.NOT_ANSWERING);
        assertThat(status.detail()).contains("300 ms");
        assertThat(tookMillis).isBetween(STATUS_TIMEOUT.toMillis() - 10, STATUS_TIMEOUT.toMillis() + 700);

        PrintOutcome outcome = driver.print(label("NEVER"));
        assertThat(outcome.result()).isEqualTo(PrintOutcome.Result.NOT_ANSWERING);
        assertThat(outcome.bytesSent()).isZero();
        assertThat(new String(printer.received(), StandardCharsets.ISO_8859_1)).doesNotContain("NEVER");
        assertThatThrownBy(() -> driver.getVar("appl.name")).isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer getvar \"appl.name\" within 300 ms");

        printer.silent(false);
        assertThat(driver.status().state()).isEqualTo(PrinterState.READY);
        events.awaitEvent(e -> e.printerState() == PrinterState.READY && e.message().contains("was not answering"), WAIT, "recovery");
    }

    @Test
    void connectionDroppedMidJobIsReportedWithBytesSentAndTheDriverReconnects() throws Exception {
        String big = "^XA^FO10,10^FX" + "A".repeat(12 * 1024 * 1024) + "^FS^XZ";
        printer.dropNextConnection(64 * 1024);

        PrintOutcome outcome = driver.print(big);

        assertThat(outcome.result()).isEqualTo(PrintOutcome.Result.SEND_FAILED);
        assertThat(outcome.bytesTotal()).isEqualTo(big.length());
        assertThat(outcome.bytesSent()).isPositive().isLessThan(outcome.bytesTotal());
        assertThat(outcome.message()).contains("send failed after " + outcome.bytesSent() + " of " + big.length() + " bytes");
        events.awaitEvent(DeviceEvent.Kind.PRINT_FAILED, WAIT);
        events.awaitEvent(DeviceEvent.Kind.DISCONNECTED, WAIT);
        events.await(() -> events.events(DeviceEvent.Kind.CONNECTED).size() >= 2, WAIT, "reconnection");

        assertThat(driver.print(label("NEXT")).result()).isEqualTo(PrintOutcome.Result.PRINTED);
        assertThat(printer.awaitPrinted(1, WAIT)).isTrue();
        assertThat(printer.printed()).extracting(p -> p.fieldData()).containsExactly(List.of("NEXT"));
    }

    @Test
    void sgdGetSetAndIdentity() throws Exception {
        assertThat(driver.getVar("appl.name")).isEqualTo("V75.20.01Z");
        assertThat(driver.getVar("no.such.variable")).isEqualTo("?");
        driver.setVar("device.friendly_name", "pack-3");
        assertThat(driver.getVar("device.friendly_name")).isEqualTo("pack-3");

        PrinterIdentity identity = driver.identity();
        assertThat(identity.model()).isEqualTo("ZT410-203dpi");
        assertThat(identity.dpi()).isEqualTo(203);
        assertThat(identity.applName()).isEqualTo("V75.20.01Z");
        assertThat(identity.friendlyName()).isEqualTo("pack-3");

        assertThatThrownBy(() -> driver.setVar("device.friendly_name", "a\" ! U1 do \"device.reset\" \""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote");
        assertThatThrownBy(() -> driver.getVar("Appl.Name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower case");
    }

    @Test
    void sgdPauseFromTheDriverPausesThePrinter() throws Exception {
        driver.setVar("device.pause", "");
        assertThat(driver.status().state()).isEqualTo(PrinterState.PAUSED);
        driver.setVar("device.unpause", "");
        assertThat(driver.status().state()).isEqualTo(PrinterState.READY);
    }

    @Test
    void concurrentJobsGoOutOneAtATimeAndNeverMix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<PrintOutcome>> futures = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 5; i++) {
                String zpl = label("T" + t + "-" + i + "-" + "Z".repeat(20_000));
                sent.add(zpl);
                futures.add(pool.submit(() -> driver.print(zpl)));
            }
        }
        for (Future<PrintOutcome> f : futures) {
            assertThat(f.get().result()).isEqualTo(PrintOutcome.Result.PRINTED);
        }
        pool.shutdown();
        assertThat(printer.awaitPrinted(20, WAIT)).isTrue();
        Set<String> captured;
        try (var files = Files.list(captures)) {
            captured = files.filter(p -> p.getFileName().toString().matches("label-\\d{6}\\.zpl"))
                    .map(p -> {
                        try {
                            return Files.readString(p, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).collect(Collectors.toSet());
        }
        assertThat(captured).isEqualTo(sent);
    }

    @Test
    void printQuantityCountsEveryCopy() throws Exception {
        assertThat(driver.print("^XA^FO10,10^FDcopies^FS^PQ3^XZ").result()).isEqualTo(PrintOutcome.Result.PRINTED);
        assertThat(printer.awaitPrinted(1, WAIT)).isTrue();
        assertThat(printer.printed().get(0).copies()).isEqualTo(3);
        assertThat(printer.labelCount()).isEqualTo(3);
        assertThat(driver.getVar("odometer.total_label_count")).isEqualTo("3");
    }

    @Test
    void batchInProgressShowsLabelsRemaining() throws Exception {
        try (PrinterSimulator slow = PrinterSimulator.builder().labelMillis(200).start();
             ZebraPrinterDriver d = ZebraPrinterDriver.open("slow", url(slow.port()), FAST, DeviceEventListener.ignore())) {
            assertThat(d.print("^XA^FDbatch^FS^PQ5^XZ").result()).isEqualTo(PrintOutcome.Result.PRINTED);
            PrinterStatus during = d.status();
            assertThat(during.labelsRemaining()).isBetween(1, 5);
            events.await(() -> slow.labelCount() == 5, WAIT, "five labels");
            assertThat(d.status().labelsRemaining()).isZero();
        }
    }

    @Test
    void printerThatIsNotThereIsDisconnectedAndGetsNothing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Recorder gone = new Recorder();
        try (ZebraPrinterDriver d = ZebraPrinterDriver.open("gone", url(closedPort), FAST, gone)) {
            long started = System.nanoTime();
            assertThat(d.status().state()).isEqualTo(PrinterState.DISCONNECTED);
            PrintOutcome outcome = d.print(label("X"));
            assertThat(outcome.result()).isEqualTo(PrintOutcome.Result.NOT_ANSWERING);
            assertThat(outcome.state()).isEqualTo(PrinterState.DISCONNECTED);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2000);
            gone.awaitEvent(DeviceEvent.Kind.RECONNECTING, WAIT);
            gone.awaitEvent(DeviceEvent.Kind.PRINT_FAILED, WAIT);
        }
    }

    @Test
    void backgroundPollReportsFaultsAndRecovery() throws Exception {
        Recorder polled = new Recorder();
        PrinterOptions polling = PrinterOptions.builder().statusTimeout(STATUS_TIMEOUT)
                .statusPollInterval(Duration.ofMillis(100)).build();
        try (ZebraPrinterDriver d = ZebraPrinterDriver.open("polled", url(printer.port()), polling, polled)) {
            polled.awaitEvent(e -> e.printerState() == PrinterState.READY, WAIT, "ready");
            printer.headOpen(true);
            polled.awaitEvent(e -> e.printerState() == PrinterState.HEAD_OPEN, WAIT, "head open");
            printer.headOpen(false);
            polled.await(() -> polled.events(DeviceEvent.Kind.PRINTER_STATE_CHANGED).size() >= 3, WAIT, "recovery");
            assertThat(polled.events(DeviceEvent.Kind.PRINTER_STATE_CHANGED)).extracting(DeviceEvent::printerState)
                    .containsExactly(PrinterState.READY, PrinterState.HEAD_OPEN, PrinterState.READY);
            assertThat(d.lastStatus().state()).isEqualTo(PrinterState.READY);
        }
    }

    @Test
    void tcpListenUrlIsRefusedForPrinters() {
        assertThatThrownBy(() -> ZebraPrinterDriver.open("p", DeviceUrl.parse("tcp-listen://0.0.0.0:9100"), FAST,
                DeviceEventListener.ignore()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp-listen");
    }
}
