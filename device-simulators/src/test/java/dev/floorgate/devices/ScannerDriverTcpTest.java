package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.sim.ScannerSimulator;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scanner driver against the scanner simulator over real loopback TCP, both directions of dialing. */
class ScannerDriverTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String GS1 = ScannerSimulator.gs1("01", "09501101530003", "17", "251231", "10", "ABC123", "21", "S123");

    private static ScannerOptions.Builder fast() {
        return ScannerOptions.builder().reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(1));
    }

    @Test
    void gs1ScanArrivesWithAimIdAndGroupSeparators() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerSimulator reader = ScannerSimulator.listen(0).aimId("]C1").start();
             ScannerDriver driver = ScannerDriver.open("pack-3", DeviceUrl.parse("tcp://127.0.0.1:" + reader.port()),
                     fast().build(), recorder, recorder)) {
            assertThat(reader.awaitGateway(WAIT)).isTrue();
            recorder.awaitEvent(DeviceEvent.Kind.CONNECTED, WAIT);
            assertThat(driver.connected()).isTrue();

            reader.scan(GS1);

            Scan scan = recorder.awaitScan(1, WAIT);
            assertThat(scan.scanner()).isEqualTo("pack-3");
            assertThat(scan.aimId()).isEqualTo("]C1");
            assertThat(scan.data()).isEqualTo("0109501101530003172512311" + "0ABC123\u001d21S123");
        }
    }

    @Test
    void splitFramesBurstsBadCheckDigitsAndNoReadsOverTcp() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerSimulator reader = ScannerSimulator.listen(0).aimId("]C1").start();
             ScannerDriver driver = ScannerDriver.open("dock-1", DeviceUrl.parse("tcp://127.0.0.1:" + reader.port()),
                     fast().duplicateWindow(Duration.ofMillis(300)).build(), recorder, recorder)) {
            assertThat(reader.awaitGateway(WAIT)).isTrue();
            recorder.awaitEvent(DeviceEvent.Kind.CONNECTED, WAIT);

            reader.scanSplit(GS1, 4, Duration.ofMillis(20));
            reader.burst("0109501101530004", "00350123451234567894");
            reader.noRead();
            reader.scan(GS1);

            recorder.awaitScan(3, WAIT);
            recorder.awaitEvent(DeviceEvent.Kind.DUPLICATE_SUPPRESSED, WAIT);
            assertThat(recorder.timeline()).containsSubsequence("scan:]C1:" + GS1, "scan:]C1:0109501101530004",
                    "scan:]C1:00350123451234567894", "NO_READ", "DUPLICATE_SUPPRESSED");
            assertThat(recorder.scans()).hasSize(3);
        }
    }

    @Test
    void readerThatDialsInIsServedOnTcpListen() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerDriver driver = ScannerDriver.open("dock-2", DeviceUrl.parse("tcp-listen://127.0.0.1:0"),
                fast().build(), recorder, recorder)) {
            int port = driver.localAddress().getPort();
            assertThat(port).isPositive();
            assertThat(driver.connected()).isFalse();
            try (ScannerSimulator reader = ScannerSimulator.connect("127.0.0.1", port).suffix(ScannerOptions.Suffix.CRLF).start()) {
                assertThat(driver.awaitConnected(WAIT)).isTrue();
                reader.scan("]E0", "5012345678900");
                assertThat(recorder.awaitScan(1, WAIT).data()).isEqualTo("5012345678900");
            }
            recorder.awaitEvent(DeviceEvent.Kind.DISCONNECTED, WAIT);
            try (ScannerSimulator again = ScannerSimulator.connect("127.0.0.1", port).start()) {
                assertThat(driver.awaitConnected(WAIT)).isTrue();
                again.scan("SECOND");
                assertThat(recorder.awaitScan(2, WAIT).data()).isEqualTo("SECOND");
            }
        }
    }

    @Test
    void driverReconnectsWhenTheReaderComesBack() throws Exception {
        Recorder recorder = new Recorder();
        int port = portOutsideTheEphemeralRange();
        try (ScannerDriver driver = ScannerDriver.open("dock-3", DeviceUrl.parse("tcp://127.0.0.1:" + port),
                fast().build(), recorder, recorder)) {
            recorder.awaitEvent(DeviceEvent.Kind.RECONNECTING, WAIT);
            assertThat(driver.connected()).isFalse();
            try (ScannerSimulator reader = ScannerSimulator.listen(port).start()) {
                assertThat(reader.awaitGateway(WAIT)).isTrue();
                recorder.awaitEvent(DeviceEvent.Kind.CONNECTED, WAIT);
                reader.scan("FIRST");
                recorder.awaitScan(1, WAIT);
            }
            recorder.awaitEvent(DeviceEvent.Kind.DISCONNECTED, WAIT);
            try (ScannerSimulator reader = ScannerSimulator.listen(port).start()) {
                assertThat(reader.awaitGateway(WAIT)).isTrue();
                recorder.await(() -> recorder.events(DeviceEvent.Kind.CONNECTED).size() == 2, WAIT, "second connection");
                reader.scan("AFTER-RECONNECT");
                assertThat(recorder.awaitScan(2, WAIT).data()).isEqualTo("AFTER-RECONNECT");
            }
        }
    }

    @Test
    void keyenceReaderReadsWhenTriggered() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerSimulator reader = ScannerSimulator.listen(0).trigger(ScannerOptions.TriggerMode.KEYENCE_LON)
                .suffix(ScannerOptions.Suffix.CR).aimId("]d2").start();
             ScannerDriver driver = ScannerDriver.open("cell-1", DeviceUrl.parse("tcp://127.0.0.1:" + reader.port()
                     + "?trigger=keyence&suffix=CR&reconnectMin=50ms"), null, recorder, recorder)) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            reader.queueRead(GS1);

            driver.trigger();

            Scan scan = recorder.awaitScan(1, WAIT);
            assertThat(scan.aimId()).isEqualTo("]d2");
            assertThat(scan.data()).isEqualTo(GS1);
            assertThat(reader.triggersReceived()).isEqualTo(1);

            driver.trigger(); // nothing queued: the reader answers its no-read string
            recorder.awaitEvent(DeviceEvent.Kind.NO_READ, WAIT);
            assertThat(recorder.scans()).hasSize(1);
        }
    }

    @Test
    void keyenceReaderWithStxEtxFraming() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerSimulator reader = ScannerSimulator.listen(0).trigger(ScannerOptions.TriggerMode.KEYENCE_LON)
                .stxEtx(true).start();
             ScannerDriver driver = ScannerDriver.open("cell-2", DeviceUrl.parse("tcp://127.0.0.1:" + reader.port()
                     + "?trigger=keyence&stxEtx=true"), null, recorder, recorder)) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            reader.queueRead("ABC-123");
            driver.trigger();
            assertThat(recorder.awaitScan(1, WAIT).data()).isEqualTo("ABC-123");
        }
    }

    @Test
    void cognexReaderReadsWhenTriggered() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerSimulator reader = ScannerSimulator.listen(0).trigger(ScannerOptions.TriggerMode.COGNEX_DMCC)
                .aimId("]C1").start();
             ScannerDriver driver = ScannerDriver.open("cell-3", DeviceUrl.parse("tcp://127.0.0.1:" + reader.port()),
                     fast().triggerMode(ScannerOptions.TriggerMode.COGNEX_DMCC).build(), recorder, recorder)) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            reader.queueRead("00350123451234567894");
            driver.trigger();
            Scan scan = recorder.awaitScan(1, WAIT);
            assertThat(scan.aimId()).isEqualTo("]C1");
            assertThat(scan.data()).isEqualTo("00350123451234567894");
        }
    }

    @Test
    void triggerOnAPushScannerIsMisuseAndTriggerWhileDisconnectedIsAnEvent() throws Exception {
        Recorder recorder = new Recorder();
        int port = portOutsideTheEphemeralRange();
        try (ScannerDriver push = ScannerDriver.open("push", DeviceUrl.parse("tcp://127.0.0.1:" + port), fast().build(),
                recorder, recorder)) {
            assertThatThrownBy(push::trigger).isInstanceOf(IllegalStateException.class).hasMessageContaining("'push'");
        }
        try (ScannerDriver triggered = ScannerDriver.open("cell-4", DeviceUrl.parse("tcp://127.0.0.1:" + port),
                fast().triggerMode(ScannerOptions.TriggerMode.KEYENCE_LON).build(), recorder, recorder)) {
            triggered.trigger();
            assertThat(recorder.awaitEvent(DeviceEvent.Kind.TRIGGER_FAILED, WAIT).message()).contains("not connected");
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999): the driver's own outgoing connections, retried
     * while nothing listens, can never take it as their local port and so never hold it when the reader binds.
     */
    static int portOutsideTheEphemeralRange() throws java.io.IOException {
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 200; i++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", candidate));
                return candidate;
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new java.io.IOException("no free port between 20000 and 32000 in 200 tries");
    }
}
