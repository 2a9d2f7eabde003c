package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.PrintConfirmation.Sent;
import dev.floorgate.devices.PrintConfirmation.Verdict;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Print confirmation as a table: jobs in flight and one look at the printer in, verdicts out (PROTOCOLS.md 2.4).
 * The looks are those a printer gives after a power cycle, a {@code ~JA}, a cleared jam mid-batch, a replaced
 * printer and a counter that went backwards.
 */
class PrintConfirmationTest {

    private static final String SERIAL = "SIM0000001";

    private static PrinterProgress look(long counter, int formats, int labelsRemaining) {
        return look(counter, formats, labelsRemaining, SERIAL, true);
    }

    private static PrinterProgress look(long counter, int formats, int labelsRemaining, String serial, boolean settled) {
        PrinterStatus status = new PrinterStatus(PrinterState.READY, EnumSet.noneOf(PrinterState.class), formats,
                labelsRemaining, "ready", "", Instant.EPOCH);
        return new PrinterProgress(status, settled, PrinterProgress.Counter.READ, counter, serial, "");
    }

    /** Six one-label jobs chained from counter 100. */
    private static List<Sent> six() {
        return List.of(job("j1", 100, 1), job("j2", 101, 1), job("j3", 102, 1), job("j4", 103, 1), job("j5", 104, 1),
                job("j6", 105, 1));
    }

    private static Sent job(String key, long start, Integer... formatLabels) {
        return new Sent(key, start, SERIAL, List.of(formatLabels));
    }

    private static String verdicts(PrintConfirmation.Judgement j) {
        return j.findings().stream().map(f -> f.key() + "=" + f.verdict() + ":" + f.labelsPrinted())
                .collect(Collectors.joining(" "));
    }

    @Test
    void jobsAreConfirmedOneByOneAsTheCounterPassesTheirEnds() {
        assertThat(verdicts(PrintConfirmation.judge(six(), look(102, 3, 1))))
                .isEqualTo("j1=PRINTED:1 j2=PRINTED:1 j3=WAITING:0 j4=WAITING:0 j5=WAITING:0 j6=WAITING:0");
        assertThat(verdicts(PrintConfirmation.judge(six(), look(106, 0, 0)))).doesNotContain("WAITING")
                .doesNotContain("NOT_PRINTED");
    }

    @Test
    void aPowerCycleWithFiveOfSixBufferedLeavesFiveNotPrintedAndTheFirstPrinted() {
        // one label came out, then the buffer was lost: the printer is idle and the counter stopped at 101
        assertThat(verdicts(PrintConfirmation.judge(six(), look(101, 0, 0))))
                .isEqualTo("j1=PRINTED:1 j2=NOT_PRINTED:0 j3=NOT_PRINTED:0 j4=NOT_PRINTED:0 j5=NOT_PRINTED:0 "
                        + "j6=NOT_PRINTED:0");
    }

    @Test
    void aClearedBufferMidBatchTellsHowManyLabelsOfTheBatchCameOut() {
        List<Sent> jobs = List.of(job("batch", 500, 10), job("after", 510, 1));
        assertThat(verdicts(PrintConfirmation.judge(jobs, look(504, 0, 0))))
                .isEqualTo("batch=NOT_PRINTED:4 after=NOT_PRINTED:0");
    }

    @Test
    void aJamClearedMidBatchWhileTheNextJobPrintsIsCountedByTheLabelsRemaining() {
        // batch of 10 cut at 4; "after" (3 labels) is printing with 2 remaining: counter 504 + 1
        List<Sent> jobs = List.of(job("batch", 500, 10), job("after", 510, 3));
        PrintConfirmation.Judgement j = PrintConfirmation.judge(jobs, look(505, 0, 2));
        assertThat(verdicts(j)).isEqualTo("batch=NOT_PRINTED:4 after=WAITING:0");
        assertThat(j.rebase()).isEqualTo(504);
    }

