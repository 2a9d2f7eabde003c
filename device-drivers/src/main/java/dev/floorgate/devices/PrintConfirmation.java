package dev.floorgate.devices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Decides, from one look at a printer ({@link PrinterProgress}), what became of the jobs sent to it and not yet
 * confirmed (PROTOCOLS.md 2.4). A pure function, tested as a table.
 *
 * <p>Each job was sent with the counter value its first label would bring ({@code counterStart}): the counter
 * before it when nothing else was on its way, else the previous job's end, so the jobs in flight form a chain.
 * The printer prints formats in arrival order and only the gateway prints on it, so with the counter at {@code c}:
 * <ul>
 *   <li>a job whose end ({@code counterStart + labels}) is at most {@code c} is PRINTED;</li>
 *   <li>when the printer is {@link PrinterProgress#idle() idle} (holds no format, receives none, no label waiting)
 *       nothing more will print: every other job is NOT_PRINTED, with the labels that did come out
 *       ({@code c - counterStart}, the cut-short job of a cleared buffer), so the rest can be sent again;</li>
 *   <li>when the printer holds fewer formats than the chain still expects, formats were dropped while it kept
 *       printing (a jam or a cancelled batch): it holds the last ones sent, so the ones before them are finished.
 *       The labels of the held formats are known ({@code ~HS} labels remaining), the rest of the count belongs to
 *       the finished ones. One finished job is exact; more than one with a shortfall cannot be told apart and is
 *       UNKNOWN. The held jobs go on, with the chain started again from the count ({@link Judgement#rebase});</li>
 *   <li>otherwise WAITING. A counter that went below the chain's start, a different serial number or a counter
 *       the printer no longer has make every job UNKNOWN: the count cannot be known, a person decides.</li>
 * </ul>
 */
public final class PrintConfirmation {

    /** What became of one job. */
    public enum Verdict {
        /** The counter proves every label came out. */
        PRINTED,
        /** Still on its way (or no settled look yet). */
        WAITING,
        /** The counter proves only {@link Finding#labelsPrinted()} labels came out and no more will: send the rest. */
        NOT_PRINTED,
        /** The count cannot be known: a person decides. */
        UNKNOWN
    }

    /** A job sent and not yet confirmed, in send order. */
    public static final class Sent {
        private final String key;
        private final long counterStart;
        private final String serial;
        private final List<Integer> formatLabels;

        /**
         * @param counterStart the counter value before its first label
         * @param serial       the printer's serial when it was sent (empty when unknown)
         * @param formatLabels labels per printing format ({@link ZplLabels#perFormat()})
         */
        public Sent(String key, long counterStart, String serial, List<Integer> formatLabels) {
            this.key = Objects.requireNonNull(key, "key");
            this.counterStart = counterStart;
            this.serial = Objects.requireNonNull(serial, "serial");
            this.formatLabels = List.copyOf(formatLabels);
            if (this.formatLabels.isEmpty()) {
                throw new IllegalArgumentException("job " + key + " has no printing format");
            }
        }

        public String key() {
            return key;
        }

        public long counterStart() {
            return counterStart;
        }

        public int labels() {
            return formatLabels.stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The verdict on one job, with the labels the counter proves and why, in words. */
    public static final class Finding {
        private final String key;
        private final Verdict verdict;
        private final int labelsPrinted;
        private final int labels;
        private final String reason;

        Finding(String key, Verdict verdict, int labelsPrinted, int labels, String reason) {
            this.key = key;
            this.verdict = verdict;
            this.labelsPrinted = labelsPrinted;
            this.labels = labels;
            this.reason = reason;
        }

        public String key() {
            return key;
        }

        public Verdict verdict() {
            return verdict;
        }

        /** Labels proven printed (NOT_PRINTED: those that came out before the rest was lost). */
        public int labelsPrinted() {
            return labelsPrinted;
        }

        public int labels() {
            return labels;
        }

        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return key + " " + verdict + " " + labelsPrinted + "/" + labels + (reason.isEmpty() ? "" : ": " + reason);
        }
    }

    /** Findings in the order of the jobs, and the counter value that starts the chain again (-1: keep it). */
    public static final class Judgement {
        private final List<Finding> findings;
        private final long rebase;
        private final boolean consistent;

        Judgement(List<Finding> findings, long rebase) {
            this(findings, rebase, false);
        }

        Judgement(List<Finding> findings, long rebase, boolean consistent) {
            this.findings = Collections.unmodifiableList(findings);
            this.rebase = rebase;
            this.consistent = consistent;
        }

        /**
         * True when the look is settled and the printer holds every format the counter says it should: nothing was
         * lost so far, and another job may be sent behind these.
         */
        public boolean consistent() {
            return consistent;
        }

        public List<Finding> findings() {
            return findings;
        }

        /**
         * When jobs were dropped from the middle of the printer's work, the counter value before the first label
         * of the first job still WAITING; -1 when the chain stands.
         */
        public long rebase() {
            return rebase;
        }

        @Override
        public String toString() {
            return findings + (rebase >= 0 ? " rebase " + rebase : "");
        }
    }

    private PrintConfirmation() {
    }

    public static Judgement judge(List<Sent> sent, PrinterProgress now) {
        List<Finding> out = new ArrayList<>();
        if (sent.isEmpty()) {
            return new Judgement(out, -1, true);
        }
        if (now.counter() == PrinterProgress.Counter.MISSING) {
            return all(sent, Verdict.UNKNOWN, "the printer no longer reports a label counter (" + now.counterNote()
                    + "), so what it printed cannot be known");
        }
        if (now.counter() == PrinterProgress.Counter.NOT_READ || !now.settled() || now.pendingFormats() < 0) {
            return all(sent, Verdict.WAITING, "");
        }
        long c = now.labelCount();
        for (Sent s : sent) {
            if (!s.serial.isEmpty() && !now.serial().isEmpty() && !s.serial.equals(now.serial())) {
                return all(sent, Verdict.UNKNOWN, "the printer was replaced (serial " + now.serial() + ", the job went"
                        + " to " + s.serial + "), so its counter says nothing about this job");
            }
        }
        long lowest = sent.get(0).counterStart;
        for (Sent s : sent) {
            lowest = Math.min(lowest, s.counterStart);
        }
        if (c < lowest) {
            return all(sent, Verdict.UNKNOWN, "the printer's label counter went backwards (" + c + ", it was "
                    + lowest + " before the job), so what it printed cannot be known");
        }
        if (c >= sent.get(sent.size() - 1).counterStart + sent.get(sent.size() - 1).labels()) {
            for (Sent s : sent) {
                out.add(printed(s, c));
            }
            return new Judgement(out, -1, true);
        }
        if (now.idle()) {
            for (Sent s : sent) {
                int printed = (int) Math.max(0, Math.min(s.labels(), c - s.counterStart));
                if (printed == s.labels()) {
                    out.add(printed(s, c));
                } else {
                    out.add(new Finding(s.key, Verdict.NOT_PRINTED, printed, s.labels(), "the printer holds no more "
                            + "formats and its label counter stopped at " + c + ", " + (s.counterStart + s.labels() - c)
                            + " short of this job's end: " + printed + " of " + s.labels() + " labels came out"));
                }
            }
            return new Judgement(out, -1);
        }
        return dropped(sent, now, c, out);
    }

    private static Finding printed(Sent s, long c) {
        return new Finding(s.key, Verdict.PRINTED, s.labels(), s.labels(), "counter " + c + " reached "
                + (s.counterStart + s.labels()));
    }

    /** The printer still prints: did it drop formats ahead of the ones it holds? */
    private static Judgement dropped(List<Sent> open, PrinterProgress now, long c, List<Finding> out) {
        List<int[]> formats = new ArrayList<>(); // {job index, labels}
        for (int j = 0; j < open.size(); j++) {
            for (int labels : open.get(j).formatLabels) {
                formats.add(new int[] {j, labels});
            }
        }
        // formats the chain still expects, counting the counter's labels in order
        long left = c - open.get(0).counterStart;
        int expected = 0;
        for (int[] f : formats) {
            if (left >= f[1]) {
                left -= f[1];
            } else {
                expected++;
                left = 0;
            }
        }
        int held = now.pendingFormats();
        if (held >= expected || held > formats.size()) {
            for (Sent s : open) {
                out.add(c >= s.counterStart + s.labels() ? printed(s, c)
                        : new Finding(s.key, Verdict.WAITING, 0, s.labels(), ""));
            }
            return new Judgement(out, -1, held <= formats.size());
        }
        int firstHeld = formats.size() - held;
        int firstHeldJob = held == 0 ? open.size() : formats.get(firstHeld)[0];
        int formatsOfHeldJobBefore = 0;
        for (int i = 0; i < firstHeld; i++) {
            if (formats.get(i)[0] == firstHeldJob) {
                formatsOfHeldJobBefore++;
            }
        }
        if (formatsOfHeldJobBefore > 0) {
            // a job is part finished, part held: wait until it is all finished
            for (Sent s : open) {
                out.add(new Finding(s.key, Verdict.WAITING, 0, s.labels(), ""));
            }
            return new Judgement(out, -1);
        }
        int remaining = now.status().labelsRemaining();
        long heldPrinted = held > 0 && remaining > 0 ? Math.max(0, formats.get(firstHeld)[1] - remaining) : 0;
        long finishedPrinted = c - open.get(0).counterStart - heldPrinted;
        int finishedLabels = 0;
        for (int j = 0; j < firstHeldJob; j++) {
            finishedLabels += open.get(j).labels();
        }
        String why = "the printer dropped formats while printing (it holds " + held + ", " + expected
                + " expected by the counter " + c + ")";
        if (firstHeldJob == 1) {
            Sent s = open.get(0);
            int printed = (int) Math.max(0, Math.min(s.labels(), finishedPrinted));
            out.add(new Finding(s.key, printed == s.labels() ? Verdict.PRINTED : Verdict.NOT_PRINTED, printed,
                    s.labels(), why + ": " + printed + " of " + s.labels() + " labels of this job came out"));
        } else {
            for (int j = 0; j < firstHeldJob; j++) {
                Sent s = open.get(j);
                boolean all = finishedPrinted >= finishedLabels;
                out.add(new Finding(s.key, all ? Verdict.PRINTED : Verdict.UNKNOWN, all ? s.labels() : 0, s.labels(),
                        all ? "" : why + ", and " + firstHeldJob + " jobs finished short by "
                                + (finishedLabels - finishedPrinted) + " labels in all: which of them cannot be told"));
            }
        }
        for (int j = firstHeldJob; j < open.size(); j++) {
            out.add(new Finding(open.get(j).key, Verdict.WAITING, 0, open.get(j).labels(), ""));
        }
        return new Judgement(out, c - heldPrinted);
    }

    private static Judgement all(List<Sent> sent, Verdict verdict, String reason) {
        List<Finding> out = new ArrayList<>();
        for (Sent s : sent) {
            out.add(new Finding(s.key, verdict, 0, s.labels(), reason));
        }
        return new Judgement(out, -1);
    }
}
