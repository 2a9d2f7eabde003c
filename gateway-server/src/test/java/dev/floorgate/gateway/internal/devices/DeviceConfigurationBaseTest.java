package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.GatewayConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.DeviceUrl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What printers and scanners share: the keys, a URL read naming its key, the name rule, the description. */
class DeviceConfigurationBaseTest {
    private static List<DeviceConfiguration> both(String name) {
        return List.of(new PrinterConfiguration(name), new ScannerConfiguration(name));
    }

    @Test
    void eachKindNamesItsOwnKeys() {
        assertThat(new PrinterConfiguration("p1").urlKey()).isEqualTo("fg.printers.p1.url");
        assertThat(new ScannerConfiguration("s1").urlKey()).isEqualTo("fg.scanners.s1.url");
    }

    @Test
    void aMissingOrBadUrlIsRefusedNamingTheKey() {
        for (DeviceConfiguration c : both("dock-1")) {
            // the one line of a refused start: the key, the problem and where to fix it (GatewayConfigurationException)
            assertThatThrownBy(c::deviceUrl).isInstanceOf(GatewayConfigurationException.class)
                    .hasMessageStartingWith(c.urlKey() + " is required; fix: correct it in the gateway's configuration");
            c.setUrl("  ");
            assertThatThrownBy(c::deviceUrl).hasMessageStartingWith(c.urlKey() + " is required; fix:");
            c.setUrl("tcp://127.0.0.1");
            assertThatThrownBy(c::deviceUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(c.urlKey() + ": ").hasMessageContaining("missing port")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            c.setUrl("tcp://10.0.0.9:9100?statusTimeout=2s");
            assertThat(c.deviceUrl().kind()).isEqualTo(DeviceUrl.Kind.TCP);
            assertThat(c.deviceUrl().port()).isEqualTo(9100);
        }
    }

    @Test
    void badNamesAreRefusedNamingThePrefixAndGoodOnesPass() {
        for (DeviceConfiguration c : both("-dock")) {
            assertThatThrownBy(c::requireValidName).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(c.urlKey().replace(".url", "") + ": a name must be 1 to 64");
        }
        for (DeviceConfiguration c : both("dock_1.a-b")) {
            c.requireValidName();
        }
    }

    @Test
    void theDescriptionIsNeverNull() {
        for (DeviceConfiguration c : both("p")) {
            assertThat(c.getDescription()).isEmpty();
            c.setDescription("Packing line 3");
            assertThat(c.getDescription()).isEqualTo("Packing line 3");
            c.setDescription(null);
            assertThat(c.getDescription()).isEmpty();
        }
    }
}
