package dev.floorgate.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.PrinterIdentity;
import dev.floorgate.devices.PrinterState;
import dev.floorgate.devices.PrinterStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ~HS} and {@code ~HQES} replies as bytes in, printer states out (PROTOCOLS.md 2.1, 2.2). */
class ZebraStatusParserTest {

    private static final String STX = "\u0002";
    private static final String ETX = "\u0003";
    private static final String CRLF = "\r\n";

    /** The sheet's illustrative ~HS reply: ready, 9600 8N1, 1218-dot label. */
    private static final String HS_READY = hs("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000");

    private static String hs(String s1, String s2) {
        return STX + s1 + ETX + CRLF + STX + s2 + ETX + CRLF + STX + "1234,0" + ETX + CRLF;
    }

    private static String hqes(String errors, String warnings) {
        return STX + CRLF + "  PRINTER STATUS" + CRLF + "   ERRORS:         " + errors + CRLF
                + "   WARNINGS:       " + warnings + CRLF + ETX;
    }

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("ready", HS_READY, PrinterState.READY, Set.of(), 0, 0),
                Arguments.of("ready, with ~HQES clean", HS_READY + hqes("0 00000000 00000000", "0 00000000 00000000"),
                        PrinterState.READY, Set.of(), 0, 0),
                Arguments.of("paper out flag in ~HS", hs("030,1,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
                        PrinterState.PAPER_OUT, Set.of(PrinterState.PAPER_OUT), 0, 0),
                Arguments.of("paused with 3 formats waiting", hs("030,0,1,1218,003,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
                        PrinterState.PAUSED, Set.of(PrinterState.PAUSED), 3, 0),
                Arguments.of("head up and ribbon out in string 2", hs("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,1,1,1,2,6,0,00000000,1,000"),
                        PrinterState.HEAD_OPEN, Set.of(PrinterState.HEAD_OPEN, PrinterState.RIBBON_OUT), 0, 0),
                Arguments.of("printing a batch: 25 labels remaining", hs("030,0,0,1218,001,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000025,1,000"),
                        PrinterState.READY, Set.of(), 1, 25),
                Arguments.of("over temperature", hs("030,0,0,1218,000,0,0,0,000,0,0,1", "001,0,0,0,1,2,6,0,00000000,1,000"),
                        PrinterState.FAULT, Set.of(PrinterState.FAULT), 0, 0),
                Arguments.of("silent ~HS, ~HQES media out", hqes("1 00000000 00000001", "0 00000000 00000000"),
                        PrinterState.PAPER_OUT, Set.of(PrinterState.PAPER_OUT), -1, -1),
                Arguments.of("guide example: head open + media out", hqes("1 00000000 00000005", "0 00000000 00000000"),
                        PrinterState.HEAD_OPEN, Set.of(PrinterState.HEAD_OPEN, PrinterState.PAPER_OUT), -1, -1),
                Arguments.of("guide example: cutter + ribbon out + media out", hqes("1 00000000 0000000B", "0 00000000 00000000"),
                        PrinterState.PAPER_OUT, Set.of(PrinterState.PAPER_OUT, PrinterState.RIBBON_OUT, PrinterState.FAULT), -1, -1),
                Arguments.of("ribbon out only", hqes("1 00000000 00000002", "0 00000000 00000000"),
                        PrinterState.RIBBON_OUT, Set.of(PrinterState.RIBBON_OUT), -1, -1),
                Arguments.of("paused bit in ~HQES", HS_READY + hqes("1 00000000 00010000", "0 00000000 00000000"),
                        PrinterState.PAUSED, Set.of(PrinterState.PAUSED), 0, 0),
                Arguments.of("uneven spacing in ~HQES", STX + "PRINTER STATUS\r\nERRORS: 1  00000000    00000004\r\nWARNINGS: 0 00000000 00000000\r\n" + ETX,
                        PrinterState.HEAD_OPEN, Set.of(PrinterState.HEAD_OPEN), -1, -1),
                Arguments.of("~HQES clean but ~HS silent", hqes("0 00000000 00000000", "0 00000000 00000000"),
                        PrinterState.FAULT, Set.of(PrinterState.FAULT), -1, -1),
                Arguments.of("nothing", "", PrinterState.NOT_ANSWERING, Set.of(), -1, -1),
                Arguments.of("line noise only", "\r\n\u0000", PrinterState.NOT_ANSWERING, Set.of(), -1, -1),
                Arguments.of("truncated ~HS", STX + "030,0,0,1218" + ETX + CRLF, PrinterState.UNKNOWN, Set.of(), -1, -1),
                Arguments.of("~HS with too few fields", hs("030,0,0", "001,0,0"), PrinterState.UNKNOWN, Set.of(), -1, -1)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void replyBytesGiveState(String name, String reply, PrinterState state, Set<PrinterState> faults, int formats, int labels) {
        PrinterStatus status = ZebraStatusParser.parse(reply.getBytes(StandardCharsets.ISO_8859_1), Instant.EPOCH);
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.faults()).isEqualTo(faults.isEmpty() ? EnumSet.noneOf(PrinterState.class) : EnumSet.copyOf(faults));
        assertThat(status.formatsInBuffer()).isEqualTo(formats);
        assertThat(status.labelsRemaining()).isEqualTo(labels);
        assertThat(status.ready()).isEqualTo(state == PrinterState.READY);
        assertThat(status.at()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void detailNamesEveryFaultAndWarning() {
        PrinterStatus status = ZebraStatusParser.parse(
                hqes("1 00000000 0000000B", "1 00000000 00000002").getBytes(StandardCharsets.ISO_8859_1), Instant.EPOCH);
        assertThat(status.detail()).contains("paper out").contains("ribbon out").contains("cutter fault")
                .contains("warning: clean printhead");
    }

    @Test
    void rawReplyIsKeptReadable() {
        PrinterStatus status = ZebraStatusParser.parse(HS_READY.getBytes(StandardCharsets.ISO_8859_1), Instant.EPOCH);
        assertThat(status.raw()).startsWith("<STX>030,0,0,1218,000,0,0,0,000,0,0,0<ETX><CR><LF><STX>001");
    }

    @Test
    void identityFromHi() {
        byte[] reply = (STX + "ZT410-203dpi,V75.20.01Z,8,8176KB" + ETX + CRLF).getBytes(StandardCharsets.ISO_8859_1);
        PrinterIdentity id = ZebraIdentityParser.parse(reply, "V75.20.01Z", "pack-3");
        assertThat(id.model()).isEqualTo("ZT410-203dpi");
        assertThat(id.firmware()).isEqualTo("V75.20.01Z");
        assertThat(id.dotsPerMm()).isEqualTo(8);
        assertThat(id.dpi()).isEqualTo(203);
        assertThat(id.memory()).isEqualTo("8176KB");
        assertThat(id.options()).isEmpty();
        assertThat(id.friendlyName()).isEqualTo("pack-3");
    }

    @Test
    void framesAreSplitAcrossNoise() {
        byte[] bytes = ("x" + STX + "a,b" + ETX + "\r\n" + STX + "c" + ETX + STX + "unfinished").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ZebraFrames.split(bytes)).containsExactly("a,b", "c");
    }

    @Test
    void sgdQuotedValue() {
        assertThat(ZebraRequest.quotedValue("\"V75.20.01Z\"".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("V75.20.01Z");
        assertThat(ZebraRequest.quotedValue("\"?\"".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("?");
    }

    @Test
    void thePartialFormatAndLabelWaitingFlagsAreRead() {
        PrinterStatus s = ZebraStatusParser.parse(hs("030,0,0,1218,002,0,0,1,000,0,0,0",
                "001,0,0,0,1,1,6,1,00000003,1,000").getBytes(StandardCharsets.ISO_8859_1), Instant.EPOCH);
        assertThat(s.partialFormat()).isTrue();
        assertThat(s.labelWaiting()).isTrue();
        assertThat(s.formatsInBuffer()).isEqualTo(2);
        assertThat(s.labelsRemaining()).isEqualTo(3);
        PrinterStatus ready = ZebraStatusParser.parse(HS_READY.getBytes(StandardCharsets.ISO_8859_1), Instant.EPOCH);
        assertThat(ready.partialFormat()).isFalse();
        assertThat(ready.labelWaiting()).isFalse();
    }
}
