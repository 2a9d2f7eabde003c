package dev.floorgate.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.PrinterStatus;
import dev.floorgate.devices.Recorder;
import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.Scan;
import dev.floorgate.devices.ScannerOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets of the device byte decoders (docs/FUZZING.md): the scanner pipeline (frame decoder, trigger
 * replies, scan decoder), the Zebra {@code ~HS}/{@code ~HQES} status parser, and the scale's line decoder with
 * both scale parsers. Every build runs them over the
 * seeds and findings in {@code DeviceDecodersFuzzTestInputs/<method>/} (the byte tables of ScannerPipelineTest
 * and ZebraStatusParserTest); {@code ./floorgate fuzz DeviceDecodersFuzzTest#method --minutes N} fuzzes one.
 *
 * <p>Device faults are states and events, never exceptions (STYLE.md): whatever the bytes, the pipeline reports
 * no ERROR event (its handler for unexpected exceptions) and the parser returns a status. A hang past the
 * per-input {@link Timeout} is a finding too.
 */
class DeviceDecodersFuzzTest {

    private static final ScannerOptions[] SCANNERS = {
        ScannerOptions.defaults(),
        ScannerOptions.builder().suffix(ScannerOptions.Suffix.LF).build(),
        ScannerOptions.builder().suffix(ScannerOptions.Suffix.CR).maxFrameLength(16).build(),
        ScannerOptions.builder().stxEtx(true).build(),
        ScannerOptions.builder().prefix("#").noReadString("NOREAD").build(),
        ScannerOptions.builder().suffix(ScannerOptions.Suffix.NONE).interCharTimeout(Duration.ofMillis(50)).build(),
        ScannerOptions.builder().suffix(ScannerOptions.Suffix.CR).triggerMode(ScannerOptions.TriggerMode.KEYENCE_LON).build(),
        ScannerOptions.builder().triggerMode(ScannerOptions.TriggerMode.COGNEX_DMCC).build(),
    };

    /**
     * Any bytes, in reads of varying size with pauses between them, become scans and events; the options
     * follow the input's length so that seeds stay plain bytes and every framing is covered.
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void scannerPipelineTurnsAnyBytesIntoScansAndEvents(byte[] input) throws InterruptedException {
        ScannerOptions options = SCANNERS[input.length % SCANNERS.length];
        Recorder recorder = new Recorder();
        DeviceEventSink sink = new DeviceEventSink("fuzz", recorder, 100_000);
        EmbeddedChannel channel = new EmbeddedChannel(new ScannerPipelineInitializer("fuzz", options, recorder, sink));
        try {
            channel.freezeTime();
            int at = 0;
            int read = 1;
            while (at < input.length) {
                int n = Math.min(read, input.length - at);
                channel.writeInbound(Unpooled.copiedBuffer(input, at, n));
                at += n;
                read = read * 3 % 17 + 1; // 1..17-byte reads, so frames straddle reads
                channel.advanceTimeBy(read * 7L, TimeUnit.MILLISECONDS); // sometimes past the 50 ms gap
                channel.runScheduledPendingTasks();
            }
            channel.advanceTimeBy(10, TimeUnit.SECONDS); // end whatever frame is open
            channel.runScheduledPendingTasks();
            channel.checkException();
            CountDownLatch drained = new CountDownLatch(1);
            sink.deliver(drained::countDown);
            assertThat(drained.await(5, TimeUnit.SECONDS)).as("event thread drained").isTrue();
        } finally {
            channel.finishAndReleaseAll();
            sink.close();
        }
        assertThat(recorder.events(DeviceEvent.Kind.ERROR)).as("pipeline errors").isEmpty();
        for (Scan scan : recorder.scans()) {
            assertThat(scan.raw().length).as("scan %s", scan).isLessThanOrEqualTo(options.maxFrameLength());
        }
    }

    /** Any reply to {@code ~HS ~HQES} is a status: garbage is NOT_ANSWERING or a note, never an exception. */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void zebraStatusParserReadsAnyReply(byte[] input) {
        byte[] copy = Arrays.copyOf(input, input.length);
        PrinterStatus status = ZebraStatusParser.parse(input, Instant.EPOCH);
        assertThat(status).isNotNull();
        assertThat(status.state()).isNotNull();
        assertThat(input).as("the reply is not changed").isEqualTo(copy);
    }

    /**
     * Any bytes, in reads of varying size with pauses, become scale lines, and every line becomes a reading for
     * each MT-SICS command and as continuous output: never an exception or an ERROR event, and never a weight the
     * line does not hold (the digits and the unit of every weighed reading are in its line; PROTOCOLS.md 9).
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void scalePipelineTurnsAnyBytesIntoReadingsAndEvents(byte[] input) throws InterruptedException {
        int maxFrame = input.length % 2 == 0 ? 128 : 16;
        Recorder recorder = new Recorder();
        DeviceEventSink sink = new DeviceEventSink("fuzz", recorder, 100_000);
        ScaleReadings readings = new ScaleReadings("fuzz", recorder.scaleReadings(), sink);
        ScaleOptions options = ScaleOptions.builder().protocol(ScaleOptions.Protocol.CONTINUOUS).maxFrameLength(maxFrame)
                .build();
        EmbeddedChannel continuous = new EmbeddedChannel(new ScalePipelineInitializer("fuzz", options, readings, sink));
        EmbeddedChannel lines = new EmbeddedChannel(new ScaleLineDecoder(maxFrame, TimeUnit.MILLISECONDS.toNanos(50)));
        List<ScaleReading> parsed = new ArrayList<>();
        try {
            continuous.freezeTime();
            lines.freezeTime();
            int at = 0;
            int read = 1;
            while (at < input.length) {
                int n = Math.min(read, input.length - at);
                continuous.writeInbound(Unpooled.copiedBuffer(input, at, n));
                lines.writeInbound(Unpooled.copiedBuffer(input, at, n));
                at += n;
                read = read * 3 % 17 + 1;
                continuous.advanceTimeBy(read * 7L, TimeUnit.MILLISECONDS); // sometimes past the 50 ms... and 1 s
                lines.advanceTimeBy(read * 7L, TimeUnit.MILLISECONDS);
            }
            lines.finish();
            for (Object line; (line = lines.readInbound()) != null; ) {
                for (String command : new String[] {"S", "SI", "Z", "T"}) {
                    parsed.add(SicsReplyParser.parse("fuzz", command, (ScaleLine) line, command.length() == 1, maxFrame,
                            Instant.EPOCH));
                }
            }
            continuous.checkException();
            CountDownLatch drained = new CountDownLatch(1);
            sink.deliver(drained::countDown);
            assertThat(drained.await(5, TimeUnit.SECONDS)).as("event thread drained").isTrue();
        } finally {
            continuous.finishAndReleaseAll();
            lines.finishAndReleaseAll();
            sink.close();
        }
        assertThat(recorder.events(DeviceEvent.Kind.ERROR)).as("pipeline errors").isEmpty();
        parsed.addAll(recorder.readings());
        for (ScaleReading r : parsed) {
            assertThat(r.state()).isNotNull();
            if (r.weight() == null) {
                assertThat(r.unit()).isNull();
                continue;
            }
            assertThat(r.state().hasWeight()).as("%s", r).isTrue();
            String line = new String(r.raw(), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            assertThat(r.raw().length).isLessThanOrEqualTo(maxFrame);
            String digits = r.weight().abs().toPlainString();
            assertThat(line).as("%s", r).contains(digits.startsWith("0.") ? digits.substring(1) : digits)
                    .contains(r.unit().symbol());
        }
    }
}
