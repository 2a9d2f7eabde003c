package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrinterSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Site IT adopts a discovered printer while the gateway runs; it prints at once and is back after a restart. */
class PrinterAdoptionTest {
    @TempDir
    Path dir;

    @Test
    void anAdoptedPrinterPrintsWithoutARestartAndStaysAdopted() throws Exception {
        Path labels = dir.resolve("labels");
        try (PrinterSimulator printer = PrinterSimulator.builder().captureDir(labels).start()) {
            String url = "tcp://127.0.0.1:" + printer.port() + "?statusTimeout=1s&pollInterval=0";
            try (TestGateway gateway = new TestGateway(dir.resolve("data"), Map.of())) {
                String device = gateway.enroll("pda-a", "acme", "SH01");
                String adopt = "{\"name\":\"pack-9\",\"url\":\"" + url + "\",\"description\":\"ZT411\"}";
                assertThat(gateway.post("/api/v1/admin/printers", null, adopt).statusCode()).isEqualTo(401);
                assertThat(gateway.post("/api/v1/admin/printers", device, adopt).statusCode()).isEqualTo(401);
                HttpResponse<String> adopted = gateway.post("/api/v1/admin/printers", TestGateway.ADMIN_TOKEN, adopt);
                assertThat(adopted.statusCode()).as(adopted.body()).isEqualTo(201);
                assertThat(gateway.post("/api/v1/admin/printers", TestGateway.ADMIN_TOKEN, adopt).statusCode())
                        .isEqualTo(409);
                HttpResponse<String> bad = gateway.post("/api/v1/admin/printers", TestGateway.ADMIN_TOKEN,
                        "{\"name\":\"pack-x\",\"url\":\"tcp://nowhere\"}");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("url");

                assertThat(gateway.post("/api/v1/print-jobs", device, PrintTesting.binJob("adopt-1", "pack-9", "A-01-01"))
                        .statusCode()).isEqualTo(202);
                PrintTesting.awaitState(gateway, device, "adopt-1", "PRINTED");
                assertThat(PrintTesting.labelCount(labels)).isEqualTo(1);
                assertThat(gateway.get("/api/v1/admin/audit", TestGateway.ADMIN_TOKEN).body()).contains("printer.adopt");
            }
            try (TestGateway again = new TestGateway(dir.resolve("data"), Map.of())) {
                assertThat(again.get("/api/v1/devices", TestGateway.ADMIN_TOKEN).body()).contains("pack-9");
                String device = again.enroll("pda-b", "acme", "SH01");
                assertThat(again.post("/api/v1/print-jobs", device, PrintTesting.binJob("adopt-2", "pack-9", "A-01-02"))
                        .statusCode()).isEqualTo(202);
                PrintTesting.awaitState(again, device, "adopt-2", "PRINTED");
                assertThat(PrintTesting.labelCount(labels)).isEqualTo(2);
            }
        }
    }
}
