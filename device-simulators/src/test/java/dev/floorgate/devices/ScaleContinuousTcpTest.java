package dev.floorgate.devices;

import static dev.floorgate.devices.ScaleDriverTcpTest.assertWeight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.sim.ScaleSimulator;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scale driver listening to a continuous-output scale simulator over loopback TCP (PROTOCOLS.md 9.3). */
class ScaleContinuousTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @BeforeAll
    static void warmUp() throws Exception {
        ScaleDriverTcpTest.warmUp();
    }

    private static ScaleOptions.Builder continuous() {
        return ScaleDriverTcpTest.quiet().protocol(ScaleOptions.Protocol.CONTINUOUS).pollInterval(Duration.ofMillis(50));
    }

    private static ScaleSimulator.Builder streaming() {
        return streaming(0);
    }

    private static ScaleSimulator.Builder streaming(int port) {
        return ScaleSimulator.listen(port).protocol(ScaleOptions.Protocol.CONTINUOUS).interval(Duration.ofMillis(20));
    }

    @Test
    void stableLineIsReadAndNothingIsSentToTheScale() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = streaming().unit(ScaleUnit.LB).start().weight("12.345");
             ScaleDriver driver = ScaleDriverTcpTest.open("belt-1", scale.port(), continuous().build(), recorder)) {
            ScaleReading r = driver.readStable(WAIT);

            assertWeight(r, ScaleState.STABLE, "12.345", ScaleUnit.LB);
            assertThat(r.net()).isFalse();
            assertThat(new String(r.raw())).isEqualTo("ST,GS,+0012.345 lb");
            assertThat(driver.readNow().state()).isEqualTo(ScaleState.STABLE);
            assertThat(scale.commandsReceived()).isEmpty();
            assertThatThrownBy(driver::zero).isInstanceOf(IllegalStateException.class).hasMessageContaining("continuous");
            assertThatThrownBy(driver::tare).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void unstableLinesAreToldAndReadStableWaitsForTheFirstStableOne() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = streaming().start().weight("2.100").stable(false);
             ScaleDriver driver = ScaleDriverTcpTest.open("belt-2", scale.port(), continuous().build(), recorder)) {
            ScaleReading moving = driver.readStable(Duration.ofMillis(1500));
            assertWeight(moving, ScaleState.UNSTABLE, "2.100", ScaleUnit.KG);
            recorder.awaitReading(r -> r.state() == ScaleState.UNSTABLE, WAIT, "the moving load told");

            Thread settle = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    scale.weight("2.150").stable(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            settle.start();
            ScaleReading r = driver.readStable(WAIT);
            settle.join();
            assertWeight(r, ScaleState.STABLE, "2.150", ScaleUnit.KG);
        }
    }

    @Test
    void overloadGarbageAndSilenceAreStatesAndEvents() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = streaming().start().weight("1.000").load(ScaleSimulator.Load.OVERLOAD);
             ScaleDriver driver = ScaleDriverTcpTest.open("belt-3", scale.port(), continuous().build(), recorder)) {
            ScaleReading over = driver.readStable(WAIT); // an OL line ends the wait at once
            assertThat(over.state()).isEqualTo(ScaleState.OVERLOAD);
            assertThat(over.weight()).isNull();

            scale.load(ScaleSimulator.Load.NORMAL).fault(ScaleSimulator.Fault.GARBAGE);
            recorder.awaitEvent(DeviceEvent.Kind.GARBAGE, WAIT);
            assertThat(driver.readStable(Duration.ofSeconds(3)).state()).isEqualTo(ScaleState.GARBAGE);

            scale.fault(ScaleSimulator.Fault.SILENCE);
            DeviceEvent silent = recorder.awaitEvent(DeviceEvent.Kind.NOT_ANSWERING, WAIT);
            assertThat(silent.message()).contains("belt-3", "answerTimeout 1000 ms");
            assertThat(driver.readStable(Duration.ofMillis(1500)).state()).isEqualTo(ScaleState.NOT_ANSWERING);
            recorder.awaitReading(r -> r.state() == ScaleState.NOT_ANSWERING, WAIT, "the silence told");

            scale.fault(ScaleSimulator.Fault.NONE);
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "1.000", ScaleUnit.KG);
            assertThat(recorder.readings()).filteredOn(r -> r.weight() != null)
                    .allMatch(r -> r.weight().compareTo(java.math.BigDecimal.ONE) == 0);
        }
    }

    @Test
    void halfALineThenNothingIsDroppedAndTheScaleIsNotAnswering() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = streaming().start().weight("6.000").fault(ScaleSimulator.Fault.HALF_LINE);
             ScaleDriver driver = ScaleDriverTcpTest.open("belt-4", scale.port(), continuous().build(), recorder)) {
            recorder.awaitEvent(DeviceEvent.Kind.NOT_ANSWERING, WAIT);
            scale.fault(ScaleSimulator.Fault.NONE);
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "6.000", ScaleUnit.KG);
            // the half line is dropped on its own ("without CR LF") when the next line comes after answerTimeout
            // of silence, or else glued to it and refused as garbage: either way a GARBAGE event, never a weight
            assertThat(recorder.awaitEvent(DeviceEvent.Kind.GARBAGE, WAIT).message()).contains("scale 'belt-4'", "53 54 2c");
            assertThat(recorder.readings()).filteredOn(r -> r.weight() != null)
                    .allMatch(r -> r.weight().compareTo(new java.math.BigDecimal("6.000")) == 0);
        }
    }

    @Test
    void scaleThatRestartsIsReconnectedAndReadAgain() throws Exception {
        Recorder recorder = new Recorder();
        ScaleSimulator first = streaming().start().weight("3.000");
        int port = first.port();
        try (ScaleDriver driver = ScaleDriverTcpTest.open("belt-5", port, continuous().build(), recorder)) {
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "3.000", ScaleUnit.KG);
            first.close();
            recorder.awaitEvent(DeviceEvent.Kind.DISCONNECTED, WAIT);
            recorder.awaitReading(r -> r.state() == ScaleState.DISCONNECTED, WAIT, "the lost scale told");

            try (ScaleSimulator again = streaming(port).start().weight("3.300")) {
                assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "3.300", ScaleUnit.KG);
                // events reach the listener from the scale's own event thread, so the reading may come first
                recorder.await(() -> recorder.events(DeviceEvent.Kind.CONNECTED).size() >= 2, WAIT, "the reconnect");
                assertThat(recorder.events(DeviceEvent.Kind.CONNECTED)).hasSize(2);
            }
        }
    }
}
