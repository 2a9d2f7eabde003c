package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.core.CoreApplication;
import dev.floorgate.core.CoreConfiguration;
import dev.floorgate.core.CoreConfigurationException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, finding 6: a key secret or admin token shorter than its minimum refuses the start, with one line
 * naming the setting and the minimum (before: the core started, /health said UP, and the first signed request
 * got a 500 with a stack trace).
 */
class StartupSecretsTest {
    @Test
    void aShortKeySecretOrAdminTokenRefusesTheStartNamingTheKeyAndTheMinimum() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase()) {
            assertRefused(() -> CoreHarness.start(redis.uri(), db, Map.of("fg.core.keys", "gw-weak:short:acme")),
                    "fg.core.keys entry 0 (key 'gw-weak'): the secret must be at least 16 characters, was 5; "
                            + CoreConfiguration.KEYS_FIX);
            assertRefused(() -> CoreHarness.start(redis.uri(), db, Map.of("fg.core.admin-token", "letmein")),
                    "fg.core.admin-token must be at least 16 characters, was 7; "
                            + CoreConfiguration.ADMIN_TOKEN_FIX);
            // the minimum itself starts
            try (CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.admin-token",
                    "0123456789abcdef"))) {
                assertThat(core.acme.unsigned("GET", "/health", null, Map.of()).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void theCoreProcessPrintsOneLineAndExits2WithoutListening() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase()) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path out = Files.createTempFile("core-refused", ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CoreApplication.class.getName());
            pb.environment().put("FG_CORE_PORT", Integer.toString(port));
            pb.environment().put("FG_REDIS_URI", redis.uri());
            pb.environment().put("FG_MYSQL_URL", db.url());
            pb.environment().put("FG_CORE_KEYS", "gw-sh01:tooshort:acme");
            pb.environment().put("FG_CORE_ADMIN_TOKEN", "admin-token-0123456789");
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
            Process p = pb.start();
            try {
                assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the core exits by itself").isTrue();
            } finally {
                p.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            assertThat(p.exitValue()).as("exit status; output: %s", lines)
                    .isEqualTo(CoreApplication.EXIT_REFUSED_CONFIGURATION);
            assertThat(lines).as("output").contains("inventory-core: refusing to start: fg.core.keys entry 0 "
                    + "(key 'gw-sh01'): the secret must be at least 16 characters, was 8; fix: set FG_CORE_KEYS "
                    + "(fg.core.keys) to keyId:secret:tenantA|tenantB with a random secret of at least 16 characters "
                    + "(openssl rand -hex 16 gives 32) and give the gateway the same key");
            assertThat(String.join("\n", lines)).as("no stack trace").doesNotContain("\tat ", "Exception");
            assertThat(String.join("\n", lines)).as("the secret itself is not printed").doesNotContain("tooshort");
            assertThat(listening(port)).as("nothing listens on the core's port").isFalse();
        }
    }

    private static void assertRefused(ThrowableAssert.ThrowingCallable start, String message) {
        assertThatThrownBy(start).satisfies(e -> {
            Throwable t = e;
            while (t != null && !(t instanceof CoreConfigurationException)) {
                t = t.getCause();
            }
            assertThat(t).as("a CoreConfigurationException in %s", e.toString()).isNotNull();
            assertThat(t.getMessage()).isEqualTo(message);
        });
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
