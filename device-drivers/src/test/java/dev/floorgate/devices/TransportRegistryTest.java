package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.internal.TransportTypes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Transports are found by URL scheme; a transport added as one new class (the test-only {@code replay://},
 * registered from the test resources) is parsed, checked, listed in errors and opened by a driver like the
 * built-in ones.
 */
class TransportRegistryTest {

    @Test
    void theBuiltInSchemesAndTheAddedOneAreKnown() {
        assertThat(TransportTypes.schemes()).contains("tcp", "tcp-listen", "serial", "replay");
    }

    @Test
    void anAddedTransportParsesItsOwnUrls() {
        DeviceUrl url = DeviceUrl.parse("REPLAY://reader-7:4001?reads=A%0D%0A");
        assertThat(url.scheme()).isEqualTo("replay");
        assertThat(url.kind()).isEqualTo(DeviceUrl.Kind.TCP);
        assertThat(url.host()).isEqualTo("reader-7");
        assertThat(url.port()).isEqualTo(4001);
        assertThat(url.option("reads", null)).isEqualTo("A\r\n");
        assertThatThrownBy(() -> DeviceUrl.parse("replay://reader-7:4001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid device url 'replay://reader-7:4001': option 'reads' is missing or empty");
        assertThatThrownBy(() -> DeviceUrl.parse("replay://reader-7?reads=A"))
                .hasMessageContaining("missing port; expected replay://host:port?reads=...");
    }

    @Test
    void anUnknownSchemeNamesEveryKnownOne() {
        assertThatThrownBy(() -> DeviceUrl.parse("udp://10.0.0.5:9100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid device url 'udp://10.0.0.5:9100': unknown scheme 'udp'; expected ")
                .hasMessageContaining("tcp").hasMessageContaining("tcp-listen").hasMessageContaining("serial")
                .hasMessageContaining("replay");
        assertThatThrownBy(() -> DeviceUrl.parse("10.0.0.5:9100"))
                .hasMessageContaining("missing scheme; expected ").hasMessageContaining("tcp-listen://")
                .hasMessageContaining("replay://");
    }

    @Test
    void eachTransportsOptionsAreKnownOnlyOnItsOwnUrls() {
        assertThat(ScannerOptions.fromUrl(DeviceUrl.parse("replay://r:1?reads=X&suffix=CR")).suffix())
                .isEqualTo(ScannerOptions.Suffix.CR);
        assertThatThrownBy(() -> ScannerOptions.fromUrl(DeviceUrl.parse("tcp://r:23?reads=X")))
                .hasMessageContaining("unknown option 'reads'");
        assertThat(PrinterOptions.fromUrl(DeviceUrl.parse("serial:///dev/ttyS0?baud=19200")).statusTimeout())
                .isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> PrinterOptions.fromUrl(DeviceUrl.parse("tcp://p:9100?baud=19200")))
                .hasMessageContaining("unknown option 'baud'").hasMessageNotContaining("baud, ");
        assertThatThrownBy(() -> DeviceUrl.parse("serial:///dev/ttyS0?stopBits=3"))
                .hasMessageContaining("option 'stopBits' is '3', expected 1, 1.5 or 2");
    }

    @Test
    void aDriverOpensAnAddedTransport() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerDriver driver = ScannerDriver.open("replayed", DeviceUrl.parse("replay://r:1?reads=ABC123%0D%0A"),
                null, recorder, recorder)) {
            recorder.awaitScan(1, Duration.ofSeconds(5));
            assertThat(driver.connected()).isTrue();
            assertThat(recorder.scans()).extracting(Scan::data).containsExactly("ABC123");
            assertThat(recorder.events()).extracting(DeviceEvent::kind).contains(DeviceEvent.Kind.CONNECTED);
        }
    }
}
