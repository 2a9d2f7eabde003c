package dev.floorgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark measures the gateway as {@code ./floorgate gateway} runs it: the same JVM flags. */
class GatewayJvmFlagsTest {
    private static final Pattern SCRIPT_DEFAULT = Pattern.compile("GATEWAY_JAVA_OPTS=\\$\\{GATEWAY_JAVA_OPTS:-(.*)}");

    @Test
    void theBenchmarksDefaultGatewayFlagsAreTheScriptsGatewayJavaOpts() throws Exception {
        Path script = Paths.get("..", "floorgate");
        Matcher m = SCRIPT_DEFAULT.matcher(new String(Files.readAllBytes(script), StandardCharsets.UTF_8));
        assertThat(m.find()).as("GATEWAY_JAVA_OPTS default in %s", script.toAbsolutePath()).isTrue();
        assertThat(PdaFleetBench.DEFAULT_GATEWAY_JVM).isEqualTo(m.group(1));
    }
}
