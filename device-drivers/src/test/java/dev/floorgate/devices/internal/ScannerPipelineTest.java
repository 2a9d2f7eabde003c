package dev.floorgate.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.Recorder;
import dev.floorgate.devices.Scan;
import dev.floorgate.devices.ScannerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * The scanner pipeline as tables of bytes in, scans and events out: an EmbeddedChannel, no network. Time is the
 * channel's frozen clock, moved by the test.
 */
class ScannerPipelineTest {

    private static final String GS = "\u001d";
    private static final String GS1 = "0109501101530003" + "17251231" + "10ABC123" + GS + "21S123";

    private final Recorder recorder = new Recorder();
    private DeviceEventSink sink;
    private EmbeddedChannel channel;

    private EmbeddedChannel pipeline(ScannerOptions options) {
        sink = new DeviceEventSink("dock-1", recorder, 1000);
        channel = new EmbeddedChannel(new ScannerPipelineInitializer("dock-1", options, recorder, sink));
        channel.freezeTime();
        return channel;
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private void write(String... chunks) {
        for (String chunk : chunks) {
            channel.writeInbound(bytes(chunk));
        }
    }

    private void write(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void silence(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    /** Everything the pipeline emitted so far, in order (waits for the device's event thread to catch up). */
    private List<String> timeline() throws InterruptedException {
        CountDownLatch drained = new CountDownLatch(1);
        sink.deliver(drained::countDown);
        assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
        return recorder.timeline();
    }

    static Stream<Arguments> framedReads() {
        ScannerOptions crlf = ScannerOptions.defaults();
        ScannerOptions lf = ScannerOptions.builder().suffix(ScannerOptions.Suffix.LF).build();
        ScannerOptions cr = ScannerOptions.builder().suffix(ScannerOptions.Suffix.CR).build();
        ScannerOptions stx = ScannerOptions.builder().stxEtx(true).build();
        ScannerOptions prefixed = ScannerOptions.builder().prefix("#").build();
        return Stream.of(
                Arguments.of("GS1-128 with AIM id and GS, CR LF", crlf, List.of("]C1" + GS1 + "\r\n"), List.of("scan:]C1:" + GS1)),
                Arguments.of("one byte at a time", crlf, split("]d2" + GS1 + "\r\n"), List.of("scan:]d2:" + GS1)),
                Arguments.of("split inside CR LF", crlf, List.of("ABC\r", "\nDEF\r", "\n"), List.of("scan:null:ABC", "scan:null:DEF")),
                Arguments.of("two reads in one segment", crlf, List.of("]E05012345678900\r\n]Q1https://x.example/1\r\n"),
                        List.of("scan:]E0:5012345678900", "scan:]Q1:https://x.example/1")),
                Arguments.of("CR LF setting accepts bare LF", crlf, List.of("ABC\n"), List.of("scan:null:ABC")),
                Arguments.of("LF suffix drops the CR before it", lf, List.of("ABC\r\n", "DEF\n"), List.of("scan:null:ABC", "scan:null:DEF")),
                Arguments.of("CR suffix ignores the LF after it", cr, List.of("ABC\r\nDEF\r"), List.of("scan:null:ABC", "scan:null:DEF")),
                Arguments.of("empty lines are skipped", crlf, List.of("\r\n\r\nABC\r\n\r\n"), List.of("scan:null:ABC")),
                Arguments.of("STX/ETX frames, CR LF between them", stx, List.of("\u0002]C1" + GS1 + "\u0003\r\n\u0002", "XYZ\u0003"),
                        List.of("scan:]C1:" + GS1, "scan:null:XYZ")),
                Arguments.of("prefix removed", prefixed, List.of("#]C1123\r\n", "456\r\n"), List.of("scan:]C1:123", "scan:null:456")),
                Arguments.of("not an AIM id: ] then non-letter", crlf, List.of("]12AB\r\n"), List.of("scan:null:]12AB")),
                Arguments.of("RS and EOT are data (ISO 15434)", crlf, List.of("[)>\u001e06\u001d1PABC\u001e\u0004\r\n"),
                        List.of("scan:null:[)>\u001e06\u001d1PABC\u001e\u0004")),
                Arguments.of("UTF-8 payload", crlf, List.of(new String("Größe\r\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)),
                        List.of("scan:null:Größe")),
                Arguments.of("no-read string is an event", crlf, List.of("ERROR\r\n", "OK1\r\n"), List.of("NO_READ", "scan:null:OK1")),
                Arguments.of("control bytes are garbage, reading goes on", crlf, List.of("\u0000\u00ff\u0013AB\r\n", "]C1" + GS1 + "\r\n"),
                        List.of("GARBAGE", "scan:]C1:" + GS1)),
                Arguments.of("invalid UTF-8 is garbage", crlf, List.of("AB\u00ff\u00feC\r\nOK2\r\n"), List.of("GARBAGE", "scan:null:OK2")),
                Arguments.of("bytes outside STX/ETX are garbage", stx, List.of("\u0007\u0007\u0002OK3\u0003"), List.of("GARBAGE", "scan:null:OK3"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framedReads")
    void framesBecomeScansAndEvents(String name, ScannerOptions options, List<String> chunks, List<String> expected) throws Exception {
        pipeline(options);
        write(chunks.toArray(new String[0]));
        assertThat(timeline()).containsExactlyElementsOf(expected);
    }

    @Test
    void garbageEventNamesTheScannerAndTheBytesInHex() throws Exception {
        pipeline(ScannerOptions.defaults());
        write("\u0000\u00ff\u0013AB\r\n");
        timeline();
        DeviceEvent garbage = recorder.events(DeviceEvent.Kind.GARBAGE).get(0);
        assertThat(garbage.device()).isEqualTo("dock-1");
        assertThat(garbage.message()).contains("scanner 'dock-1'").contains("00 ff 13 41 42").contains("offset 0");
    }

    @Test
    void scanKeepsTheRawFrameAndReceiveTime() throws Exception {
        pipeline(ScannerOptions.builder().prefix("#").build());
        write("#]C1" + GS1 + "\r\n");
        timeline();
        Scan scan = recorder.scans().get(0);
        assertThat(scan.scanner()).isEqualTo("dock-1");
        assertThat(scan.aimId()).isEqualTo("]C1");
        assertThat(scan.data()).isEqualTo(GS1);
        assertThat(new String(scan.raw(), StandardCharsets.ISO_8859_1)).isEqualTo("#]C1" + GS1);
        assertThat(scan.receivedAt()).isNotNull();
    }

    @Test
    void noSuffixEndsAFrameAfterTheInterCharacterTimeout() throws Exception {
        pipeline(ScannerOptions.builder().suffix(ScannerOptions.Suffix.NONE).interCharTimeout(Duration.ofMillis(50)).build());
        write("]C1", "0109501101530003");
        silence(20);
        write("17251231");
        silence(30);
        assertThat(timeline()).isEmpty();
        silence(30);
        write("SECOND");
        silence(60);
        assertThat(timeline()).containsExactly("scan:]C1:010950110153000317251231", "scan:null:SECOND");
    }

    @Test
    void overLongLineIsDiscardedUntilItsTerminatorThenReadingGoesOn() throws Exception {
        pipeline(ScannerOptions.builder().maxFrameLength(16).build());
        write("X".repeat(100) + "\r\n", "OK\r\n");
        assertThat(timeline()).containsExactly("FRAME_TOO_LONG", "FRAME_TOO_LONG", "scan:null:OK");
        assertThat(recorder.events(DeviceEvent.Kind.FRAME_TOO_LONG).get(0).message())
                .contains("maxFrameLength 16").contains("scanner 'dock-1'");
        assertThat(recorder.events(DeviceEvent.Kind.FRAME_TOO_LONG).get(1).message())
                .contains("frame of 100 bytes exceeds maxFrameLength 16");
    }

    @Test
    void endlessLineIsReportedAtOnceAndEndsAfterSilence() throws Exception {
        pipeline(ScannerOptions.builder().incompleteFrameTimeout(Duration.ofMillis(200)).build());
        byte[] megabyte = new byte[1024 * 1024];
        java.util.Arrays.fill(megabyte, (byte) 'Z');
        for (int i = 0; i < megabyte.length; i += 4096) {
            write(java.util.Arrays.copyOfRange(megabyte, i, i + 4096));
        }
        assertThat(timeline()).containsExactly("FRAME_TOO_LONG");
        silence(250);
        write("]C1" + GS1 + "\r\n");
        assertThat(timeline()).containsExactly("FRAME_TOO_LONG", "FRAME_TOO_LONG", "scan:]C1:" + GS1);
        assertThat(recorder.events(DeviceEvent.Kind.FRAME_TOO_LONG).get(1).message()).contains("frame of 1048576 bytes");
    }

    @Test
    void unterminatedFrameIsDroppedAfterSilenceSoItCannotGlueToTheNextRead() throws Exception {
        pipeline(ScannerOptions.builder().incompleteFrameTimeout(Duration.ofMillis(200)).build());
        write("ABC");
        silence(100);
        write("D");
        silence(150);
        assertThat(timeline()).isEmpty();
        silence(100);
        write("DEF\r\n");
        assertThat(timeline()).containsExactly("FRAME_INCOMPLETE", "scan:null:DEF");
        assertThat(recorder.events(DeviceEvent.Kind.FRAME_INCOMPLETE).get(0).message()).contains("4 bytes").contains("41 42 43 44");
    }

    @Test
    void sameCodeWithinTheWindowIsSuppressed() throws Exception {
        pipeline(ScannerOptions.builder().duplicateWindow(Duration.ofMillis(500)).build());
        write("]C1A\r\n");
        silence(300);
        write("]C1A\r\n", "]C1B\r\n");
        silence(600);
        write("]C1A\r\n");
        assertThat(timeline()).containsExactly("scan:]C1:A", "DUPLICATE_SUPPRESSED", "scan:]C1:B", "scan:]C1:A");
    }

    @Test
    void keyenceTriggerSendsLonAndDropsTheAcknowledgement() throws Exception {
        pipeline(ScannerOptions.builder().suffix(ScannerOptions.Suffix.CR).triggerMode(ScannerOptions.TriggerMode.KEYENCE_LON).build());
        channel.writeOutbound(TriggerCommand.ON);
        ByteBuf sent = channel.readOutbound();
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("LON\r");
        sent.release();
        write("OK,LON\r]C1" + GS1 + "\r", "ER,LON,02\r", "OK,LON\rERROR\r");
        assertThat(timeline()).containsExactly("scan:]C1:" + GS1, "TRIGGER_FAILED", "NO_READ");
    }

    @Test
    void keyenceWithStxEtxFramesTheCommandTheSameWay() {
        pipeline(ScannerOptions.builder().stxEtx(true).triggerMode(ScannerOptions.TriggerMode.KEYENCE_LON).build());
        channel.writeOutbound(TriggerCommand.ON);
        ByteBuf sent = channel.readOutbound();
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("\u0002LON\u0003");
        sent.release();
    }

    @Test
    void cognexTriggerUnwrapsExtendedRepliesAndReportsRefusals() throws Exception {
        pipeline(ScannerOptions.builder().triggerMode(ScannerOptions.TriggerMode.COGNEX_DMCC).build());
        channel.writeOutbound(TriggerCommand.ON);
        ByteBuf sent = channel.readOutbound();
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("||>TRIGGER ON\r\n");
        sent.release();
        write("||0:12[0]\r\n", "]C1PLAIN\r\n", "||7:13[1]]d2" + GS1 + "\r\n", "||0:14[104]\r\n");
        assertThat(timeline()).containsExactly("scan:]C1:PLAIN", "scan:]d2:" + GS1, "TRIGGER_FAILED");
        assertThat(recorder.events(DeviceEvent.Kind.TRIGGER_FAILED).get(0).message()).contains("104").contains("reader state");
    }

    private static List<String> split(String text) {
        return text.chars().mapToObj(c -> String.valueOf((char) c)).collect(java.util.stream.Collectors.toList());
    }
}
