package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrinterSimulator;
import java.net.InetSocketAddress;
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
