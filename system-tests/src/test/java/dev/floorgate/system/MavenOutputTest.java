package dev.floorgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Maven 3.8's Jansi writes a colour reset (ESC [0m) even in batch mode, and {@code ./floorgate} runs Maven before
 * the gateway or the core, so redirected logs began with escape codes (issue 12). The repository's
 * {@code .mvn/jvm.config} turns them off for every Maven run in the checkout; this runs Maven as the script does and
 * reads its bytes.
 */
class MavenOutputTest {
    @Test
    void mavenRunInTheCheckoutWritesNoEscapeCodesToARedirectedLog() throws Exception {
        Path root = DocReferences.repoRoot(Path.of(""));
        Process p = new ProcessBuilder("mvn", "-B", "-q", "-N", "validate").directory(root.toFile())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        assertThat(new String(out, StandardCharsets.UTF_8)).doesNotContain("\u001b");
    }
}
