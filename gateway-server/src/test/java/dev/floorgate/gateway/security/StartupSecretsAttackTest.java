package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 6b, replayed: a gateway started with a guessable admin token or core secret used to run.
 * Now it stops with one line naming the key and the lengths, never the value, before gateway.db is opened.
 */
class StartupSecretsAttackTest {
    @TempDir
    Path dataDir;

    @Test
    void aShortAdminTokenStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> new TestGateway(dataDir, Map.of("fg.admin-token", "letmein-123")).close())
                .hasStackTraceContaining("fg.admin-token (FG_ADMIN_TOKEN) is 11 characters; a secret must be at "
                        + "least 16")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("letmein-123"));
        assertThat(dataDir.resolve("gateway.db")).as("nothing opened").doesNotExist();
    }

    @Test
    void aShortCoreSecretStopsTheStartNamingTheKey() {
        Map<String, Object> config = Map.of("fg.core.url", "http://127.0.0.1:9", "fg.core.key-id", "gw-1",
                "fg.core.secret", "s3cret");
        assertThatThrownBy(() -> new TestGateway(dataDir, config).close())
                .hasStackTraceContaining("fg.core.secret (FG_CORE_SECRET) is 6 characters; a secret must be at "
                        + "least 16")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("s3cret"));
    }

    @Test
    void secretsOfSixteenCharactersStart() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.admin-token", "0123456789abcdef",
                "fg.core.url", "http://127.0.0.1:9", "fg.core.key-id", "gw-1",
                "fg.core.secret", "fedcba9876543210"))) {
            assertThat(gateway.get("/api/v1/admin/devices", "0123456789abcdef").statusCode()).isEqualTo(200);
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
