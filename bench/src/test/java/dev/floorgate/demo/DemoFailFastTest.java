package dev.floorgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./floorgate demo} fails fast with one line, before it starts any process, when a jar is missing or MariaDB
 * does not answer; and the gateway configuration it writes names the two printers and the rehearsing station.
 * (The demo run itself is system-tests' DemoLauncherTest.)
 */
class DemoFailFastTest {
    @TempDir
    Path dir;

    private Demo demo(Path root, String mysql) {
        return new Demo(root, dir.resolve("data"), 0, 0, "floorgate_demo_never", mysql,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingJarSaysWhichAndToBuild() {
        assertThatThrownBy(() -> demo(dir, "127.0.0.1:3306").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the core jar " + dir.resolve("inventory-core/target/inventory-core.jar"))
                .hasMessageContaining("run ./floorgate build")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(dir.resolve("data")).as("nothing started, nothing written").doesNotExist();
    }

    @Test
    void anUnreachableMariaDbIsOneLineNamingWhere() throws Exception {
        for (String jar : new String[] {"inventory-core/target/inventory-core.jar",
                "gateway-server/target/gateway-server.jar", "device-simulators/target/device-simulators.jar"}) {
            Files.createDirectories(dir.resolve(jar).getParent());
            Files.write(dir.resolve(jar), new byte[0]);
        }
        int closed = Child.portOr(0); // bound and released: nothing listens there
        assertThatThrownBy(() -> demo(dir, "127.0.0.1:" + closed).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MariaDB is not reachable at 127.0.0.1:" + closed)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void theStockStepSaysHowManyOperationsWereNewAndHowManyAlreadyApplied() {
        String again = "{\"results\":[{\"opId\":\"a\",\"status\":\"DUPLICATE\",\"code\":\"APPLIED\"},"
                + "{\"opId\":\"b\",\"status\": \"APPLIED\",\"code\":null}]}";
        assertThat(SampleData.summary("HTTP 200\n" + again + "\n")).isEqualTo("1 applied, 1 already applied");
        assertThat(SampleData.summary("imported 20 orders from orders.csv: 20 new\n"))
                .isEqualTo("imported 20 orders from orders.csv: 20 new");
    }

    @Test
    void theGatewayRunsWithTheFlagsOfFloorgateGateway() throws Exception {
        Matcher m = Pattern.compile("GATEWAY_JAVA_OPTS=\\$\\{GATEWAY_JAVA_OPTS:-(.*)}")
                .matcher(Files.readString(Path.of("..", "floorgate")));
        assertThat(m.find()).isTrue();
        assertThat(Demo.GATEWAY_JVM).isEqualTo(m.group(1));
    }

    @Test
    void theGatewayConfigurationHasTwoPrintersAndARehearsingStationOnPrinterOne() {
        String yml = Demo.gatewayYml(new int[] {9101, 9102}, 4001);
        assertThat(yml).contains("printer-1:\n      url: tcp://127.0.0.1:9101")
                .contains("printer-2:\n      url: tcp://127.0.0.1:9102")
                .contains("pack-1-scanner:\n      url: tcp://127.0.0.1:4001")
                .contains("    pack-1:\n      scanner: pack-1-scanner\n      printer: printer-1\n")
                .contains("      rehearse: true\n");
    }
}
