package dev.floorgate.devices.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.DeviceUrl;
import dev.floorgate.devices.Recorder;
import dev.floorgate.devices.ScaleDriver;
import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.ScaleState;
import dev.floorgate.devices.Scan;
import dev.floorgate.devices.ScannerDriver;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulators' command line, run in-process with its own stdin and stdout. */
class SimulatorCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static String awaitOutput(ByteArrayOutputStream out, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no output matching " + pattern + "; got: " + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printerCommandCapturesLabelsAndTakesCommandsOnStdin() throws Exception {
        Path captures = dir.resolve("labels");
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream commandIn = new PipedInputStream(stdin);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(SimulatorCommand.run(
                new String[] {"printer", "--port", "0", "--capture-dir", captures.toString(), "--dpi", "300"},
                commandIn, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))));
        command.start();

        int port = Integer.parseInt(awaitOutput(stdout, Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)")));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("^XA^FO50,50^FDfrom the command line^FS^XZ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Path label = captures.resolve("label-000001.zpl");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.exists(label) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(label).hasContent("^XA^FO50,50^FDfrom the command line^FS^XZ");
        }

        stdin.write("paper-out on\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        awaitOutput(stdout, Pattern.compile("ok paper-out=on"));
        stdin.write("bogus\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        awaitOutput(stdout, Pattern.compile("error unknown command 'bogus'"));
        stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        command.join(WAIT.toMillis());
        assertThat(command.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @Test
    void scannerCommandSendsReadsWithEscapesToTheGateway() throws Exception {
        Recorder recorder = new Recorder();
        try (ScannerDriver gateway = ScannerDriver.open("station-1", DeviceUrl.parse("tcp-listen://127.0.0.1:0"), null,
                recorder, recorder)) {
            int port = gateway.localAddress().getPort();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            int exit = SimulatorCommand.run(new String[] {"scanner", "--connect", "127.0.0.1:" + port, "--aim", "]C1",
                    "--send", "0109501101530003\\x1D10LOT1", "--send", "00350123451234567894", "--interval-ms", "10",
                    "--repeat", "1"}, new java.io.ByteArrayInputStream(new byte[0]),
                    new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
            assertThat(exit).isZero();
            Scan first = recorder.awaitScan(1, WAIT);
            assertThat(first.aimId()).isEqualTo("]C1");
            assertThat(first.data()).isEqualTo("0109501101530003\u001d10LOT1");
            assertThat(recorder.awaitScan(2, WAIT).data()).isEqualTo("00350123451234567894");
            assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("sent 0109501101530003<GS>10LOT1");
        }
    }

    @Test
    void badArgumentsGiveAUsageErrorNotAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulatorCommand.run(new String[] {"printer", "--port", "0"}, new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--capture-dir");
    }

    @Test
    void escapesExpand() {
        assertThat(SimulatorCommand.unescape("a\\x1Db\\r\\n\\\\\\t")).isEqualTo("a\u001db\r\n\\\t");
        assertThat(SimulatorCommand.unescape("\\xZZ")).isEqualTo("\\xZZ");
    }

    @Test
    void scaleCommandServesMtSicsAndTakesTheLoadOnStdin() throws Exception {
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream commandIn = new PipedInputStream(stdin);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(SimulatorCommand.run(
                new String[] {"scale", "--listen", "0", "--weight", "1.500", "--unit", "lb"},
                commandIn, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))));
        command.start();
        int port = Integer.parseInt(awaitOutput(stdout, Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)")));

        Recorder recorder = new Recorder();
        try (ScaleDriver driver = ScaleDriver.open("cli-scale", DeviceUrl.parse("tcp://127.0.0.1:" + port),
                ScaleOptions.builder().pollInterval(Duration.ZERO).build(), recorder.scaleReadings(), recorder)) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            assertThat(driver.readStable(WAIT).detail()).isEqualTo("stable gross 1.500 lb");

            stdin.write("weight 2.25\noverload\nbogus\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            awaitOutput(stdout, Pattern.compile("error unknown command 'bogus'"));
            assertThat(driver.readNow().state()).isEqualTo(ScaleState.OVERLOAD);
            stdin.write("normal\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            awaitOutput(stdout, Pattern.compile("ok normal"));
            assertThat(driver.readStable(WAIT).detail()).isEqualTo("stable gross 2.25 lb");
        }
        stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        command.join(WAIT.toMillis());
        assertThat(command.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }
}
