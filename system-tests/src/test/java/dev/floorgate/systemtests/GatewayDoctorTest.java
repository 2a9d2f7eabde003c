package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrinterSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floorgate-gateway doctor} from the gateway's jar against a real core: each thing site IT gets wrong (a
 * wrong secret, a printer that is off, a port another program holds, a disk below the floor, a serial port that
 * does not exist) is a FAIL line naming it with what to do, and the exit status is 1; set right, every line is OK.
 */
class GatewayDoctorTest {
    @TempDir
    Path dir;

    @Test
    void everyMistakeIsOneFailLineWithWhatToDoAndARightSetupPasses() throws Exception {
        try (Chain chain = new Chain(dir).startCore();
                PrinterSimulator printer = PrinterSimulator.builder().captureDir(dir.resolve("labels")).start();
                ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(0));
            int freePort = ServiceProcess.freePort();
            Map<String, String> right = new HashMap<>();
            right.put("FG_DATA_DIR", dir.resolve("data").toString());
            right.put("FG_CORE_URL", "http://127.0.0.1:" + chain.corePort);
            right.put("FG_CORE_KEY_ID", Chain.KEY_ID);
            right.put("FG_CORE_SECRET", Chain.SECRET);
            right.put("FG_SYNC_WAREHOUSES", "SH01");
            right.put("FG_GATEWAY_PORT", Integer.toString(freePort));
            right.put("FG_GATEWAY_HTTPS_PORT", Integer.toString(ServiceProcess.freePort()));
            right.put("FG_PRINTERS_DOCK1_URL", "tcp://127.0.0.1:" + printer.port());
            Doctor ok = doctor(right);
            assertThat(ok.output).contains("OK   core reachable").contains("OK   clock").contains("OK   core key")
                    .contains("OK   disk").contains("OK   HTTP port").contains("OK   HTTPS port")
                    .contains("OK   printer dock1").contains("doctor: no failed check");
            assertThat(ok.output).as("one line when the gateway is not running").containsOnlyOnce("device clocks")
                    .containsPattern("SKIP device clocks +the gateway is not running.* -> start it");
            assertThat(ok.exit).as(ok.output).isZero();

            Map<String, String> wrong = new HashMap<>(right);
            wrong.put("FG_CORE_SECRET", "not-the-secret-0123456789");
            wrong.put("FG_PRINTERS_DOCK1_URL", "tcp://127.0.0.1:" + ServiceProcess.freePort());
            wrong.put("FG_SCANNERS_PACK1_URL", "serial:///dev/ttyUSB-none?baud=9600");
            wrong.put("FG_GATEWAY_PORT", Integer.toString(squatter.getLocalPort()));
            wrong.put("FG_SYNC_DISK_FLOOR", Long.toString(Long.MAX_VALUE / 2));
            Doctor bad = doctor(wrong);
            assertThat(bad.exit).as(bad.output).isEqualTo(1);
            assertThat(bad.output)
                    .containsPattern("FAIL core key +the core refused key '" + Chain.KEY_ID + "'.* -> FG_CORE_KEY_ID")
                    .containsPattern("FAIL printer dock1 .*does not accept a connection.* -> is it on")
                    .containsPattern("FAIL scanner pack1 +/dev/ttyUSB-none does not exist -> plug the cable in")
                    .containsPattern("FAIL HTTP port +" + squatter.getLocalPort() + " is in use by another program"
                            + ".* -> find it with `ss -ltnp")
                    .containsPattern("FAIL disk .* -> the gateway refuses new operations below the floor")
                    .contains("OK   core reachable").contains("doctor: 5 failed check(s)");
        }
    }

    @Test
    void theClocksOfPdasAndPrintersTheRunningGatewayKnowsAreOneLineEachWhenOffAndOneLineWhenFine() throws Exception {
        try (Chain chain = new Chain(dir).startCore();
                PrinterSimulator printer = PrinterSimulator.builder().captureDir(dir.resolve("labels")).start()) {
            printer.clockOffset(Duration.ofDays(365)); // a year ahead; the gateway may not set it
            chain.gatewayEnv("FG_PRINTERS_DOCK1_URL", "tcp://127.0.0.1:" + printer.port())
                    .gatewayEnv("FG_CLOCK_PRINTER_CHECK_INTERVAL", "1s").startGateway();
            String pda = chain.enroll("pda-1970", "acme");
            HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(chain.gateway.url("/api/v1/operations"))).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + pda)
                    .header("X-FG-Device-Time", "190000").POST(HttpRequest.BodyPublishers.ofString(
                            Chain.receive("0190f5c2-7b1a-7c3e-8f00-0000000d0c01", "acme", 0, 1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> chain.gatewayGet("/metrics", null).body()
                    .contains("floorgate_printer_clock_offset_seconds{printer=\"dock1\"} 3"));
            Map<String, String> env = new HashMap<>();
            env.put("FG_DATA_DIR", dir.resolve("gateway-data").toString());
            env.put("FG_GATEWAY_PORT", Integer.toString(chain.gatewayPort));
            env.put("FG_PRINTERS_DOCK1_URL", "tcp://127.0.0.1:" + printer.port());

            Doctor off = doctor(env);
            assertThat(off.output)
                    .containsPattern("WARN printer dock1 clock +clock is 3153(59|60)\\d\\d s ahead of core time .* -> "
                            + "dates it prints itself \\(\\^FC\\) are wrong: allow the gateway to set it "
                            + "\\(FG_PRINTERS_DOCK1_SET_CLOCK=true")
                    .containsPattern("WARN pda pda-1970 clock +clock is \\d{10} s behind core time .* -> turn on "
                            + "automatic date and time on the PDA")
                    .doesNotContain("OK   device clocks");

            // fixed on the printer's panel, the PDA's next request in the right time: one summary line
            printer.clockOffset(Duration.ZERO);
            HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(chain.gateway.url("/api/v1/operations"))).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + pda)
                    .header("X-FG-Device-Time", Long.toString(System.currentTimeMillis()))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            Chain.receive("0190f5c2-7b1a-7c3e-8f00-0000000d0c02", "acme", 0, 1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> chain.gatewayGet("/metrics", null).body()
                    .matches("(?s).*floorgate_printer_clock_offset_seconds\\{printer=\"dock1\"} -?[0-9]\\.?.*"));
            Doctor fine = doctor(env);
            assertThat(fine.output).containsPattern("OK   device clocks +1 PDA\\(s\\) and 1 printer\\(s\\) within 180 s "
                    + "of core time").doesNotContain("WARN pda").doesNotContain("WARN printer");
        }
    }

    private record Doctor(int exit, String output) {
    }

    private Doctor doctor(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(dir, "doctor", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("fg.gateway.jar"), "doctor").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("doctor took over 60 s: " + Files.readString(log));
        }
        return new Doctor(p.exitValue(), Files.readString(log));
    }
}
