package dev.floorgate.gateway.internal.print;

import dev.floorgate.devices.PrintOutcome;
import dev.floorgate.devices.PrinterStatus;
import dev.floorgate.devices.ZebraPrinterDriver;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that sends one printer's jobs, in seq order, one at a time (Zebra printers mix overlapping jobs,
 * PROTOCOLS.md 1.1). It follows {@link PrintJobStore}'s commit points: PRINTING is committed before
 * {@link ZebraPrinterDriver#print} is called, the outcome after it returns.
 *
 * <p>A fault or silence (the driver sent nothing) holds the queue: the head job shows HELD with the fault in words,
 * the worker asks the printer's status every hold-poll interval (or sooner when {@link #wake woken}, e.g. by the
 * driver's own poll seeing the printer ready) and sends the head job again once the printer is ready. A held
 * printer holds only its own queue. A failed send (the job may have printed) becomes MAYBE_PRINTED and the queue
 * goes on; that job waits for a person.
 *
 * <p>On a closed-loop printer (one whose label counter answers) a job the printer took is SENT, and its
 * {@link CounterFollower} looks at the printer every confirm-poll interval until the counter proves it PRINTED,
 * or proves it lost (then it is back in the queue, in its place) or cannot tell (MAYBE_PRINTED). A send that
 * failed after every byte went out is SENT too: the counter decides it.
 */
final class PrinterWorker implements Runnable {
    /** With nothing queued the worker still looks at the queue this often, a backstop for a missed wake-up. */
    private static final long IDLE_RECHECK_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(PrinterWorker.class);

    private final String printer;
    private final ZebraPrinterDriver driver;
    private final PrintJobStore store;
    private final Duration holdPoll;
    private final Duration confirmPoll;
    private final CounterFollower follower;
    private final Consumer<PrintJob> changed;
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean running = true;
    /** The fault holding this printer's queue ("paper out", "not answering", ...), or null. Worker thread only. */
    private String heldFault;
    private String heldDetail;

    PrinterWorker(String printer, ZebraPrinterDriver driver, PrintJobStore store, PrintConfiguration config,
            ConfirmationStats stats, Consumer<PrintJob> changed) {
        this.printer = printer;
        this.driver = driver;
        this.store = store;
        this.holdPoll = config.getHoldPollInterval();
        this.confirmPoll = config.getConfirmPollInterval();
        this.follower = new CounterFollower(printer, driver, store, changed, stats, config.getConfirmSettle(),
                config.getMaxUnconfirmedPerPrinter());
        this.changed = changed;
        this.thread = new Thread(this, "fg-print-" + printer);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Makes the worker look at its queue now (a new job, a reprint, the printer turned ready). Never blocks. */
    void wake() {
        wakeups.offer(Boolean.TRUE);
    }

    /** Asks the worker to stop after the job being sent (if any); see {@link #awaitStop}. */
    void signalStop() {
        running = false;
        wake();
    }

    /**
     * Waits for the worker to stop until {@code deadlineNanos} (System.nanoTime), then interrupts it (an
     * interrupted send shows as MAYBE_PRINTED, now or after the restart).
     */
    void awaitStop(long deadlineNanos) throws InterruptedException {
        thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        if (thread.isAlive()) {
            LOG.warn("print queue of printer '{}' did not stop in time; interrupting it", printer);
            thread.interrupt();
            thread.join(2000);
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                step();
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (SQLException e) {
                LOG.error("print queue of printer '{}': the spool database failed ({}); trying again in {} ms",
                        printer, e.getMessage(), holdPoll.toMillis());
                pause();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("print queue of printer '{}' failed; trying again in {} ms", printer, holdPoll.toMillis(), e);
                pause();
            }
        }
    }

    private void step() throws SQLException, InterruptedException {
        boolean following = follower.following();
        if (following) {
            follower.follow();
            following = follower.following();
        }
        Optional<PrintJob> head = store.head(printer);
        if (head.isEmpty()) {
            if (following) {
                wakeups.poll(confirmPoll.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            // Nothing waits: forget the fault. The next job's send asks the printer first and holds again if need be.
            heldFault = null;
            heldDetail = null;
            wakeups.poll(IDLE_RECHECK_MS, TimeUnit.MILLISECONDS);
            return;
        }
        PrintJob job = head.get();
        if (heldFault != null) {
            awaitPrinter(job);
            return; // look at the head again: a person may have discarded or reprinted meanwhile
        }
        if (!follower.maySend()) {
            wakeups.poll(confirmPoll.toMillis(), TimeUnit.MILLISECONDS);
            return; // the jobs on their way are looked at first
        }
        CounterFollower.Plan plan = follower.plan(job);
        Optional<PrintJob> printing = store.markPrinting(job.jobId(), Instant.now(), plan.counterStart(),
                plan.serial(), plan.labels());
        if (printing.isEmpty()) {
            return; // no longer waiting: nothing may be sent
        }
        changed.accept(printing.get());
        PrintOutcome outcome = driver.print(job.zpl());
        PrintJob done;
        switch (outcome.result()) {
            case PRINTED:
                done = store.afterSend(job.jobId(), plan.closedLoop() ? PrintJobState.SENT : PrintJobState.PRINTED,
                        null, null, Instant.now());
                if (plan.closedLoop()) {
                    follower.sent();
                }
                break;
            case HELD:
            case NOT_ANSWERING:
                heldFault = outcome.state().label();
                heldDetail = outcome.message();
                done = store.afterSend(job.jobId(), PrintJobState.HELD, heldFault, heldDetail, Instant.now());
                LOG.warn("print job {} for printer '{}' is held: {}", job.jobId(), printer, heldDetail);
                break;
            default:
                if (plan.closedLoop() && outcome.bytesSent() == outcome.bytesTotal()) {
                    // every byte went out before the connection failed: the printer's counter decides
                    done = store.afterSend(job.jobId(), PrintJobState.SENT, null, null, Instant.now());
                    follower.sent();
                    LOG.info("print job {}: {}; its printer's label counter will tell", job.jobId(), outcome.message());
                    break;
                }
                done = store.afterSend(job.jobId(), PrintJobState.MAYBE_PRINTED, "send failed", outcome.message(),
                        Instant.now());
                LOG.warn("print job {} may have printed and waits for a person: {}", job.jobId(), outcome.message());
        }
        changed.accept(done);
    }

    /** The printer holds the queue: show why on the head job, wait, ask the printer again. */
    private void awaitPrinter(PrintJob job) throws SQLException, InterruptedException {
        if (job.state() != PrintJobState.HELD || !heldFault.equals(job.fault())) {
            Optional<PrintJob> held = store.hold(job.jobId(), heldFault, heldDetail, Instant.now());
            if (held.isPresent()) {
                changed.accept(held.get());
            }
        }
        wakeups.poll(holdPoll.toMillis(), TimeUnit.MILLISECONDS);
        if (!running) {
            return;
        }
        PrinterStatus status = driver.status();
        if (status.ready()) {
            LOG.info("printer '{}' is ready again; resuming its queue", printer);
            heldFault = null;
            heldDetail = null;
        } else {
            heldFault = status.state().label();
            heldDetail = status.detail();
        }
    }

    private void pause() {
        try {
            wakeups.poll(holdPoll.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
