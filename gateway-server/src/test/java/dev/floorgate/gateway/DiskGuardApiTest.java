package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guarantee 10: below the free-space floor new operations get 507 with a clear message; nothing is lost. */
class DiskGuardApiTest {
    @TempDir
    Path dataDir;

    @Test
    void belowTheFloorNewOperationsGet507AndAcknowledgedOnesStay() throws Exception {
        String id = "0190f5c2-7b1a-7c3e-8f00-0000000000c1";
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String token = gateway.enroll("pda-a", "acme", "SH01");
            assertThat(gateway.post("/api/v1/operations", token, OperationsApiTest.pick(id, "acme", "SKU-1", 1))
                    .statusCode()).isEqualTo(202);
        }
        // Restart with a floor far above the free space of any disk (1 EiB).
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.sync.disk-floor", Long.toString(1L << 60)))) {
            String token = gateway.enroll("pda-b", "acme", "SH01");
            HttpResponse<String> refused = gateway.post("/api/v1/operations", token,
                    OperationsApiTest.pick("0190f5c2-7b1a-7c3e-8f00-0000000000c2", "acme", "SKU-1", 1));
            assertThat(refused.statusCode()).isEqualTo(507);
            assertThat(refused.body()).contains("DISK_FULL").containsPattern("\\d+ bytes usable")
                    .contains("below the floor of " + (1L << 60)).doesNotContain(dataDir.toString());
            HttpResponse<String> kept = gateway.get("/api/v1/operations/" + id, token);
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(kept.body()).contains("PENDING");
            assertThat(gateway.get("/health", null).statusCode()).isEqualTo(200);
        }
    }
}
