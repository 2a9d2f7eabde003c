package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The link part both drivers' options share: the same URL options, checks and builder, each device's defaults. */
class LinkOptionsTest {
    private static LinkOptions read(String kind, String query) {
        Function<DeviceUrl, LinkOptions> fromUrl = kind.equals("printer") ? PrinterOptions::fromUrl
                : ScannerOptions::fromUrl;
        return fromUrl.apply(DeviceUrl.parse("tcp://device:9100" + query));
    }

    @ParameterizedTest
    @CsvSource({"printer", "scanner"})
    void bothDevicesReadTheLinkOptionsFromTheUrlAlike(String kind) {
        LinkOptions o = read(kind, "?connectTimeout=750ms&reconnectMin=1s&reconnectMax=2m&eventQueue=64");
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(o.reconnectBackoffMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.reconnectBackoffMax()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.eventQueueCapacity()).isEqualTo(64);
    }

    @Test
    void eachDeviceKeepsItsOwnDefaults() {
        LinkOptions printer = read("printer", "");
        LinkOptions scanner = read("scanner", "");
        assertThat(printer.connectTimeout()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(scanner.connectTimeout());
        assertThat(printer.reconnectBackoffMax()).isEqualTo(Duration.ofSeconds(30))
                .isEqualTo(scanner.reconnectBackoffMax());
        assertThat(printer.reconnectBackoffMin()).isEqualTo(Duration.ofMillis(500));
        assertThat(printer.eventQueueCapacity()).isEqualTo(1000);
        assertThat(scanner.reconnectBackoffMin()).isEqualTo(Duration.ofMillis(200));
        assertThat(scanner.eventQueueCapacity()).isEqualTo(10_000);
        assertThat(PrinterOptions.defaults().eventQueueCapacity()).isEqualTo(1000);
        assertThat(ScannerOptions.defaults().reconnectBackoffMin()).isEqualTo(Duration.ofMillis(200));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "printer | ?reconnectMin=5s&reconnectMax=1s | reconnect",
        "scanner | ?reconnectMin=5s&reconnectMax=1s | reconnect",
        "printer | ?connectTimeout=0                | connectTimeout must be positive",
        "scanner | ?connectTimeout=0                | connectTimeout must be positive",
        "printer | ?eventQueue=8                    | eventQueue",
        "scanner | ?eventQueue=8                    | eventQueue",
        "printer | ?suffix=CR                       | unknown option 'suffix'",
        "scanner | ?pollInterval=1s                 | unknown option 'pollInterval'"})
    void badLinkOptionsAndTheOtherDevicesOptionsAreRefusedByName(String kind, String query, String message) {
        assertThatThrownBy(() -> read(kind, query)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theSharedSettersChainWithEachDevicesOwn() {
        PrinterOptions printer = PrinterOptions.builder().connectTimeout(Duration.ofSeconds(1))
                .statusTimeout(Duration.ofSeconds(3)).eventQueueCapacity(5).build();
        assertThat(printer.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(printer.statusTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(printer.eventQueueCapacity()).isEqualTo(5);
        ScannerOptions scanner = ScannerOptions.builder().reconnectBackoff(Duration.ofMillis(10), Duration.ofSeconds(1))
                .maxClients(2).build();
        assertThat(scanner.reconnectBackoffMin()).isEqualTo(Duration.ofMillis(10));
        assertThat(scanner.toBuilder().build().reconnectBackoffMax()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> ScannerOptions.builder().eventQueueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventQueueCapacity");
    }
}
