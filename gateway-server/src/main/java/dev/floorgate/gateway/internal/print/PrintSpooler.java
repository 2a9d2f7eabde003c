package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.devices.PrinterAccess;
import dev.floorgate.gateway.internal.devices.PrinterQueues;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.lan.GatewayEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The print spooler: takes print jobs, keeps them in {@link PrintJobStore} (where the schema, the commit points and
 * the crash argument are written down), and runs one {@link PrinterWorker} per configured printer. {@link #start}:
 * first it turns jobs left PRINTING by a crash into MAYBE_PRINTED (those sent to a closed-loop printer excepted:
 * their printer's label counter decides them, see {@link CounterFollower}), then the workers start, so no job
 * that may have printed is ever sent again unless the counter proves it did not.
 *
 * <p>Every state change of a job becomes a {@code print-job} event for the job's tenant. Person actions
 * (reprint, discard, mark-printed) need a reason and record who, when and why. Finished jobs are pruned after
 * {@code fg.print.retention}.
 */
public final class PrintSpooler implements PrinterQueues, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrintSpooler.class);
    /** Longest reason a person may give; a sentence, not a document. */
    static final int MAX_REASON = 500;

    private final PrintJobStore store;
    private final EventHub events;
    private final PrintConfiguration config;
    /** One worker per printer, by name; a printer adopted at run time adds one, so it is concurrent. */
    private final Map<String, PrinterWorker> workers = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final PrinterRegistry printers;
    private final PrinterAccess access;
    private final Map<PrintJobState, AtomicLong> transitions = new EnumMap<>(PrintJobState.class);
    private final ScheduledExecutorService housekeeping;
    private final ConfirmationStats confirmations;

    /** The result of {@link #submit}: the job, and whether this call made it (false: the same jobId again). */
    public record Submitted(PrintJob job, boolean created) {
    }

    public PrintSpooler(PrintJobStore store, PrinterRegistry printers, PrinterAccess access, EventHub events,
            PrintConfiguration config, ConfirmationStats confirmations) {
        this.confirmations = confirmations;
        this.store = store;
        this.access = access;
        this.events = events;
        this.config = config;
        this.printers = printers;
        for (PrintJobState s : PrintJobState.values()) {
            transitions.put(s, new AtomicLong());
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-print-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts spooling (gateway.db open and the printers' drivers running): first turns jobs left PRINTING
     * by a crash into MAYBE_PRINTED, then starts one worker per printer, then the hourly pruning.
     */
    public void start() throws SQLException {
        for (PrintJob job : store.recoverAfterCrash(Instant.now())) {
            LOG.warn("print job {} for printer '{}' was being sent when the gateway stopped; it may have printed and "
                    + "waits for a person (reprint or discard it)", job.jobId(), job.printer());
            changed(job);
        }
        for (String name : printers.names()) {
            int flying = store.inFlight(name).size();
            if (flying > 0) {
                LOG.info("printer '{}': {} print jobs were on their way when the gateway stopped; its label counter "
                        + "decides them before anything new is sent", name, flying);
            }
            PrinterWorker worker = new PrinterWorker(name, printers.driver(name).orElseThrow(), store, config,
                    confirmations, this::changed);
            workers.put(name, worker);
        }
        printers.onReady(this::wake);
        printers.onAdded(this::startWorker);
        workers.values().forEach(PrinterWorker::start);
        housekeeping.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES);
    }

    /** Starts the worker of a printer adopted while the gateway runs; its queued jobs, if any, go out in order. */
    private synchronized void startWorker(String name) {
        if (workers.containsKey(name)) {
            return;
        }
        PrinterWorker worker = new PrinterWorker(name, printers.driver(name).orElseThrow(), store, config,
                confirmations, this::changed);
        workers.put(name, worker);
        worker.start();
        LOG.info("printer '{}' adopted: its worker runs", name);
    }

    /**
     * Spools a job: durable (QUEUED committed) when this returns, or the job already stored under the same jobId
     * and request.
     *
     * @throws GatewayProblem JOB_ID_REUSED, TENANT_QUEUE_FULL (the job's tenant holds its share of the printer's
     *                       queue), QUEUE_FULL
     */
    public Submitted submit(PrintRequest request) throws SQLException {
        int max = config.getMaxQueuedPerPrinter();
        PrintJobStore.Enqueued e = store.enqueue(request, max, tenantLimit(request.printer(), max), Instant.now());
        if (e.created()) {
            changed(e.job());
            wake(request.printer());
        }
        return new Submitted(e.job(), e.created());
    }

    /** fg.print.tenant-queue-limit, or when unset (0) the printer's fair share ({@link PrinterAccess#fairShare}). */
    int tenantLimit(String printer, int maxQueued) {
        int configured = config.getTenantQueueLimit();
        return configured > 0 ? Math.min(configured, maxQueued) : access.fairShare(printer, maxQueued);
    }

    public Optional<PrintJob> find(String jobId) throws SQLException {
        return store.find(jobId);
    }

    /** Newest first; null filters match everything. */
    public List<PrintJob> list(String tenant, PrintJobState state, String printer, int limit) throws SQLException {
        return store.list(tenant, state, printer, limit);
    }

    /** Every person action and crash recovery of a job, oldest first. */
    List<PrintJobStore.JobAction> history(String jobId) throws SQLException {
        return store.actions(jobId);
    }

    /**
     * A person's action on a job the caller may see.
     *
     * @throws GatewayProblem INVALID without a reason, NOT_FOUND for a job the caller does not see, INVALID_STATE for
     *                        a state the
     *                      action does not apply to
     */
    PrintJob resolve(String jobId, PrintJobStore.Action action, Caller caller, String reason) throws SQLException {
        if (reason == null || reason.isBlank()) {
            throw GatewayProblem.invalid("reason: is required (say why, e.g. \"label came out "
                    + "smudged\"); it is recorded with who and when");
        }
        if (reason.length() > MAX_REASON) {
            throw GatewayProblem.invalid("reason: " + reason.length() + " characters exceed "
                    + MAX_REASON);
        }
        caller.visible(store.find(jobId), jobId);
        PrintJob job = store.resolve(jobId, action, caller.actor(), reason.trim(), Instant.now());
        LOG.info("print job {} on printer '{}': {} by {} because \"{}\"", jobId, job.printer(), action, caller.actor(),
                reason.trim());
        changed(job);
        if (job.state() == PrintJobState.QUEUED) {
            wake(job.printer());
        }
        return job;
    }

    /** Tells a printer's worker to look at its queue now. */
    void wake(String printer) {
        PrinterWorker w = workers.get(printer);
        if (w != null) {
            w.wake();
        }
    }

    /** State changes seen since start, by the state entered (for /metrics). */
    Map<PrintJobState, Long> transitions() {
        Map<PrintJobState, Long> out = new EnumMap<>(PrintJobState.class);
        transitions.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** {gateway.db transactions, spool changes} since start (see {@link PrintJobStore#commitStats}). */
    long[] commitStats() {
        return store.commitStats();
    }

    Map<PrintJobState, Integer> counts() throws SQLException {
        return store.counts();
    }

    @Override
    public Boolean closedLoop(String printer) {
        ConfirmationStats.Printer p = confirmations.all().get(printer);
        return p == null ? null : p.closedLoop();
    }

    @Override
    public String closedLoopNote(String printer) {
        ConfirmationStats.Printer p = confirmations.all().get(printer);
        return p == null ? null : p.note();
    }

    /** What print confirmation did, per printer (for /metrics). */
    ConfirmationStats confirmations() {
        return confirmations;
    }

    @Override
    public Map<String, Map<String, Integer>> countsByPrinter(String tenant) {
        try {
            return store.countsByPrinter(tenant);
        } catch (SQLException e) {
            throw new IllegalStateException("print job counts failed: " + e.getMessage(), e);
        }
    }

    private void changed(PrintJob job) {
        transitions.get(job.state()).incrementAndGet();
        events.publish(GatewayEvent.PRINT_JOB, job.tenant(), null, job.toEvent());
    }

    private void prune() {
        try {
            int n = store.prune(Instant.now().minus(config.getRetention()));
            if (n > 0) {
                LOG.info("pruned {} finished print jobs older than {}", n, config.getRetention());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("pruning finished print jobs failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        housekeeping.shutdownNow();
        workers.values().forEach(PrinterWorker::signalStop);
        long deadline = System.nanoTime() + config.getShutdownGrace().toNanos();
        for (PrinterWorker w : workers.values()) {
            w.awaitStop(deadline);
        }
    }
}
