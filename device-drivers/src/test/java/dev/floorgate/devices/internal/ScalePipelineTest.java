package dev.floorgate.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.Recorder;
import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import dev.floorgate.devices.ScaleUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scale's bytes as tables, bytes in and readings out (PROTOCOLS.md 9.1-9.3): MT-SICS replies through the line
 * decoder and {@link SicsReplyParser}, continuous lines through the whole continuous pipeline, on an
 * EmbeddedChannel (no network; time is the channel's frozen clock, moved by the test).
 */
class ScalePipelineTest {

    private final Recorder recorder = new Recorder();
    private DeviceEventSink sink;
    private EmbeddedChannel channel;
    private ScaleReadings readings;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private EmbeddedChannel pipeline(ScaleOptions options) {
        sink = new DeviceEventSink("pack-1", recorder, 1000);
        readings = new ScaleReadings("pack-1", recorder.scaleReadings(), sink);
        channel = new EmbeddedChannel(new ScalePipelineInitializer("pack-1", options, readings, sink));
        channel.freezeTime();
        return channel;
    }

    private void write(String... chunks) {
        for (String chunk : chunks) {
            channel.writeInbound(bytes(chunk));
        }
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private List<String> timeline() throws InterruptedException {
        CountDownLatch drained = new CountDownLatch(1);
        sink.deliver(drained::countDown);
        assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
        return recorder.timeline();
    }

    /** The first line the decoder cuts from {@code bytes}, as MT-SICS's answer to {@code command}. */
    private static ScaleReading sics(String command, String bytes) {
        EmbeddedChannel lines = new EmbeddedChannel(new ScaleLineDecoder(128, TimeUnit.SECONDS.toNanos(1)));
        lines.writeInbound(bytes(bytes));
        ScaleLine line = lines.readInbound();
        lines.finishAndReleaseAll();
        assertThat(line).as("a line in %s", bytes).isNotNull();
        return SicsReplyParser.parse("pack-1", command, line, false, 128, Instant.now());
    }

    static Stream<Arguments> sicsReplies() {
        return Stream.of(
                // PROTOCOLS.md 9.2: S and SI
                Arguments.of("S", "S S     12.345 kg\r\n", ScaleState.STABLE, "12.345", ScaleUnit.KG),
                Arguments.of("S", "S S      -0.50 g\r\n", ScaleState.STABLE, "-0.50", ScaleUnit.G),
                Arguments.of("SI", "S S    100.00 g\r\n", ScaleState.STABLE, "100.00", ScaleUnit.G),
                Arguments.of("SI", "S D      0.120 kg\r\n", ScaleState.UNSTABLE, "0.120", ScaleUnit.KG),
                Arguments.of("SI", "S S      1.250 lb\r\n", ScaleState.STABLE, "1.250", ScaleUnit.LB),
                Arguments.of("SI", "S S       3.5 oz\r\n", ScaleState.STABLE, "3.5", ScaleUnit.OZ),
                Arguments.of("S", "S I\r\n", ScaleState.UNSTABLE, null, null),
                Arguments.of("S", "S +\r\n", ScaleState.OVERLOAD, null, null),
                Arguments.of("SI", "S -\r\n", ScaleState.UNDERLOAD, null, null),
                Arguments.of("S", "ES\r\n", ScaleState.REFUSED, null, null),
                Arguments.of("SI", "ET\r\n", ScaleState.REFUSED, null, null),
                Arguments.of("T", "EL\r\n", ScaleState.REFUSED, null, null),
                // Z and T
                Arguments.of("Z", "Z A\r\n", ScaleState.STABLE, null, null),
                Arguments.of("Z", "Z I\r\n", ScaleState.UNSTABLE, null, null),
                Arguments.of("Z", "Z +\r\n", ScaleState.OVERLOAD, null, null),
                Arguments.of("T", "T S      0.850 kg\r\n", ScaleState.STABLE, "0.850", ScaleUnit.KG),
                Arguments.of("T", "T I\r\n", ScaleState.UNSTABLE, null, null),
                Arguments.of("T", "T -\r\n", ScaleState.UNDERLOAD, null, null),
                // a lone CR or LF ends a reply as well
                Arguments.of("S", "S S 2.000 kg\r", ScaleState.STABLE, "2.000", ScaleUnit.KG),
                Arguments.of("S", "S S 2.000 kg\n", ScaleState.STABLE, "2.000", ScaleUnit.KG),
                // never a weight: garbage of every kind
                Arguments.of("S", "\u0000\u00ffS S 1.000 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S 1.000 k\u00e9\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S     12.345 mg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S  12.3.4 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S 12,5 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S 1e3 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S 1.000 kg extra\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S12.000 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S S\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S X 1.000 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "S I 5\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "Z A\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "T S 1.000 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("T", "T D 1.000 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("Z", "Z A 1.000 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("Z", "Z S 1.000 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("SI", "ST,GS,+0012.345 kg\r\n", ScaleState.GARBAGE, null, null),
                Arguments.of("S", "OK\r\n", ScaleState.GARBAGE, null, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("sicsReplies")
    void sicsReplyBecomesItsReading(String command, String bytes, ScaleState state, String weight, ScaleUnit unit) {
        ScaleReading reading = sics(command, bytes);

        assertThat(reading.state()).as(reading.detail()).isEqualTo(state);
        assertThat(reading.weight()).isEqualTo(weight == null ? null : new BigDecimal(weight));
        assertThat(reading.unit()).isEqualTo(unit);
        assertThat(reading.scale()).isEqualTo("pack-1");
        if (state == ScaleState.GARBAGE) {
            assertThat(reading.detail()).contains("scale 'pack-1'").matches("(?s).*[0-9a-f]{2} [0-9a-f]{2}.*");
        }
    }

    @Test
    void sicsWeightIsNetOnlyAfterTheDriverTared() {
        EmbeddedChannel lines = new EmbeddedChannel(new ScaleLineDecoder(128, TimeUnit.SECONDS.toNanos(1)));
        lines.writeInbound(bytes("S S      1.000 kg\r\n"));
        ScaleLine line = lines.readInbound();
        lines.finishAndReleaseAll();

        assertThat(SicsReplyParser.parse("pack-1", "S", line, true, 128, Instant.now()).net()).isTrue();
        assertThat(SicsReplyParser.parse("pack-1", "S", line, false, 128, Instant.now()).net()).isFalse();
        // the tare weight itself is never "net"
        assertThat(SicsReplyParser.parse("pack-1", "T", ScaleLine.line("T S 1.0 kg".getBytes(StandardCharsets.US_ASCII)),
                true, 128, Instant.now()).net()).isFalse();
    }

    static Stream<Arguments> continuousLines() {
        return Stream.of(
                // PROTOCOLS.md 9.3
                Arguments.of("ST,GS,+0012.345 kg\r\n", "reading:STABLE:12.345 kg", false),
                Arguments.of("US,GS,+0000.120 kg\r\n", "reading:UNSTABLE:0.120 kg", false),
                Arguments.of("ST,NT,-0001.50 lb\r\n", "reading:STABLE:-1.50 lb", true),
                Arguments.of("ST,GS,    0.0,kg\r\n", "reading:STABLE:0.0 kg", false),
                Arguments.of("ST,GS,+0012.345kg\r", "reading:STABLE:12.345 kg", false),
                Arguments.of("ST,GS,   250.5 g\n", "reading:STABLE:250.5 g", false),
                Arguments.of("ST,GS,+0003.25 oz\r\n", "reading:STABLE:3.25 oz", false),
                Arguments.of("OL,GS,+9999.999 kg\r\n", "reading:OVERLOAD", false),
                Arguments.of("UL,GS,-------- kg\r\n", "reading:UNDERLOAD", false),
                Arguments.of("XX,GS,+0001.000 kg\r\n", "reading:GARBAGE", false),
                Arguments.of("ST,TR,+0001.000 kg\r\n", "reading:GARBAGE", false),
                Arguments.of("ST,GS,+0001.000 mg\r\n", "reading:GARBAGE", false),
                Arguments.of("ST,GS,+00a1.000 kg\r\n", "reading:GARBAGE", false),
                Arguments.of("ST,GS,+0001.000\r\n", "reading:GARBAGE", false),
                Arguments.of("ST GS +0001.000 kg\r\n", "reading:GARBAGE", false),
                Arguments.of("ST,GS,+0001.000 kg\u0007\r\n", "reading:GARBAGE", false),
                Arguments.of("S S      1.000 kg\r\n", "reading:GARBAGE", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuousLines")
    void continuousLineBecomesItsReading(String bytes, String expected, boolean net) throws InterruptedException {
        pipeline(ScaleOptions.builder().protocol(ScaleOptions.Protocol.CONTINUOUS).build());
        write(bytes);

        List<String> timeline = timeline();
        boolean garbage = expected.equals("reading:GARBAGE");
        assertThat(timeline).containsExactlyElementsOf(garbage ? List.of("GARBAGE", expected) : List.of(expected));
        assertThat(readings.latest().net()).isEqualTo(net);
        assertThat((Object) channel.readOutbound()).as("nothing is ever sent to a continuous scale").isNull();
    }

    @Test
    void continuousLineSplitAcrossReadsIsOneReadingAndRepeatsAreNotRepeatedToTheListener() throws InterruptedException {
        pipeline(ScaleOptions.builder().protocol(ScaleOptions.Protocol.CONTINUOUS).build());
        write("ST,G", "S,+00", "12.345 k", "g\r", "\nST,GS,+0012.345 kg\r\nST,GS,+0012.345 kg\r\n", "US,GS,+0013.000 kg\r\n");

        assertThat(timeline()).containsExactly("reading:STABLE:12.345 kg", "reading:UNSTABLE:13.000 kg");
        assertThat(readings.count()).isEqualTo(4);
    }

    @Test
    void overLongLineIsOneGarbageReadingAndTheNextLineIsRead() throws InterruptedException {
        pipeline(ScaleOptions.builder().protocol(ScaleOptions.Protocol.CONTINUOUS).maxFrameLength(32).build());
        char[] endless = new char[100_000];
        Arrays.fill(endless, '7');
        write(new String(endless), new String(endless), "\r\n", "ST,GS,+0001.000 kg\r\n");

        assertThat(timeline()).containsExactly("GARBAGE", "reading:GARBAGE", "reading:STABLE:1.000 kg");
        assertThat(recorder.events(DeviceEvent.Kind.GARBAGE).get(0).message())
                .contains("scale 'pack-1'", "200000 bytes", "maxFrame 32", "37 37 37").hasSizeLessThan(400);
    }

    @Test
    void halfLineFollowedBySilenceIsDroppedNotGluedToTheNextLine() throws InterruptedException {
        pipeline(ScaleOptions.builder().protocol(ScaleOptions.Protocol.CONTINUOUS).build());
        write("ST,GS,+00");
        channel.advanceTimeBy(1500, TimeUnit.MILLISECONDS);
        write("12.345 kg\r\n", "ST,GS,+0002.000 kg\r\n");

        // each garbage line is an event; the listener hears of the GARBAGE state once, as of any unchanged state
        assertThat(timeline()).containsExactly("GARBAGE", "reading:GARBAGE", "GARBAGE", "reading:STABLE:2.000 kg");
        assertThat(recorder.events(DeviceEvent.Kind.GARBAGE).get(1).message()).contains("'12.345 kg'");
        assertThat(recorder.events(DeviceEvent.Kind.GARBAGE).get(0).message()).contains("9 bytes without CR LF");
        assertThat(recorder.readings()).noneMatch(r -> r.weight() != null && r.weight().compareTo(new BigDecimal("12.345")) == 0);
    }

    @Test
    void sicsRequestIsWrittenWithCrLfAndPairedWithTheNextLine() throws Exception {
        pipeline(ScaleOptions.defaults());
        SicsRequest request = new SicsRequest("SI");
        channel.writeOutbound(request);
        ByteBuf sent = channel.readOutbound();
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("SI\r\n");
        sent.release();

        write("S D  ", "    0.120 kg\r\n");

        assertThat(request.reply()).isDone();
        assertThat(request.reply().get().text()).isEqualTo("S D      0.120 kg");
    }

    @Test
    void sicsHalfReplyIsDroppedWhenTheNextCommandGoesOutAndLateRepliesAreStray() throws Exception {
        pipeline(ScaleOptions.defaults());
        SicsRequest first = new SicsRequest("S");
        channel.writeOutbound(first);
        write("S S    ");
        first.abandon(); // the driver's answer timeout
        SicsRequest second = new SicsRequest("SI");
        channel.writeOutbound(second);
        write("S S      5.000 kg\r\n");

        assertThat(second.reply().get().text()).isEqualTo("S S      5.000 kg");
        assertThat(timeline()).containsExactly("GARBAGE");
        assertThat(recorder.events(DeviceEvent.Kind.GARBAGE).get(0).message()).contains("while no command was waiting");

        write("S S      6.000 kg\r\n"); // nobody asked: dropped, not kept for the next command
        SicsRequest third = new SicsRequest("SI");
        channel.writeOutbound(third);
        assertThat(third.reply()).isNotDone();
    }
}