    @Test
    void aPrinterStillHoldingEveryFormatIsWaitedFor() {
        assertThat(verdicts(PrintConfirmation.judge(six(), look(100, 5, 1)))).doesNotContain("NOT_PRINTED")
                .doesNotContain("UNKNOWN");
        // an unsettled look (a label finished between the two statuses) decides nothing
        assertThat(verdicts(PrintConfirmation.judge(six(), look(101, 0, 0, SERIAL, false))))
                .isEqualTo("j1=WAITING:0 j2=WAITING:0 j3=WAITING:0 j4=WAITING:0 j5=WAITING:0 j6=WAITING:0");
    }

    @Test
    void aLabelWaitingToBeTakenInPeelOffModeOrAFormatStillArrivingIsNotIdle() {
        PrinterStatus peel = new PrinterStatus(PrinterState.READY, EnumSet.noneOf(PrinterState.class), 0, 0, false,
                true, "ready", "", Instant.EPOCH);
        PrinterProgress waiting = new PrinterProgress(peel, true, PrinterProgress.Counter.READ, 101, SERIAL, "");
        assertThat(waiting.idle()).isFalse();
        assertThat(PrintConfirmation.judge(six(), waiting).findings()).noneMatch(f -> f.verdict() == Verdict.NOT_PRINTED);
        PrinterStatus partial = new PrinterStatus(PrinterState.READY, EnumSet.noneOf(PrinterState.class), 0, 0, true,
                false, "ready", "", Instant.EPOCH);
        assertThat(new PrinterProgress(partial, true, PrinterProgress.Counter.READ, 101, SERIAL, "").idle()).isFalse();
    }

    @Test
    void aCounterThatWentBackwardsAReplacedPrinterOrAMissingCounterLeaveTheCountUnknown() {
        assertThat(PrintConfirmation.judge(six(), look(40, 0, 0)).findings())
                .allMatch(f -> f.verdict() == Verdict.UNKNOWN && f.reason().contains("went backwards"));
        assertThat(PrintConfirmation.judge(six(), look(101, 0, 0, "OTHER00001", true)).findings())
                .allMatch(f -> f.verdict() == Verdict.UNKNOWN && f.reason().contains("replaced"));
        PrinterStatus ready = new PrinterStatus(PrinterState.READY, EnumSet.noneOf(PrinterState.class), 0, 0,
                "ready", "", Instant.EPOCH);
        PrinterProgress missing = new PrinterProgress(ready, true, PrinterProgress.Counter.MISSING, -1, "", "no counter");
        assertThat(PrintConfirmation.judge(six(), missing).findings()).allMatch(f -> f.verdict() == Verdict.UNKNOWN);
    }

    @Test
    void twoJobsFinishedShortTogetherCannotBeToldApart() {
        List<Sent> jobs = List.of(job("a", 0, 5), job("b", 5, 5), job("c", 10, 1));
        // c is printing (1 remaining, nothing out yet); a and b finished with 7 labels between them, 3 short
        assertThat(verdicts(PrintConfirmation.judge(jobs, look(7, 0, 1))))
                .isEqualTo("a=UNKNOWN:0 b=UNKNOWN:0 c=WAITING:0");
    }

    @Test
    void labelsAreCountedPerFormatAndTheRemainderOwesOnlyWhatIsMissing() {
        ZplLabels labels = ZplLabels.of("^XA^FDone^FS^PQ3^XZ\n^XA^DFR:X.ZPL^FS^XZ^XA^FDtwo^FS^XZ");
        assertThat(labels.perFormat()).containsExactly(3, 1);
        assertThat(labels.total()).isEqualTo(4);
        assertThat(labels.remainder(2)).isEqualTo("^XA^FDone^FS^PQ1^XZ\n^XA^FDtwo^FS^XZ\n");
        assertThat(labels.remainder(3)).isEqualTo("^XA^FDtwo^FS^XZ\n");
        assertThat(labels.remainder(0)).startsWith("^XA^FDone^FS^PQ3^XZ");
        assertThatThrownBy(() -> labels.remainder(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4");
        assertThat(ZplLabels.of("^xa^pq10,0,1,Y^fdlower^xz").total()).isEqualTo(10);
    }
}
