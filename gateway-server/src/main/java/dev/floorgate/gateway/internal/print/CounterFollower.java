package dev.floorgate.gateway.internal.print;

import dev.floorgate.devices.PrintConfirmation;
import dev.floorgate.devices.PrinterProgress;
import dev.floorgate.devices.ZebraPrinterDriver;
import dev.floorgate.devices.ZplLabels;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the printing loop for one printer (PROTOCOLS.md 2.4): gives each job the counter value its first label will
 * bring before it is sent, then follows the jobs on their way ({@link PrintJobStore#inFlight}) with one look at the
 * printer at a time ({@link ZebraPrinterDriver#progress}), judged by {@link PrintConfirmation}: PRINTED as soon as
 * the counter passes a job's end; the rest of a job the counter proves lost goes back to the queue, in its place;
 * a job whose count cannot be known goes to a person. A loss is only acted on once the same look has held for
 * {@code settle} (a printer reports a format a moment after it received it), and no new job is sent behind jobs on
 * their way unless the last look showed the printer holding every one of them, so a lost buffer is never hidden
 * by new work. Runs on its printer's worker thread only.
 */
final class CounterFollower {
    private static final Logger LOG = LoggerFactory.getLogger(CounterFollower.class);
    /** A printer that said it has no counter is asked again after this long (new firmware, another printer). */
    private static final Duration MISSING_RECHECK = Duration.ofMinutes(1);

    private final String printer;
    private final ZebraPrinterDriver driver;
    private final PrintJobStore store;
    private final Consumer<PrintJob> changed;
    private final ConfirmationStats.Printer stats;
    private final ConfirmationStats all;
    private final Duration settle;
    private final int maxUnconfirmed;

    /** The last look showed every job on its way still held or printed, and no job was sent since. */
    private boolean consistent = true;
    private String pendingLoss;
    private long pendingLossSince;
    private Instant missingSince;

    /** What a job is sent with: its counter value and serial, or none (the printer cannot confirm). */
    record Plan(Long counterStart, String serial, Integer labels) {
        static final Plan OPEN_LOOP = new Plan(null, null, null);

        boolean closedLoop() {
            return counterStart != null;
        }
    }

    CounterFollower(String printer, ZebraPrinterDriver driver, PrintJobStore store, Consumer<PrintJob> changed,
            ConfirmationStats stats, Duration settle, int maxUnconfirmed) {
        this.printer = printer;
        this.driver = driver;
        this.store = store;
        this.changed = changed;
        this.all = stats;
        this.stats = stats.printer(printer);
        this.settle = settle;
        this.maxUnconfirmed = maxUnconfirmed;
    }

    /** Whether a new job may go out now: nothing on its way, or the last look found all of it held. */
    boolean maySend() throws SQLException {
        List<PrintJobStore.InFlight> flying = store.inFlight(printer);
        return flying.isEmpty() || (consistent && flying.size() < maxUnconfirmed);
    }

    boolean following() throws SQLException {
        return !store.inFlight(printer).isEmpty();
    }

    /** The counter value and serial to send {@code job} with, or OPEN_LOOP when the printer cannot confirm. */
    Plan plan(PrintJob job) throws SQLException {
        ZplLabels labels = ZplLabels.of(job.zpl());
        if (labels.formats() == 0) {
            return Plan.OPEN_LOOP; // nothing that prints: nothing to count
        }
        List<PrintJobStore.InFlight> flying = store.inFlight(printer);
        if (!flying.isEmpty()) {
            PrintJobStore.InFlight last = flying.get(flying.size() - 1);
            return new Plan(last.counterStart() + last.labels(), last.serial(), labels.total());
        }
        if (missingSince != null && missingSince.plus(MISSING_RECHECK).isAfter(Instant.now())) {
            return Plan.OPEN_LOOP;
        }
        PrinterProgress counter = driver.labelCounter();
        switch (counter.counter()) {
            case READ:
                missingSince = null;
                all.closedLoop(printer, true, "");
                return new Plan(counter.labelCount(), counter.serial(), labels.total());
            case MISSING:
                if (missingSince == null) {
                    LOG.warn("printer '{}' is not closed-loop: {}", printer, counter.counterNote());
                }
                missingSince = Instant.now();
                all.closedLoop(printer, false, counter.counterNote());
                return Plan.OPEN_LOOP;
            default:
                if (!driver.connected()) {
                    return Plan.OPEN_LOOP; // the send finds the printer away and sends nothing
                }
                // connected but silent on SGD: as a printer without counters, for this job
                all.closedLoop(printer, false, counter.counterNote());
                return Plan.OPEN_LOOP;
        }
    }

    /** The job was sent under {@code plan}: later sends wait for a look that finds it held. */
    void sent() {
        consistent = false;
    }

    /** One look at the printer and what it proves about the jobs on their way. */
    void follow() throws SQLException {
        List<PrintJobStore.InFlight> flying = store.inFlight(printer);
        if (flying.isEmpty()) {
            consistent = true;
            return;
        }
        PrinterProgress look = driver.progress();
        List<PrintConfirmation.Sent> sent = new ArrayList<>();
        for (PrintJobStore.InFlight f : flying) {
            sent.add(new PrintConfirmation.Sent(f.jobId(), f.counterStart(), f.serial(),
                    ZplLabels.of(f.zpl()).perFormat()));
        }
        PrintConfirmation.Judgement judgement = PrintConfirmation.judge(sent, look);
        consistent = judgement.consistent();
        boolean loss = judgement.findings().stream().anyMatch(f -> f.verdict() == PrintConfirmation.Verdict.NOT_PRINTED
                || f.verdict() == PrintConfirmation.Verdict.UNKNOWN);
        boolean actOnLoss = loss && settled(look);
        if (!loss) {
            pendingLoss = null;
        }
        Instant now = Instant.now();
        for (int i = 0; i < flying.size(); i++) {
            PrintJobStore.InFlight job = flying.get(i);
            PrintConfirmation.Finding f = judgement.findings().get(i);
            switch (f.verdict()) {
                case PRINTED:
                    Optional<PrintJob> done = store.confirmPrinted(job.jobId(), now);
                    if (done.isPresent()) {
                        stats.labelsConfirmed.addAndGet(job.labels());
                        stats.latency(Math.max(0, now.toEpochMilli() - job.createdAt().toEpochMilli()));
                        changed.accept(done.get());
                    }
                    break;
                case NOT_PRINTED:
                    if (actOnLoss) {
                        requeue(job, f, now);
                    }
                    break;
                case UNKNOWN:
                    if (actOnLoss) {
                        Optional<PrintJob> maybe = store.countUnknown(job.jobId(), "label count unknown", f.reason(), now);
                        if (maybe.isPresent()) {
                            stats.jobsToPerson.incrementAndGet();
                            LOG.warn("print job {} on printer '{}' may have printed and waits for a person: {}",
                                    job.jobId(), printer, f.reason());
                            changed.accept(maybe.get());
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        if (judgement.rebase() >= 0 && actOnLoss) {
            long start = judgement.rebase();
            for (int i = 0; i < flying.size(); i++) {
                if (judgement.findings().get(i).verdict() == PrintConfirmation.Verdict.WAITING) {
                    store.rebase(flying.get(i).jobId(), start);
                    start += flying.get(i).labels();
                }
            }
        }
        if (actOnLoss) {
            pendingLoss = null;
            consistent = false; // look again before sending: the queue now starts with what was requeued
        }
    }

    private void requeue(PrintJobStore.InFlight job, PrintConfirmation.Finding f, Instant now) throws SQLException {
        int printed = f.labelsPrinted();
        String rest = ZplLabels.of(job.zpl()).remainder(printed);
        String reason = f.reason() + "; " + (printed == 0 ? "sent again" : "the other " + (f.labels() - printed)
                + " sent again");
        Optional<PrintJob> again = store.requeueUnprinted(job.jobId(), rest, printed, reason, now);
        if (again.isPresent()) {
            stats.labelsConfirmed.addAndGet(printed);
            stats.labelsRecovered.addAndGet(f.labels() - printed);
            LOG.warn("print job {} on printer '{}': {}", job.jobId(), printer, reason);
            changed.accept(again.get());
        }
    }

    /** True once the same losing look has held for {@code settle}. */
    private boolean settled(PrinterProgress look) {
        String signature = look.counter() + " " + look.labelCount() + " " + look.pendingFormats() + " "
                + look.status().labelsRemaining() + " " + look.serial() + " " + look.idle();
        long nowNanos = System.nanoTime();
        if (!signature.equals(pendingLoss)) {
            pendingLoss = signature;
            pendingLossSince = nowNanos;
            return false;
        }
        return nowNanos - pendingLossSince >= settle.toNanos();
    }
}
