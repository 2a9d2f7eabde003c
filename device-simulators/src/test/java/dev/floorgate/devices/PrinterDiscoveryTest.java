package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.internal.DiscoveryPacket;
import dev.floorgate.devices.internal.RawPortProbe;
import dev.floorgate.devices.sim.PrinterSimulator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discovery against the printer simulator on loopback: UDP on a configurable port, and the raw-port probe. */
class PrinterDiscoveryTest {

    @Test
    void udpDiscoveryFindsTheSimulatorOnLoopback() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().discoveryPort(0).model("ZT411").serial("52J204800123")
                .friendlyName("pack-3").start()) {
            List<DiscoveredPrinter> found = PrinterDiscovery.discover(DiscoveryOptions.builder()
                    .port(printer.discoveryPort()).targets("127.0.0.1").timeout(Duration.ofMillis(400)).build());

            assertThat(found).hasSize(1);
            DiscoveredPrinter p = found.get(0);
            assertThat(p.address()).isEqualTo("127.0.0.1");
            assertThat(p.model()).isEqualTo("ZT411");
            assertThat(p.serial()).isEqualTo("52J2048001"); // the reply's serial field holds 10 characters
            assertThat(p.name()).isEqualTo("pack-3");
            assertThat(p.port()).isEqualTo(9100);
            assertThat(p.source()).isEqualTo(DiscoveredPrinter.Source.UDP_DISCOVERY);
            assertThat(p.url()).isEqualTo("tcp://127.0.0.1:9100");
        }
    }

    @Test
    void simulatorAnswersTheRealRequestBytesWithFieldsAtTheirOffsets() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().discoveryPort(0).start();
             DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] request = {0x2E, 0x2C, 0x3A, 0x01, 0x00, 0x00};
            socket.send(new DatagramPacket(request, request.length, InetAddress.getByName("127.0.0.1"), printer.discoveryPort()));
            socket.setSoTimeout(2000);
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            byte[] bytes = java.util.Arrays.copyOf(reply.getData(), reply.getLength());
            assertThat(new String(bytes, 12, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ZT410");
            assertThat(bytes[17]).isZero();
            assertThat(new String(bytes, 60, 10, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("SIM0000001");
            assertThat(java.util.Arrays.copyOfRange(bytes, 72, 76)).containsExactly(127, 0, 0, 1);
            assertThat(new String(bytes, 84, 14, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FG-SIM-PRINTER");
        }
    }

    @Test
    void rawPortProbeFindsAPrinterWithoutUdp() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().friendlyName("dock-printer").start()) {
            List<DiscoveredPrinter> found = PrinterDiscovery.discover(DiscoveryOptions.builder().targets(List.of())
                    .probe("127.0.0.1").probePort(printer.port()).probeTimeout(Duration.ofSeconds(2)).build());
            assertThat(found).hasSize(1);
            assertThat(found.get(0).address()).isEqualTo("127.0.0.1");
            assertThat(found.get(0).model()).isEqualTo("ZT410-203dpi");
            assertThat(found.get(0).name()).isEqualTo("dock-printer");
            assertThat(found.get(0).port()).isEqualTo(printer.port());
            assertThat(found.get(0).source()).isEqualTo(DiscoveredPrinter.Source.TCP_PROBE);
        }
    }

    @Test
    void aPrinterFoundTwiceIsReportedOnceWithItsUdpDetails() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().discoveryPort(0).start()) {
            List<DiscoveredPrinter> found = PrinterDiscovery.discover(DiscoveryOptions.builder()
                    .port(printer.discoveryPort()).targets("127.0.0.1", "127.0.0.1").timeout(Duration.ofMillis(400))
                    .probe("127.0.0.1").probePort(printer.port()).build());
            assertThat(found).hasSize(1);
            assertThat(found.get(0).source()).isEqualTo(DiscoveredPrinter.Source.UDP_DISCOVERY);
            assertThat(found.get(0).serial()).isEqualTo("SIM0000001");
        }
    }

    @Test
    void nothingAnsweringGivesAnEmptyListAfterTheTimeout() throws Exception {
        int silentPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            silentPort = s.getLocalPort();
        }
        long started = System.nanoTime();
        assertThat(PrinterDiscovery.discover(DiscoveryOptions.builder().port(silentPort).targets("127.0.0.1")
                .timeout(Duration.ofMillis(200)).build())).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(150L, 2000L);
    }

    @Test
    void replyParsingKeepsFieldsInTheirSlots() {
        byte[] reply = DiscoveryPacket.reply("ZD421", "D2J123456789", new byte[] {10, 0, 0, 42}, "a name longer than twenty-five chars");
        DiscoveryPacket.Reply parsed = DiscoveryPacket.parse(reply, reply.length);
        assertThat(parsed.model).isEqualTo("ZD421");
        assertThat(parsed.serial).isEqualTo("D2J1234567");
        assertThat(parsed.address).isEqualTo("10.0.0.42");
        assertThat(parsed.name).isEqualTo("a name longer than twenty");
        assertThat(DiscoveryPacket.parse(DiscoveryPacket.request(), 6)).isNull();
    }

    @Test
    void cidrBlocksExpandWithinTheirBound() {
        assertThat(RawPortProbe.expand(List.of("192.168.1.0/30"), 16)).containsExactly("192.168.1.1", "192.168.1.2");
        assertThat(RawPortProbe.expand(List.of("10.0.0.7/32", "printer-1"), 16)).containsExactly("10.0.0.7", "printer-1");
        assertThat(RawPortProbe.expand(List.of("192.168.1.0/28"), 16)).hasSize(14);
        assertThatThrownBy(() -> RawPortProbe.expand(List.of("10.0.0.0/16"), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536 addresses");
        assertThatThrownBy(() -> RawPortProbe.expand(List.of("10.0.0.0/x"), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CIDR");
    }
}
