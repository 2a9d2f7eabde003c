package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.internal.devices.PrinterAccess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Printer, scanner and station configuration: mistakes stop the start and name the key; devices that are not
 * there do not.
 */
class DeviceConfigurationTest {
    @TempDir
    Path dir;

    private Map<String, Object> station(int deadPort) {
        Map<String, Object> config = new HashMap<>();
        config.put("fg.printers.p1.url", "tcp://127.0.0.1:" + deadPort);
        config.put("fg.scanners.s1.url", "tcp://127.0.0.1:" + deadPort);
        config.put("fg.stations.st1.scanner", "s1");
        config.put("fg.stations.st1.printer", "p1");
        config.put("fg.stations.st1.on-scan", "shipping-4x6");
        config.put("fg.stations.st1.tenant", "acme");
        config.put("fg.stations.st1.warehouse", "SH01");
        config.put("fg.stations.st1.defaults.from_name", "ACME Rotterdam");
        config.put("fg.stations.st1.defaults.carrier", "DHL");
        return config;
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void devicesThatAreNotThereDoNotStopTheStartAndShowOffline() throws Exception {
        try (TestGateway gateway = new TestGateway(dir, station(deadPort()))) {
            String devices = gateway.get("/api/v1/devices", TestGateway.ADMIN_TOKEN).body();
            assertThat(devices).containsPattern("\"name\":\"s1\",[^}]*\"state\":\"offline\"")
                    .containsPattern("\"name\":\"p1\",[^}]*\"online\":false");
        }
    }

    @Test
    void aStationNamingAnUnknownPrinterStopsTheStartNamingTheKey() throws Exception {
        Map<String, Object> config = station(deadPort());
        config.put("fg.stations.st1.printer", "p9");
        assertThatThrownBy(() -> new TestGateway(dir, config)).hasStackTraceContaining("fg.stations.st1.printer")
                .hasStackTraceContaining("no printer 'p9'");
    }

    @Test
    void aBadPrinterUrlOrAnUnknownDefaultFieldStopsTheStartNamingTheKey() throws Exception {
        Map<String, Object> badUrl = station(deadPort());
        badUrl.put("fg.printers.p1.url", "tcp://127.0.0.1");
        assertThatThrownBy(() -> new TestGateway(dir, badUrl)).hasStackTraceContaining("fg.printers.p1.url")
                .hasStackTraceContaining("missing port");
        Map<String, Object> badDefault = station(deadPort());
        badDefault.put("fg.stations.st1.defaults.colour", "red");
        assertThatThrownBy(() -> new TestGateway(dir, badDefault))
                .hasStackTraceContaining("fg.stations.st1.defaults.colour");
    }

    @Test
    void aStartStoppedByAConfigurationMistakeLeavesNothingRunningSoTheNextStartOnTheSameDataWorks() throws Exception {
        for (String key : new String[] {"fg.stations.st1.printer", "fg.printers.p1.url"}) {
            Map<String, Object> bad = station(deadPort());
            bad.put(key, key.endsWith(".url") ? "tcp://127.0.0.1" : "p9");
            assertThatThrownBy(() -> new TestGateway(dir, bad)).hasStackTraceContaining(key);
        }
        // The outbox of the data directory is locked while a sync engine holds it: nothing may hold it now.
        try (TestGateway gateway = new TestGateway(dir, station(deadPort()))) {
            assertThat(gateway.get("/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPrinterWithoutAnOwnerKeyStaysSharedAsBeforeAndIsNamedForTheWarning() throws Exception {
        Map<String, Object> config = station(deadPort());
        config.put("fg.printers.p2.url", "tcp://127.0.0.1:" + deadPort());
        config.put("fg.printers.p2.tenants", java.util.List.of("acme", "beta"));
        try (TestGateway gateway = new TestGateway(dir, config)) {
            PrinterAccess access = gateway.context().getBean(PrinterAccess.class);
            assertThat(access.sharedByDefault()).containsExactly("p1");
            assertThat(access.mayPrint("anyone", "p1")).isTrue();
            assertThat(access.mayPrint("beta", "p2")).isTrue();
            assertThat(access.mayPrint("gamma", "p2")).isFalse();
            assertThat(access.fairShare("p1", 10000)).isEqualTo(5000);
            assertThat(access.fairShare("p2", 10000)).isEqualTo(5000);
        }
    }

    @Test
    void printerOwnershipMistakesStopTheStartNamingTheKey() throws Exception {
        Map<String, Object> both = station(deadPort());
        both.put("fg.printers.p1.tenants", java.util.List.of("acme"));
        both.put("fg.printers.p1.shared", true);
        assertThatThrownBy(() -> new TestGateway(dir, both)).hasStackTraceContaining("fg.printers.p1.shared and "
                + "fg.printers.p1.tenants");
        Map<String, Object> notShared = station(deadPort());
        notShared.put("fg.printers.p1.shared", false);
        assertThatThrownBy(() -> new TestGateway(dir, notShared)).hasStackTraceContaining("fg.printers.p1.shared");
        Map<String, Object> otherTenant = station(deadPort());
        otherTenant.put("fg.printers.p1.tenants", java.util.List.of("beta"));
        assertThatThrownBy(() -> new TestGateway(dir, otherTenant)).hasStackTraceContaining("fg.stations.st1.printer")
                .hasStackTraceContaining("is not for tenant 'acme'");
        // nothing was left running: the next start on the same data works
        try (TestGateway gateway = new TestGateway(dir, station(deadPort()))) {
            assertThat(gateway.get("/health", null).statusCode()).isEqualTo(200);
        }
    }
}
