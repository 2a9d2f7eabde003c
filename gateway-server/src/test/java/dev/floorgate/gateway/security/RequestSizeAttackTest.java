package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.events.EventHub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 4's review of every endpoint that allocates from input: an operation batch is bounded in
 * count (1000) and in text ({@code fg.limits.operations-max-chars}, before parsing), every body by
 * {@code micronaut.server.max-request-size}; each refusal is 413 and the gateway keeps serving.
 */
class RequestSizeAttackTest {
    @TempDir
    Path dataDir;

    static String op(int i, String padding) {
        return "{\"opId\":\"op-" + i + "\",\"warehouse\":\"SH01\",\"type\":\"PICK\",\"sku\":\"SKU-" + padding
                + "\",\"qty\":1,\"location\":\"A-01-03\"}";
    }

    static String batch(int n, String padding) {
        StringJoiner ops = new StringJoiner(",", "{\"operations\":[", "]}");
        for (int i = 0; i < n; i++) {
            ops.add(op(i, padding));
        }
        return ops.toString();
    }

    @Test
    void oversizedOperationBatchesAndBodiesAre413AndTheGatewayServesOn() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String token = gateway.enroll("pda-1", "acme", "SH01");

            HttpResponse<String> tooMany = gateway.post("/api/v1/operations", token, batch(1001, "1"));
            assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(413);
            assertThat(tooMany.body()).contains("BATCH_TOO_LARGE").contains("at most 1000 operations");

            // 900 operations of 4 KiB each: under the count, 3.6 MiB of text that would parse into far more heap.
            HttpResponse<String> tooLong = gateway.post("/api/v1/operations", token, batch(900, "x".repeat(4096)));
            assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(413);
            assertThat(tooLong.body()).contains("BATCH_TOO_LARGE").contains("fg.limits.operations-max-chars");

            HttpResponse<String> huge = gateway.post("/api/v1/templates/preview.png", token,
                    "{\"zpl\":\"^XA" + "^FDx".repeat(3_000_000) + "^XZ\"}");
            assertThat(huge.statusCode()).as("over micronaut.server.max-request-size (8 MiB)").isEqualTo(413);

            assertThat(gateway.get("/health", null).statusCode()).isEqualTo(200);
            assertThat(gateway.context().getBean(EventHub.class).openStreams()).isZero();
        }
    }
}
