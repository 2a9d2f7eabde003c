package dev.floorgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PdaFleetBench's parsing and measuring parts that need no gateway: options, reports, /proc, NMT, the chart. */
class FleetHarnessTest {
    @TempDir
    Path dir;

    @Test
    void oldPositionalArgumentsStillWork() {
        FleetOptions o = FleetOptions.parse(new String[] {"120", "15"});
        assertThat(o.pdas).containsExactly(120);
        assertThat(o.seconds).isEqualTo(15);
        assertThat(o.jars).hasSize(1);
        assertThat(o.soakPdas).isEqualTo(120);
    }

    @Test
    void severalJarsWithLabelsAndFlagsAreMeasuredInOrder() {
        FleetOptions o = FleetOptions.parse(new String[] {"--pdas", "300,50", "--gateway-jar", "/old/gateway.jar",
            "--label", "before", "--gateway-jar", "/new/gateway.jar", "--jvm-options",
            "-XX:TieredStopAtLevel=1 -Xmx96m", "--soak-minutes", "60", "--soak-pdas", "0"});
        assertThat(o.pdas).containsExactly(300, 50);
        assertThat(o.jars).containsExactly(Paths.get("/old/gateway.jar"), Paths.get("/new/gateway.jar"));
        assertThat(o.labels).containsExactly("before", "gateway");
        assertThat(o.jvmOptions.get(0)).isEmpty();
        assertThat(o.jvmOptions.get(1)).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx96m");
        assertThat(o.soakMinutes).isEqualTo(60);
        assertThat(o.soakPdas).isZero();
    }

    @Test
    void sameFileNamesGetTheirFolderAndStillDiffer() {
        FleetOptions o = FleetOptions.parse(new String[] {"--gateway-jar", "/a/gateway-server.jar",
            "--gateway-jar", "/b/gateway-server.jar", "--gateway-jar", "/b/gateway-server.jar"});
        assertThat(o.labels).containsExactly("gateway-server", "b/gateway-server", "b/gateway-server#2");
    }

    @Test
    void aLabelWithoutAJarOrAnUnknownOptionIsRefused() {
        assertThatThrownBy(() -> FleetOptions.parse(new String[] {"--label", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--label");
        assertThatThrownBy(() -> FleetOptions.parse(new String[] {"--pdaz", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--pdaz");
    }

    @Test
    void theGatewayAndTheLoadTakeACoreOrAListOfCores() {
        FleetOptions o = FleetOptions.parse(new String[0]);
        assertThat(o.gatewayCpu).isEqualTo("0");
        assertThat(o.loadCpu).isEqualTo("1");
        o = FleetOptions.parse(new String[] {"--gateway-cpu", "0,1", "--load-cpu", "2-3"});
        assertThat(o.gatewayCpu).isEqualTo("0,1");
        assertThat(o.loadCpu).isEqualTo("2-3");
        assertThat(Cpu.taskset(o.gatewayCpu)).containsExactly("taskset", "-c", "0,1");
        for (String bad : new String[] {"one", "0,", "-1", "0;1"}) {
            assertThatThrownBy(() -> FleetOptions.parse(new String[] {"--load-cpu", bad}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--load-cpu")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void ordersHoldEnoughUnitsForEveryRunOfTheInvocation() {
        FleetOptions o = FleetOptions.parse(new String[] {"--soak-minutes", "600", "--soak-think-ms", "100"});
        assertThat(o.orderQty()).isEqualTo(150_000); // capped: six orders a SKU within its 1,000,000 units
        assertThat(FleetOptions.parse(new String[0]).orderQty()).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void readsTheGeneratorsReport() throws IOException {
        String text = String.join("\n", "virtual PDAs: 50 (48 ready), 40.2 s", "ops sent:        7926",
                "accepted (202):  7925", "applied:         7926", "lost:            2", "unverified:      3 (x)",
                "send failures:   4 (retried with the same opIds)",
                "time to 202:     p50 11.05 ms, p99 96.91 ms, max 729.93 ms", "");
        FleetGenerator.Report r = FleetGenerator.Report.parse(text, 1);
        assertThat(r.ready).isEqualTo(48);
        assertThat(r.sent).isEqualTo(7926);
        assertThat(r.accepted).isEqualTo(7925);
        assertThat(r.lost).isEqualTo(2);
        assertThat(r.unverified).isEqualTo(3);
        assertThat(r.sendFailures).isEqualTo(4);
        assertThat(r.p50Millis).isEqualTo(11.05);
        assertThat(r.p99Millis).isEqualTo(96.91);
        assertThat(r.exitCode).isEqualTo(1);
        assertThatThrownBy(() -> FleetGenerator.Report.parse("Exception in thread main", 1))
                .isInstanceOf(IOException.class).hasMessageContaining("no report");
    }

    @Test
    void nativeMemorySummaryIsListedLargestFirst() {
        List<String> nmt = List.of("Total: reserved=1618668KB, committed=248988KB",
                "-                 Java Heap (reserved=163840KB, committed=116820KB)",
                "-                     Class (reserved=1049719KB, committed=8055KB)",
                "-                      Code (reserved=253952KB, committed=25600KB)");
        assertThat(PdaFleetBench.committedByCategory(nmt))
                .isEqualTo("total 243 MB committed: Java Heap 114, Code 25, Class 7");
    }

    @Test
    void readsThisProcessFromProc() throws Exception {
        ProcessProbe me = new ProcessProbe(ProcessHandle.current().pid());
        assertThat(me.cpuMicros()).isPositive();
        assertThat(me.threads()).isPositive();
        long rss = me.rssKb(); // read first: the peak read after it can only be as high or higher
        assertThat(rss).isPositive();
        assertThat(me.peakRssKb()).isGreaterThanOrEqualTo(rss);
        Map<String, Long> threads = me.threadCpuMicros();
        assertThat(threads).isNotEmpty();
        assertThat(threads.values().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(
                me.cpuMicros() + 20_000); // ended threads are missing, live ones never exceed the process
        assertThat(me.heapUsedAfterGc()).isPositive();
    }

    @Test
    void groupDifferencesCountNewGroupsFromZero() {
        assertThat(ProcessProbe.minus(Map.of("a", 10L, "b", 5L), Map.of("a", 4L)))
                .containsEntry("a", 6L).containsEntry("b", 5L);
    }

    @Test
    void soakSamplesBecomeACsvAndAPng() throws IOException {
        RssChart chart = new RssChart();
        chart.add("before", 0, 170_000, 20_000, 35);
        chart.add("before", 10, 215_000, 30_000, 70);
        chart.add("after", 0, 160_000, 18_000, 30);
        chart.writeCsv(dir.resolve("soak.csv"));
        chart.writePng(dir.resolve("soak.png"), "test", 200);
        assertThat(Files.readAllLines(dir.resolve("soak.csv"), StandardCharsets.UTF_8)).containsExactly(
                "label,seconds,rss_kb,heap_kb,threads", "before,0,170000,20000,35", "before,10,215000,30000,70",
                "after,0,160000,18000,30");
        BufferedImage png = ImageIO.read(dir.resolve("soak.png").toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(500);
    }
}
