package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.ScaleSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scale driver against the scale simulator over real loopback TCP, MT-SICS (PROTOCOLS.md 9.2). */
class ScaleDriverTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** No background poll, so the commands on the wire are the test's own. */
    static ScaleOptions.Builder quiet() {
        return ScaleOptions.builder().pollInterval(Duration.ZERO).answerTimeout(Duration.ofSeconds(1))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).connectTimeout(Duration.ofSeconds(1));
    }

    /**
     * One exchange before the tests, so that class loading in a cold JVM on a busy machine cannot pass for a scale
     * that does not answer within a test's bound.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("1.000");
             ScaleSimulator stream = ScaleSimulator.listen(0).protocol(ScaleOptions.Protocol.CONTINUOUS).start().weight("1.000");
             ScaleDriver sics = open("warm-up", scale.port(), quiet().build(), recorder);
             ScaleDriver continuous = open("warm-up-c", stream.port(),
                     quiet().protocol(ScaleOptions.Protocol.CONTINUOUS).build(), recorder)) {
            assertThat(sics.readStable(Duration.ofSeconds(30)).state()).isEqualTo(ScaleState.STABLE);
            assertThat(continuous.readStable(Duration.ofSeconds(30)).state()).isEqualTo(ScaleState.STABLE);
        }
    }

    static ScaleDriver open(String name, int port, ScaleOptions options, Recorder recorder) throws InterruptedException {
        ScaleDriver driver = ScaleDriver.open(name, DeviceUrl.parse("tcp://127.0.0.1:" + port), options,
                recorder.scaleReadings(), recorder);
        assertThat(driver.awaitConnected(WAIT)).isTrue();
        return driver;
    }

    static void assertWeight(ScaleReading r, ScaleState state, String weight, ScaleUnit unit) {
        assertThat(r.state()).as(r.detail()).isEqualTo(state);
        assertThat(r.weight()).isEqualTo(new BigDecimal(weight));
        assertThat(r.unit()).isEqualTo(unit);
    }

    @Test
    void stableWeightIsReadWithItsUnitAndDecimals() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("12.340");
             ScaleDriver driver = open("pack-1", scale.port(), quiet().build(), recorder)) {
            ScaleReading r = driver.readStable(WAIT);

            assertWeight(r, ScaleState.STABLE, "12.340", ScaleUnit.KG);
            assertThat(r.weight().scale()).isEqualTo(3);
            assertThat(r.net()).isFalse();
            assertThat(r.scale()).isEqualTo("pack-1");
            assertThat(scale.commandsReceived()).containsExactly("S");
            assertThat(driver.lastReading()).isEqualTo(r);
            recorder.awaitReading(x -> x.state() == ScaleState.STABLE, WAIT, "the reading told to the listener");
        }
    }

    @Test
    void unstableLoadIsReportedAndReadStableWaitsUntilItSettles() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).stabilityTimeout(Duration.ofMillis(100)).start()
                .weight("3.2").stable(false);
             ScaleDriver driver = open("pack-2", scale.port(), quiet().build(), recorder)) {
            assertWeight(driver.readNow(), ScaleState.UNSTABLE, "3.2", ScaleUnit.KG);
            ScaleReading bounded = driver.readStable(Duration.ofMillis(1000));
            assertThat(bounded.state()).isEqualTo(ScaleState.UNSTABLE);
            assertThat(bounded.weight()).isNull();
            assertThat(bounded.detail()).contains("S I");

            Thread settle = new Thread(() -> {
                try {
                    recorder.await(() -> scale.commandsReceived().size() >= 5, WAIT, "readStable asking S again");
                    scale.weight("3.250").stable(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            settle.start();
            ScaleReading r = driver.readStable(WAIT);
            settle.join();

            assertWeight(r, ScaleState.STABLE, "3.250", ScaleUnit.KG);
            assertThat(scale.commandsReceived()).startsWith("SI").contains("S").doesNotContain("Z", "T");
        }
    }

    @Test
    void overloadAndUnderloadAreStatesWithoutAWeight() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("99.000").load(ScaleSimulator.Load.OVERLOAD);
             ScaleDriver driver = open("pack-3", scale.port(), quiet().build(), recorder)) {
            ScaleReading over = driver.readStable(WAIT); // overload ends the wait at once
            assertThat(over.state()).isEqualTo(ScaleState.OVERLOAD);
            assertThat(over.weight()).isNull();
            assertThat(over.unit()).isNull();
            assertThat(driver.readNow().state()).isEqualTo(ScaleState.OVERLOAD);
            assertThat(driver.zero().state()).isEqualTo(ScaleState.OVERLOAD);

            scale.load(ScaleSimulator.Load.UNDERLOAD);
            assertThat(driver.readStable(WAIT).state()).isEqualTo(ScaleState.UNDERLOAD);

            scale.load(ScaleSimulator.Load.NORMAL);
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "99.000", ScaleUnit.KG);
        }
    }

    @Test
    void garbageIsAStateAndAnEventNeverAWeightAndReadingGoesOn() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("12.000").fault(ScaleSimulator.Fault.GARBAGE);
             ScaleDriver driver = open("pack-4", scale.port(), quiet().build(), recorder)) {
            ScaleReading r = driver.readStable(Duration.ofSeconds(3));

            assertThat(r.state()).isEqualTo(ScaleState.GARBAGE);
            assertThat(r.weight()).isNull();
            DeviceEvent garbage = recorder.awaitEvent(DeviceEvent.Kind.GARBAGE, WAIT);
            assertThat(garbage.message()).contains("scale 'pack-4'", "00 ff 13", "offset 0");
            assertThat(recorder.readings()).noneMatch(x -> x.weight() != null);

            // an over-long line from the scale: garbage too, bounded in the message
            scale.fault(ScaleSimulator.Fault.SILENCE);
            scale.raw(new byte[100_000]);
            scale.raw("\r\n".getBytes());
            scale.fault(ScaleSimulator.Fault.NONE);
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "12.000", ScaleUnit.KG);
            recorder.awaitEvent(e -> e.message().contains("100000 bytes"), WAIT, "the over-long line's event");
            assertThat(recorder.events(DeviceEvent.Kind.GARBAGE)).allMatch(e -> e.message().length() < 400);
            assertThat(driver.connected()).isTrue();
        }
    }

    @Test
    void silentScaleIsNotAnsweringWithinTheTimeoutAndRecovers() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("5.000").fault(ScaleSimulator.Fault.SILENCE);
             ScaleDriver driver = open("pack-5", scale.port(), quiet().build(), recorder)) {
            ScaleReading r = driver.readStable(Duration.ofMillis(600));
            assertThat(r.state()).isEqualTo(ScaleState.NOT_ANSWERING);
            assertThat(r.detail()).contains("did not answer S");
            assertThat(driver.readNow().state()).isEqualTo(ScaleState.NOT_ANSWERING);
            assertThat(recorder.awaitEvent(DeviceEvent.Kind.NOT_ANSWERING, WAIT).message()).contains("pack-5");

            scale.fault(ScaleSimulator.Fault.NONE);
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "5.000", ScaleUnit.KG);
        }
    }

    @Test
    void halfAReplyThenNothingIsNotAnsweringAndIsNotGluedToTheNextReply() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("7.500").fault(ScaleSimulator.Fault.HALF_LINE);
             ScaleDriver driver = open("pack-6", scale.port(), quiet().build(), recorder)) {
            assertThat(driver.readNow().state()).isEqualTo(ScaleState.NOT_ANSWERING);

            scale.fault(ScaleSimulator.Fault.NONE).weight("8.000");
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "8.000", ScaleUnit.KG);
            assertThat(recorder.awaitEvent(DeviceEvent.Kind.GARBAGE, WAIT).message()).contains("without CR LF");
        }
    }

    @Test
    void tareMakesLaterWeightsNetAndZeroClearsIt() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("1.000");
             ScaleDriver driver = open("pack-7", scale.port(), quiet().build(), recorder)) {
            ScaleReading tare = driver.tare();
            assertWeight(tare, ScaleState.STABLE, "1.000", ScaleUnit.KG);

            scale.weight("1.750");
            ScaleReading net = driver.readStable(WAIT);
            assertWeight(net, ScaleState.STABLE, "0.750", ScaleUnit.KG);
            assertThat(net.net()).isTrue();

            ScaleReading zero = driver.zero();
            assertThat(zero.state()).isEqualTo(ScaleState.STABLE);
            assertThat(zero.weight()).isNull();
            ScaleReading after = driver.readStable(WAIT);
            assertWeight(after, ScaleState.STABLE, "0.000", ScaleUnit.KG);
            assertThat(after.net()).isFalse();

            scale.stable(false);
            assertThat(driver.tare().state()).isEqualTo(ScaleState.UNSTABLE);
            assertThat(scale.commandsReceived()).containsExactly("T", "S", "Z", "S", "T");
        }
    }

    @Test
    void listenerHearsOfChangesFromTheBackgroundPoll() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("0.000");
             ScaleDriver driver = open("pack-8", scale.port(), quiet().pollInterval(Duration.ofMillis(50)).build(), recorder)) {
            recorder.awaitReading(r -> r.stable() && r.weight().signum() == 0, WAIT, "an empty pan");
            scale.weight("2.125").stable(false);
            recorder.awaitReading(r -> r.state() == ScaleState.UNSTABLE && r.weight() != null, WAIT, "a moving load");
            scale.stable(true);
            recorder.awaitReading(r -> r.stable() && "2.125".equals(r.weight().toPlainString()), WAIT, "the settled load");
            scale.load(ScaleSimulator.Load.OVERLOAD);
            recorder.awaitReading(r -> r.state() == ScaleState.OVERLOAD, WAIT, "overload");

            // only changes: the same reading polled again and again is told once
            assertThat(recorder.readings().stream().filter(r -> r.state() == ScaleState.OVERLOAD).count()).isEqualTo(1);
            assertThat(scale.commandsReceived()).contains("SI");
        }
    }

    @Test
    void scaleThatRestartsOrDropsTheLineIsReconnected() throws Exception {
        Recorder recorder = new Recorder();
        ScaleSimulator first = ScaleSimulator.listen(0).start().weight("4.000");
        int port = first.port();
        try (ScaleDriver driver = open("pack-9", port, quiet().build(), recorder)) {
            assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "4.000", ScaleUnit.KG);

            first.close(); // the scale is switched off
            recorder.awaitEvent(DeviceEvent.Kind.DISCONNECTED, WAIT);
            ScaleReading off = driver.readStable(Duration.ofMillis(300));
            assertThat(off.state()).isIn(ScaleState.DISCONNECTED, ScaleState.NOT_ANSWERING);
            assertThat(off.weight()).isNull();

            try (ScaleSimulator again = ScaleSimulator.listen(port).start().weight("4.500")) {
                recorder.await(() -> recorder.events(DeviceEvent.Kind.CONNECTED).size() == 2, WAIT, "the reconnect");
                assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "4.500", ScaleUnit.KG);

                again.disconnect(); // the scale resets its link, still listening
                recorder.await(() -> recorder.events(DeviceEvent.Kind.DISCONNECTED).size() == 2, WAIT, "the drop");
                assertWeight(driver.readStable(WAIT), ScaleState.STABLE, "4.500", ScaleUnit.KG);
                // events reach the listener from the scale's own event thread, so the reading may come first
                recorder.await(() -> recorder.events(DeviceEvent.Kind.CONNECTED).size() >= 3, WAIT,
                        "the second reconnect");
                assertThat(recorder.events(DeviceEvent.Kind.CONNECTED)).hasSize(3);
            }
        }
    }

    @Test
    void lateReplyIsNotTakenAsTheAnswerToTheNextCommand() throws Exception {
        Recorder recorder = new Recorder();
        try (ScaleSimulator scale = ScaleSimulator.listen(0).start().weight("1.000").replyDelay(Duration.ofMillis(1500));
             ScaleDriver driver = open("pack-10", scale.port(), quiet().build(), recorder)) {
            ScaleReading slow = driver.readNow(); // answerTimeout 1 s; "S S 1.000 kg" comes after 1.5 s
            assertThat(slow.state()).isEqualTo(ScaleState.NOT_ANSWERING);
            assertThat(slow.weight()).isNull();

            scale.replyDelay(Duration.ZERO).weight("2.000");
            assertWeight(driver.readNow(), ScaleState.STABLE, "2.000", ScaleUnit.KG);
            assertThat(scale.commandsReceived()).containsExactly("SI", "SI");
        }
    }
}
