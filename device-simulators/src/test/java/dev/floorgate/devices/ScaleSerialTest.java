package dev.floorgate.devices;

import static dev.floorgate.devices.ScaleDriverTcpTest.assertWeight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.ScaleSimulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale driver and simulator on the two ends of a real pseudo-terminal pair made by socat (PROTOCOLS.md 9.1). */
class ScaleSerialTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static DeviceUrl serial(Path path, String options) {
        return DeviceUrl.parse("serial://" + path + "?baud=9600&answerTimeout=1s&pollInterval=0&reconnectMin=50ms&"
                + "reconnectMax=200ms&" + options);
    }

    @Test
    void sicsScaleOverSerialReadsWeightsAndSurvivesGarbageAndSilence() throws Exception {
        Recorder recorder = new Recorder();
        try (SocatPty pty = new SocatPty(dir);
             ScaleSimulator scale = ScaleSimulator.serial(pty.b.toString()).stabilityTimeout(Duration.ofMillis(100)).start()
                     .weight("0.455").unit(ScaleUnit.KG);
             ScaleDriver driver = ScaleDriver.open("pack-serial", serial(pty.a, "protocol=sics"), null,
                     recorder.scaleReadings(), recorder)) {
            assertThat(driver.awaitConnected(WAIT)).isTrue();
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "0.455", ScaleUnit.KG);

            scale.stable(false);
            assertWeight(driver.readNow(), ScaleState.UNSTABLE, "0.455", ScaleUnit.KG);
            scale.stable(true).load(ScaleSimulator.Load.OVERLOAD);
            assertThat(driver.readStable(WAIT).state()).isEqualTo(ScaleState.OVERLOAD);
            scale.load(ScaleSimulator.Load.NORMAL);

            scale.fault(ScaleSimulator.Fault.GARBAGE);
            assertThat(driver.readNow().state()).isEqualTo(ScaleState.GARBAGE);
            assertThat(recorder.awaitEvent(DeviceEvent.Kind.GARBAGE, WAIT).message()).contains("00 ff 13");

            scale.fault(ScaleSimulator.Fault.SILENCE);
            assertThat(driver.readStable(Duration.ofMillis(800)).state()).isEqualTo(ScaleState.NOT_ANSWERING);
            recorder.awaitEvent(DeviceEvent.Kind.NOT_ANSWERING, WAIT);

            scale.fault(ScaleSimulator.Fault.NONE).weight("0.460");
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "0.460", ScaleUnit.KG);
            assertThat(driver.connected()).isTrue();
        }
    }

    @Test
    void continuousScaleOverSerialIsReadAndReopenedWhenThePortComesBack() throws Exception {
        Recorder recorder = new Recorder();
        SocatPty pty = new SocatPty(dir);
        try (ScaleDriver driver = ScaleDriver.open("belt-serial", serial(pty.a, "protocol=continuous"), null,
                recorder.scaleReadings(), recorder)) {
            try (ScaleSimulator scale = ScaleSimulator.serial(pty.b.toString()).protocol(ScaleOptions.Protocol.CONTINUOUS)
                    .interval(Duration.ofMillis(20)).unit(ScaleUnit.G).start().weight("250.5")) {
                assertThat(driver.awaitConnected(WAIT)).isTrue();
                assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "250.5", ScaleUnit.G);
            }
            pty.close(); // the USB adapter is unplugged
            recorder.awaitEvent(DeviceEvent.Kind.DISCONNECTED, WAIT);

            try (SocatPty again = new SocatPty(dir);
                 ScaleSimulator scale = ScaleSimulator.serial(again.b.toString()).protocol(ScaleOptions.Protocol.CONTINUOUS)
                         .interval(Duration.ofMillis(20)).unit(ScaleUnit.G).start().weight("300.0")) {
                recorder.await(() -> recorder.events(DeviceEvent.Kind.CONNECTED).size() == 2, WAIT, "reopened port");
                assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "300.0", ScaleUnit.G);
            }
        }
    }
}
