package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScannerSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drivers and simulators on the two ends of a real pseudo-terminal pair made by socat. */
class SerialDevicesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String GS1 = ScannerSimulator.gs1("01", "09501101530003", "10", "LOT-7", "21", "S1");

    @TempDir
    Path dir;

    private static DeviceUrl serial(Path path, String options) {
        return DeviceUrl.parse("serial://" + path + "?baud=9600&" + options);
    }

    @Test
    void scanArrivesAndBadInputIsReportedWhileTheDriverKeepsReading() throws Exception {
        Recorder recorder = new Recorder();
        try (SocatPty pty = new SocatPty(dir);
             ScannerDriver driver = ScannerDriver.open("dock-serial",
                     serial(pty.a, "suffix=CRLF&incompleteFrameTimeout=200ms&reconnectMin=50ms"), null, recorder, recorder);
             ScannerSimulator scanner = ScannerSimulator.serial(pty.b.toString()).aimId("]C1").start()) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();

            scanner.scan(GS1);
            Scan first = recorder.awaitScan(1, WAIT);
            assertThat(first.aimId()).isEqualTo("]C1");
            assertThat(first.data()).isEqualTo(GS1);

            scanner.garbage(new byte[] {0x00, (byte) 0xff, 0x13, 0x07, 0x41});
            recorder.awaitEvent(DeviceEvent.Kind.GARBAGE, WAIT);
            scanner.endlessLine(1024 * 1024);
            recorder.awaitEvent(DeviceEvent.Kind.FRAME_TOO_LONG, WAIT);
            recorder.await(() -> recorder.events(DeviceEvent.Kind.FRAME_TOO_LONG).size() == 2, WAIT,
                    "the endless line to end after 200 ms of silence");
            scanner.scan("]d2", "0109501101530003");

            Scan good = recorder.awaitScan(2, WAIT);
            assertThat(good.aimId()).isEqualTo("]d2");
            assertThat(good.data()).isEqualTo("0109501101530003");
            assertThat(recorder.timeline()).containsExactly("CONNECTED", "scan:]C1:" + GS1, "GARBAGE", "FRAME_TOO_LONG",
                    "FRAME_TOO_LONG", "scan:]d2:0109501101530003");
            assertThat(recorder.events(DeviceEvent.Kind.GARBAGE).get(0).message())
                    .contains("scanner 'dock-serial'").contains("00 ff 13 07 41");
            assertThat(recorder.events(DeviceEvent.Kind.FRAME_TOO_LONG).get(1).message()).contains("frame of 1048576 bytes");
            assertThat(driver.connected()).isTrue();
        }
    }

    @Test
    void serialPortThatDisappearsIsReopenedWhenItComesBack() throws Exception {
        Recorder recorder = new Recorder();
        SocatPty pty = new SocatPty(dir);
        try (ScannerDriver driver = ScannerDriver.open("dock-usb", serial(pty.a, "reconnectMin=50ms&reconnectMax=200ms"),
                null, recorder, recorder)) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            pty.close(); // the USB adapter is unplugged
            recorder.awaitEvent(DeviceEvent.Kind.DISCONNECTED, WAIT);
            assertThat(driver.connected()).isFalse();

            try (SocatPty again = new SocatPty(dir);
                 ScannerSimulator scanner = ScannerSimulator.serial(again.b.toString()).start()) {
                recorder.await(() -> recorder.events(DeviceEvent.Kind.CONNECTED).size() == 2, WAIT, "reopened port");
                scanner.scan("BACK");
                assertThat(recorder.awaitScan(1, WAIT).data()).isEqualTo("BACK");
            }
        }
    }

    @Test
    void printerOverSerialPrintsAndReportsStatus() throws Exception {
        Recorder recorder = new Recorder();
        PrinterOptions options = PrinterOptions.builder().statusTimeout(Duration.ofMillis(300))
                .statusPollInterval(Duration.ZERO).build();
        try (SocatPty pty = new SocatPty(dir);
             PrinterSimulator printer = PrinterSimulator.builder().serial(pty.b.toString(), 9600).start();
             ZebraPrinterDriver driver = ZebraPrinterDriver.open("serial-printer", serial(pty.a, ""), options, recorder)) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            recorder.await(printer::serialOpen, WAIT, "simulator's serial port");

            assertThat(driver.status().state()).isEqualTo(PrinterState.READY);
            PrintOutcome outcome = driver.print("^XA^FO20,20^FDserial label^FS^XZ");
            assertThat(outcome.result()).isEqualTo(PrintOutcome.Result.PRINTED);
            assertThat(printer.awaitPrinted(1, WAIT)).isTrue();
            assertThat(printer.printed().get(0).fieldData()).containsExactly("serial label");

            printer.headOpen(true);
            assertThat(driver.status().state()).isEqualTo(PrinterState.HEAD_OPEN);
            assertThat(driver.getVar("head.latch")).isEqualTo("open");
            assertThat(new String(printer.received(), StandardCharsets.ISO_8859_1)).contains("~HS~HQES");
        }
    }
}
