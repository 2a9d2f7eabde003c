package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayStartsTest {

    @Test
    void startsWithEmbeddedDefaultsAndAnswersHealth(@TempDir Path dataDir) throws Exception {
        // Defaults but random ports: HTTPS (listed first by Micronaut) and plain HTTP, which serves /health.
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "fg.gateway.https-port", -1, "fg.data-dir", dataDir.toString()))) {
            int plain = ((io.micronaut.http.server.netty.NettyHttpServer) server).getBoundPorts().stream()
                    .filter(p -> p != server.getPort()).findFirst().orElseThrow();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"mode\":\"offline\"");
            assertThat(Files.exists(dataDir.resolve("gateway.db"))).isTrue();
            assertThat(Files.exists(dataDir.resolve("tls/site-ca.p12"))).isTrue();
        }
    }
}
