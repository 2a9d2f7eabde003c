package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.internal.SerialSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Device URLs and the options read from them. */
class DeviceUrlTest {

    @Test
    void tcpUrl() {
        DeviceUrl url = DeviceUrl.parse("tcp://10.0.0.5:9100");
        assertThat(url.kind()).isEqualTo(DeviceUrl.Kind.TCP);
        assertThat(url.host()).isEqualTo("10.0.0.5");
        assertThat(url.port()).isEqualTo(9100);
        assertThat(url.path()).isNull();
        assertThat(url.options()).isEmpty();
        assertThat(url).hasToString("tcp://10.0.0.5:9100");
    }

    @Test
    void tcpListenUrlWithIpv6AndOptions() {
        DeviceUrl url = DeviceUrl.parse("tcp-listen://[::1]:5000?suffix=CR&trigger");
        assertThat(url.kind()).isEqualTo(DeviceUrl.Kind.TCP_LISTEN);
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(5000);
        assertThat(url.options()).containsExactly(Map.entry("suffix", "CR"), Map.entry("trigger", "true"));
        assertThat(DeviceUrl.parse("tcp-listen://:7000").host()).isEqualTo("0.0.0.0");
    }

    @Test
    void serialUrl() {
        DeviceUrl url = DeviceUrl.parse("serial:///dev/ttyUSB0?baud=115200&parity=even&suffix=CRLF&prefix=%23");
        assertThat(url.kind()).isEqualTo(DeviceUrl.Kind.SERIAL);
        assertThat(url.path()).isEqualTo("/dev/ttyUSB0");
        assertThat(url.options()).containsEntry("baud", "115200").containsEntry("prefix", "#");
        SerialSettings serial = SerialSettings.fromUrl(url);
        assertThat(serial.baud()).isEqualTo(115200);
        assertThat(serial).hasToString("115200 8E1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                              | device url is empty",
        "10.0.0.5:9100                   | invalid device url '10.0.0.5:9100': missing scheme",
        "udp://10.0.0.5:9100             | unknown scheme 'udp'",
        "tcp://10.0.0.5                  | missing port; expected tcp://host:port",
        "tcp://:9100                     | missing host",
        "tcp://printer:http              | port 'http' is not a number",
        "tcp://printer:0                 | port 0 is out of range 1-65535",
        "tcp://printer:70000             | port 70000 is out of range",
        "tcp://printer:9100/path         | unexpected path",
        "serial://                       | missing device path",
        "tcp://p:9100?a=1&a=2            | option 'a' is given twice",
        "tcp://[::1:9100                 | IPv6 address must be written [address]:port"
    })
    void badUrlsAreRejectedNamingTheUrlAndTheProblem(String url, String message) {
        assertThatThrownBy(() -> DeviceUrl.parse(url)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void scannerOptionsFromUrl() {
        ScannerOptions o = ScannerOptions.fromUrl(DeviceUrl.parse("serial:///dev/ttyS0?baud=9600&suffix=none"
                + "&interCharTimeout=80ms&maxFrame=512&duplicateWindow=1s&trigger=keyence&noRead=NG&stxEtx=yes&prefix=%02X"));
        assertThat(o.suffix()).isEqualTo(ScannerOptions.Suffix.NONE);
        assertThat(o.interCharTimeout()).isEqualTo(Duration.ofMillis(80));
        assertThat(o.maxFrameLength()).isEqualTo(512);
        assertThat(o.duplicateWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.triggerMode()).isEqualTo(ScannerOptions.TriggerMode.KEYENCE_LON);
        assertThat(o.noReadString()).isEqualTo("NG");
        assertThat(o.stxEtx()).isTrue();
        assertThat(o.prefix()).isEqualTo("\u0002X");
        ScannerOptions defaults = ScannerOptions.fromUrl(DeviceUrl.parse("tcp://r:23"));
        assertThat(defaults.maxFrameLength()).isEqualTo(4096);
        assertThat(defaults.duplicateWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.suffix()).isEqualTo(ScannerOptions.Suffix.CRLF);
    }

    @Test
    void aTcpScannerWaitsLongerForTheRestOfAReadThanASerialOne() {
        // serial loses bytes, so a read without its end is dropped soon; TCP only delays them (retransmission)
        assertThat(ScannerOptions.fromUrl(DeviceUrl.parse("serial:///dev/ttyS0")).incompleteFrameTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(ScannerOptions.fromUrl(DeviceUrl.parse("tcp://r:23")).incompleteFrameTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ScannerOptions.fromUrl(DeviceUrl.parse("tcp-listen://0.0.0.0:7000")).incompleteFrameTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ScannerOptions.fromUrl(DeviceUrl.parse("tcp://r:23?incompleteFrameTimeout=2s"))
                .incompleteFrameTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void unknownOrBadOptionsAreRejectedByName() {
        assertThatThrownBy(() -> ScannerOptions.fromUrl(DeviceUrl.parse("tcp://r:23?sufix=CR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option 'sufix'")
                .hasMessageContaining("suffix");
        assertThatThrownBy(() -> ScannerOptions.fromUrl(DeviceUrl.parse("tcp://r:23?suffix=TAB")))
                .hasMessageContaining("'TAB' is not one of cr, lf, crlf, none");
        assertThatThrownBy(() -> ScannerOptions.fromUrl(DeviceUrl.parse("tcp://r:23?duplicateWindow=soon")))
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> PrinterOptions.fromUrl(DeviceUrl.parse("tcp://p:9100?statusTimeout=0")))
                .hasMessageContaining("statusTimeout must be positive");
        assertThatThrownBy(() -> SerialSettings.fromUrl(DeviceUrl.parse("serial:///dev/ttyS0?parity=sometimes")))
                .hasMessageContaining("option 'parity' is 'sometimes'");
    }

    @Test
    void printerOptionsFromUrl() {
        PrinterOptions o = PrinterOptions.fromUrl(DeviceUrl.parse("tcp://p:9100?statusTimeout=1.5s&pollInterval=0&writeTimeout=30s"));
        assertThat(o.statusTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.statusPollInterval()).isZero();
        assertThat(o.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PrinterOptions.defaults().statusTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
