package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable print spool (DESIGN.md guarantee 6): print jobs in gateway.db (WAL, synchronous=FULL, so a commit
 * survives kill -9 and power loss), deduplicated by jobId, in order per printer.
 *
 * <pre>
 * print_jobs(
 *   job_id            TEXT PRIMARY KEY   the client's id: the idempotency key while the row exists
 *   seq               INTEGER UNIQUE     order of arrival (a reprint takes a new one): a printer's jobs go in seq order
 *   tenant            TEXT               owner; devices see only their tenant's jobs
 *   printer, station  TEXT               where it prints; the station it came from (or null)
 *   template          TEXT               the template, or null for raw ZPL
 *   data_json         TEXT               the field values given, a JSON object of strings, sorted by name
 *   zpl               TEXT               exactly what is sent (rendered when the job was made)
 *   copies            INTEGER
 *   request_hash      TEXT               PrintRequest.fingerprint(): same jobId + other hash = JOB_ID_REUSED
 *   state             TEXT               QUEUED | PRINTING | SENT | PRINTED | HELD | MAYBE_PRINTED | FAILED
 *   fault, fault_detail TEXT             "paper out" + the driver's sentence (HELD), or why MAYBE_PRINTED
 *   attempts          INTEGER            sends started
 *   created_at, updated_at, printed_at   TEXT, ISO-8601 UTC
 *   created_by        TEXT               device:ID, admin, station:NAME
 *   resolution, resolved_by, resolved_at, resolution_reason   the last person action (who, when, why)
 *   labels            INTEGER            labels the current send prints (version 3)
 *   counter_start     INTEGER            the printer's label counter before the send's first label; NULL: the
 *                                        printer cannot confirm (not closed-loop)
 *   counter_serial    TEXT               the printer's serial number when it was sent
 *   labels_confirmed  INTEGER            labels proven printed by earlier sends (a batch cut short)
 *   sent_at           TEXT               when the printer took every byte
 * )
 * print_job_actions(id INTEGER PRIMARY KEY, job_id, at, action, actor, reason, from_state, to_state)
 *   every person action and crash recovery, kept as long as the job
 * </pre>
 * (What the columns mean; the DDL, indexes included, is versions 1 and 3 of {@code internal.GatewaySchema},
 * applied when gateway.db opens.)
 *
 * <p>Commit points, in the order a job lives them:
 * <ol>
 *   <li>{@link #enqueue}: the QUEUED row commits before the API answers 202 (or the station's scan is done).</li>
 *   <li>{@link #markPrinting}: PRINTING commits BEFORE the first byte is written to the printer.</li>
 *   <li>{@link #afterSend}: SENT (closed-loop), PRINTED (not closed-loop), HELD or MAYBE_PRINTED commits after
 *       the driver's outcome. HELD means the driver sent nothing (the printer reported a fault or did not answer),
 *       so the job is still the head of its printer's queue and goes again when the printer clears.</li>
 *   <li>{@link #confirmPrinted}, {@link #requeueUnprinted}, {@link #countUnknown}: the label counter decides a
 *       SENT (or PRINTING) job: PRINTED when it passed the job's end; back to QUEUED, keeping its place (its seq),
 *       for what it proves did not print; MAYBE_PRINTED when the count cannot be known.</li>
 *   <li>{@link #resolve}: a person's reprint (back to QUEUED, at the end of the queue), discard (FAILED) or
 *       mark-printed (PRINTED) commits together with its who/when/why.</li>
 * </ol>
 *
 * <p>The crash argument: a row is PRINTING only between commit 2 and commit 3, which encloses every moment at
 * which bytes of the job may be on the wire. A closed-loop job commits its counter value with PRINTING, so after
 * a crash its printer's counter still decides it: such PRINTING and SENT rows are left to the printer's worker,
 * which reconciles them against the counter before it sends anything new ({@link #inFlight}). After a crash,
 * {@link #recoverAfterCrash} (run at start-up, before any worker) turns every other PRINTING row into
 * MAYBE_PRINTED, and nothing else: a QUEUED or HELD row had sent no
 * byte and is sent normally; a PRINTED row is done. MAYBE_PRINTED is never sent again without a person, so a crash
 * mid-send can cost at most a reprint a person asked for, never a silent second label; and because the QUEUED row
 * commits before the 202, an acknowledged job is never lost. The one assumption is the driver's contract that
 * HELD and NOT_ANSWERING outcomes wrote nothing (device-drivers' PrintOutcome).
 *
 * <p>Changes go through {@link GatewayDatabase#inTransaction}, the file's one group-commit writer: concurrent
 * changes (API requests, station scans, one worker per printer) share one transaction and one fsync, each in a
 * savepoint of its own (a change that throws is rolled back alone and its caller gets the exception), and each
 * method returns only once the transaction holding its change has committed, so every commit point above is what
 * it says. Changes commit in the order they were made. Reads run on gateway.db's read connections and see every
 * change that has returned. State changes are conditional updates ({@code WHERE state IN (...)}), so a person's
 * action and a worker cannot both move one job.
 */
public final class PrintJobStore {
    /** Person actions, each with the states it may start from. */
    enum Action {
        REPRINT(EnumSet.of(PrintJobState.MAYBE_PRINTED, PrintJobState.FAILED, PrintJobState.HELD), PrintJobState.QUEUED),
        DISCARD(EnumSet.of(PrintJobState.QUEUED, PrintJobState.HELD, PrintJobState.MAYBE_PRINTED), PrintJobState.FAILED),
        MARK_PRINTED(EnumSet.of(PrintJobState.MAYBE_PRINTED, PrintJobState.HELD, PrintJobState.QUEUED,
                PrintJobState.FAILED), PrintJobState.PRINTED);

        final Set<PrintJobState> from;
        final PrintJobState to;

        Action(Set<PrintJobState> from, PrintJobState to) {
            this.from = from;
            this.to = to;
        }
    }

    /** The result of {@link #enqueue}: the job, and whether this call made it. */
    record Enqueued(PrintJob job, boolean created) {
    }

    static final String RECOVERED_FAULT = "gateway stopped while sending";
    private static final String COLUMNS = "job_id, seq, tenant, printer, station, template, data_json, zpl, copies, "
            + "state, fault, fault_detail, attempts, created_at, updated_at, printed_at, created_by, resolution, "
            + "resolved_by, resolved_at, resolution_reason";

    private final GatewayDatabase db;
    /** Changes handed to the writer and answered, refused ones included (for the metrics). */
    private final AtomicLong changes = new AtomicLong();
    private final JsonMapper json;

    public PrintJobStore(GatewayDatabase db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * gateway.db transactions committed since it opened (the spool's and the other stores'), and the spool's
     * changes answered since then, refused ones included: {transactions, changes}.
     */
    long[] commitStats() {
        return new long[] {db.commitStats()[0], changes.get()};
    }

    /** One change through gateway.db's group commit; counted once answered. */
    private <T> T change(GatewayDatabase.Work<T> work) throws SQLException {
        try {
            T result = db.inTransaction(work);
            changes.incrementAndGet();
            return result;
        } catch (RuntimeException e) {
            changes.incrementAndGet(); // refused by the work itself (GatewayProblem): answered all the same
            throw e;
        }
    }

    /**
     * Commit point 1: stores the job as QUEUED, or returns the job already stored under its jobId when the request
     * is the same.
     *
     * @throws GatewayProblem JOB_ID_REUSED when the jobId holds another request (of any tenant), QUEUE_FULL
     *                      when the printer already has {@code maxQueued} jobs waiting
     */
    Enqueued enqueue(PrintRequest r, int maxQueued, Instant now) throws SQLException {
        return enqueue(r, maxQueued, maxQueued, now);
    }

    /**
     * {@link #enqueue(PrintRequest, int, Instant)} with a per-tenant bound: TENANT_QUEUE_FULL when the job's tenant
     * already has {@code maxForTenant} jobs waiting at the printer, so one tenant is refused while the printer's
     * queue still has room for the others (a full printer is QUEUE_FULL for everyone, checked first).
     */
    Enqueued enqueue(PrintRequest r, int maxQueued, int maxForTenant, Instant now) throws SQLException {
        String hash = r.fingerprint();
        String dataJson = writeData(r.data());
        return change(c -> {
            Optional<String> existingHash = one(c, "SELECT request_hash FROM print_jobs WHERE job_id = ?",
                    rs -> rs.getString(1), r.jobId());
            if (existingHash.isPresent()) {
                if (!existingHash.get().equals(hash)) {
                    throw new GatewayProblem(ProblemCode.JOB_ID_REUSED, "jobId '" + r.jobId()
                            + "' was already used for another print request; make a new jobId for a new job");
                }
                return new Enqueued(get(c, r.jobId()), false);
            }
            int waiting = one(c, "SELECT COUNT(*) FROM print_jobs WHERE printer = ? AND state IN ('QUEUED', 'HELD')",
                    rs -> rs.getInt(1), r.printer()).orElse(0);
            if (waiting >= maxQueued) {
                throw new GatewayProblem(ProblemCode.QUEUE_FULL, "printer '" + r.printer() + "' has " + waiting
                        + " jobs waiting (fg.print.max-queued-per-printer " + maxQueued + "); try again later");
            }
            int mine = one(c, "SELECT COUNT(*) FROM print_jobs WHERE tenant = ? AND printer = ? "
                    + "AND state IN ('QUEUED', 'HELD')", rs -> rs.getInt(1), r.tenant(), r.printer()).orElse(0);
            if (mine >= maxForTenant) {
                throw new GatewayProblem(ProblemCode.TENANT_QUEUE_FULL, "tenant '" + r.tenant() + "' has " + mine
                        + " jobs waiting at printer '" + r.printer() + "', its limit is " + maxForTenant
                        + " (fg.print.tenant-queue-limit); try again when some have printed");
            }
            long seq = nextSeq(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO print_jobs (job_id, seq, tenant, printer, "
                    + "station, template, data_json, zpl, copies, request_hash, state, attempts, created_at, "
                    + "updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)")) {
                ps.setString(1, r.jobId());
                ps.setLong(2, seq);
                ps.setString(3, r.tenant());
                ps.setString(4, r.printer());
                ps.setString(5, r.station());
                ps.setString(6, r.template());
                ps.setString(7, dataJson);
                ps.setString(8, r.zpl());
                ps.setInt(9, r.copies());
                ps.setString(10, hash);
                ps.setString(11, now.toString());
                ps.setString(12, now.toString());
                ps.setString(13, r.createdBy());
                ps.executeUpdate();
            }
            return new Enqueued(get(c, r.jobId()), true); // Commit the job.
        });
    }

    Optional<PrintJob> find(String jobId) throws SQLException {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM print_jobs WHERE job_id = ?", this::job, jobId));
    }

    /** Newest first; {@code tenant}, {@code state}, {@code printer} null = any. */
    List<PrintJob> list(String tenant, PrintJobState state, String printer, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM print_jobs WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (tenant != null) {
            sql.append(" AND tenant = ?");
            args.add(tenant);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.name());
        }
        if (printer != null) {
            sql.append(" AND printer = ?");
            args.add(printer);
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(limit);
        return db.read(c -> {
            List<PrintJob> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(job(rs));
                    }
                }
            }
            return out;
        });
    }

    /** The next job of a printer's queue: the QUEUED or HELD job with the lowest seq. */
    Optional<PrintJob> head(String printer) throws SQLException {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM print_jobs WHERE printer = ? AND state IN "
                + "('QUEUED', 'HELD') ORDER BY seq LIMIT 1", this::job, printer));
    }

    /**
     * Commit point 2, before the first byte: QUEUED or HELD -> PRINTING. Empty when the job is no longer waiting
     * (a person discarded or marked it meanwhile); then nothing may be sent.
     */
    Optional<PrintJob> markPrinting(String jobId, Instant now) throws SQLException {
        return markPrinting(jobId, now, null, null, null);
    }

    /**
     * {@link #markPrinting(String, Instant)} for a closed-loop printer: the counter value before the job's first
     * label, the printer's serial and the labels it prints commit with PRINTING, before the first byte.
     */
    Optional<PrintJob> markPrinting(String jobId, Instant now, Long counterStart, String serial, Integer labels)
            throws SQLException {
        return change(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET state = 'PRINTING', "
                    + "attempts = attempts + 1, fault = NULL, fault_detail = NULL, updated_at = ?, counter_start = ?, "
                    + "counter_serial = ?, labels = ? WHERE job_id = ? AND state IN ('QUEUED', 'HELD')")) {
                ps.setString(1, now.toString());
                ps.setObject(2, counterStart);
                ps.setString(3, serial);
                ps.setObject(4, labels);
                ps.setString(5, jobId);
                if (ps.executeUpdate() != 1) {
                    return Optional.<PrintJob>empty();
                }
            }
            return Optional.of(get(c, jobId)); // Commit PRINTING; only now may bytes go out.
        });
    }

    /** Commit point 3, after the driver's outcome: PRINTING -> SENT, PRINTED, HELD or MAYBE_PRINTED. */
    PrintJob afterSend(String jobId, PrintJobState to, String fault, String detail, Instant now) throws SQLException {
        if (to != PrintJobState.PRINTED && to != PrintJobState.HELD && to != PrintJobState.MAYBE_PRINTED
                && to != PrintJobState.SENT) {
            throw new IllegalArgumentException("a send ends SENT, PRINTED, HELD or MAYBE_PRINTED, not " + to);
        }
        return change(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET state = ?, fault = ?, "
                    + "fault_detail = ?, updated_at = ?, printed_at = CASE WHEN ? = 'PRINTED' THEN ? ELSE printed_at "
                    + "END, sent_at = CASE WHEN ? = 'SENT' THEN ? ELSE sent_at END, counter_start = CASE WHEN ? "
                    + "IN ('SENT', 'PRINTED') THEN counter_start END WHERE job_id = ? AND state = 'PRINTING'")) {
                ps.setString(1, to.name());
                ps.setString(2, fault);
                ps.setString(3, detail);
                ps.setString(4, now.toString());
                ps.setString(5, to.name());
                ps.setString(6, now.toString());
                ps.setString(7, to.name());
                ps.setString(8, now.toString());
                ps.setString(9, to.name());
                ps.setString(10, jobId);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("print job " + jobId + " is not PRINTING; its outcome " + to
                            + " cannot be recorded");
                }
            }
            return get(c, jobId);
        });
    }

    /**
     * A waiting job (QUEUED or HELD) shows the fault that holds its printer; empty when the job no longer waits.
     * Nothing was sent, so this is no commit point of the crash argument, just what people see.
     */
    Optional<PrintJob> hold(String jobId, String fault, String detail, Instant now) throws SQLException {
        return change(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET state = 'HELD', fault = ?, "
                    + "fault_detail = ?, updated_at = ? WHERE job_id = ? AND state IN ('QUEUED', 'HELD')")) {
                ps.setString(1, fault);
                ps.setString(2, detail);
                ps.setString(3, now.toString());
                ps.setString(4, jobId);
                return ps.executeUpdate() == 1 ? Optional.of(get(c, jobId)) : Optional.<PrintJob>empty();
            }
        });
    }

    /**
     * At start-up, before any worker runs: every PRINTING row without a counter value becomes MAYBE_PRINTED (see
     * the crash argument); closed-loop rows are left to the counter.
     */
    List<PrintJob> recoverAfterCrash(Instant now) throws SQLException {
        return change(c -> {
            List<String> ids = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT job_id FROM print_jobs WHERE state = 'PRINTING' "
                         + "AND counter_start IS NULL ORDER BY seq")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            List<PrintJob> out = new ArrayList<>();
            for (String id : ids) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET state = 'MAYBE_PRINTED', "
                        + "fault = ?, fault_detail = ?, updated_at = ? WHERE job_id = ? AND state = 'PRINTING'")) {
                    ps.setString(1, RECOVERED_FAULT);
                    ps.setString(2, "the gateway stopped while this job was being sent, so the label may have "
                            + "printed; reprint or discard it, with a reason");
                    ps.setString(3, now.toString());
                    ps.setString(4, id);
                    ps.executeUpdate();
                }
                recordAction(c, id, now, "RECOVERED_AFTER_CRASH", "gateway", "found PRINTING at start-up",
                        PrintJobState.PRINTING, PrintJobState.MAYBE_PRINTED);
                out.add(get(c, id));
            }
            return out; // Commit the recovery.
        });
    }

    /**
     * A job on its way to a closed-loop printer (PRINTING or SENT with a counter value): what the counter must
     * reach, and what is needed to send the rest again.
     */
    record InFlight(String jobId, long seq, String tenant, String zpl, Instant createdAt, PrintJobState state,
            int labels, long counterStart, String serial, int labelsConfirmed) {
    }

    /** A printer's jobs on their way, in send order (seq). */
    List<InFlight> inFlight(String printer) throws SQLException {
        return db.read(c -> {
            List<InFlight> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id, seq, tenant, zpl, created_at, state, "
                    + "labels, counter_start, counter_serial, labels_confirmed FROM print_jobs WHERE printer = ? AND "
                    + "state IN ('PRINTING', 'SENT') AND counter_start IS NOT NULL ORDER BY seq")) {
                ps.setString(1, printer);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String serial = rs.getString(9);
                        out.add(new InFlight(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                instant(rs.getString(5)), PrintJobState.valueOf(rs.getString(6)), rs.getInt(7),
                                rs.getLong(8), serial == null ? "" : serial, rs.getInt(10)));
                    }
                }
            }
            return out;
        });
    }

    /** The counter passed the job's end: SENT or PRINTING -> PRINTED. Empty when the job is no longer on its way. */
    Optional<PrintJob> confirmPrinted(String jobId, Instant now) throws SQLException {
        return change(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET state = 'PRINTED', printed_at = ?, "
                    + "updated_at = ?, labels_confirmed = labels_confirmed + COALESCE(labels, 0), fault = NULL, "
                    + "fault_detail = NULL WHERE job_id = ? AND state IN ('PRINTING', 'SENT')")) {
                ps.setString(1, now.toString());
                ps.setString(2, now.toString());
                ps.setString(3, jobId);
                return ps.executeUpdate() == 1 ? Optional.of(get(c, jobId)) : Optional.<PrintJob>empty();
            }
        });
    }

    /**
     * The counter proves the job's labels after the first {@code labelsPrinted} did not print and will not: back to
     * QUEUED in its old place (seq kept, so the queue sends it before later jobs), with {@code zpl} for the rest.
     */
    Optional<PrintJob> requeueUnprinted(String jobId, String zpl, int labelsPrinted, String reason, Instant now)
            throws SQLException {
        return change(c -> {
            Optional<PrintJob> job = one(c, "SELECT " + COLUMNS + " FROM print_jobs WHERE job_id = ?", this::job, jobId);
            if (job.isEmpty() || (job.get().state() != PrintJobState.SENT && job.get().state() != PrintJobState.PRINTING)) {
                return Optional.<PrintJob>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET state = 'QUEUED', zpl = ?, "
                    + "labels_confirmed = labels_confirmed + ?, counter_start = NULL, labels = NULL, fault = NULL, "
                    + "fault_detail = NULL, updated_at = ? WHERE job_id = ?")) {
                ps.setString(1, zpl);
                ps.setInt(2, labelsPrinted);
                ps.setString(3, now.toString());
                ps.setString(4, jobId);
                ps.executeUpdate();
            }
            recordAction(c, jobId, now, "REQUEUED_BY_COUNTER", "gateway", reason, job.get().state(),
                    PrintJobState.QUEUED);
            return Optional.of(get(c, jobId));
        });
    }

    /** The counter cannot tell what printed: SENT or PRINTING -> MAYBE_PRINTED, with the reason. */
    Optional<PrintJob> countUnknown(String jobId, String fault, String reason, Instant now) throws SQLException {
        return change(c -> {
            Optional<PrintJob> job = one(c, "SELECT " + COLUMNS + " FROM print_jobs WHERE job_id = ?", this::job, jobId);
            if (job.isEmpty() || (job.get().state() != PrintJobState.SENT && job.get().state() != PrintJobState.PRINTING)) {
                return Optional.<PrintJob>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET state = 'MAYBE_PRINTED', fault = ?, "
                    + "fault_detail = ?, counter_start = NULL, updated_at = ? WHERE job_id = ?")) {
                ps.setString(1, fault);
                ps.setString(2, reason);
                ps.setString(3, now.toString());
                ps.setString(4, jobId);
                ps.executeUpdate();
            }
            recordAction(c, jobId, now, "COUNT_UNKNOWN", "gateway", reason, job.get().state(),
                    PrintJobState.MAYBE_PRINTED);
            return Optional.of(get(c, jobId));
        });
    }

    /** Formats ahead of the job were dropped: its counter value starts again from what the printer counted. */
    void rebase(String jobId, long counterStart) throws SQLException {
        change(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE print_jobs SET counter_start = ? WHERE job_id = ? "
                    + "AND state IN ('PRINTING', 'SENT')")) {
                ps.setLong(1, counterStart);
                ps.setString(2, jobId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Commit point 4: a person's action with who and why.
     *
     * @throws GatewayProblem NOT_FOUND for an unknown job, INVALID_STATE when the job's state does not allow it
     */
    PrintJob resolve(String jobId, Action action, String actor, String reason, Instant now) throws SQLException {
        return change(c -> {
            PrintJob job = one(c, "SELECT " + COLUMNS + " FROM print_jobs WHERE job_id = ?", this::job, jobId)
                    .orElseThrow(() -> GatewayProblem.notFound("no print job " + jobId));
            if (!action.from.contains(job.state())) {
                throw new GatewayProblem(ProblemCode.INVALID_STATE, "print job " + jobId + " is " + job.state() + "; "
                        + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " needs one of "
                        + action.from);
            }
            StringBuilder sql = new StringBuilder("UPDATE print_jobs SET state = ?, updated_at = ?, resolution = ?, "
                    + "resolved_by = ?, resolved_at = ?, resolution_reason = ?");
            if (action == Action.REPRINT) {
                sql.append(", seq = ?, fault = NULL, fault_detail = NULL"); // to the end of the printer's queue
            } else if (action == Action.MARK_PRINTED) {
                sql.append(", printed_at = ?");
            }
            sql.append(" WHERE job_id = ? AND state = ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, action.to.name());
                ps.setString(i++, now.toString());
                ps.setString(i++, action.name());
                ps.setString(i++, actor);
                ps.setString(i++, now.toString());
                ps.setString(i++, reason);
                if (action == Action.REPRINT) {
                    ps.setLong(i++, nextSeq(c));
                } else if (action == Action.MARK_PRINTED) {
                    ps.setString(i++, now.toString());
                }
                ps.setString(i++, jobId);
                ps.setString(i, job.state().name());
                ps.executeUpdate();
            }
            recordAction(c, jobId, now, action.name(), actor, reason, job.state(), action.to);
            return get(c, jobId); // Commit the action with who and why.
        });
    }

    /** A person action or a crash recovery of a job: when, what, by whom, why, and the states it went between. */
    record JobAction(String at, String action, String by, String reason, String from, String to) {
    }

    /** Every person action and recovery of a job, oldest first. */
    List<JobAction> actions(String jobId) throws SQLException {
        return db.read(c -> {
            List<JobAction> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, action, actor, reason, from_state, to_state "
                    + "FROM print_job_actions WHERE job_id = ? ORDER BY id")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JobAction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** Jobs by state (every state present, zero included). */
    Map<PrintJobState, Integer> counts() throws SQLException {
        return db.read(c -> {
            Map<PrintJobState, Integer> out = new EnumMap<>(PrintJobState.class);
            for (PrintJobState s : PrintJobState.values()) {
                out.put(s, 0);
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM print_jobs GROUP BY state")) {
                while (rs.next()) {
                    out.put(PrintJobState.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** Jobs per printer and state, for one tenant or all (tenant null); states without jobs are left out. */
    Map<String, Map<String, Integer>> countsByPrinter(String tenant) throws SQLException {
        return db.read(c -> {
            Map<String, Map<String, Integer>> out = new TreeMap<>();
            String sql = "SELECT printer, state, COUNT(*) FROM print_jobs" + (tenant == null ? "" : " WHERE tenant = ?")
                    + " GROUP BY printer, state";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (tenant != null) {
                    ps.setString(1, tenant);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
                    }
                }
            }
            return out;
        });
    }

    /** Deletes PRINTED and FAILED jobs last changed before {@code before}, and their actions. */
    int prune(Instant before) throws SQLException {
        return change(c -> {
            try (PreparedStatement actions = c.prepareStatement("DELETE FROM print_job_actions WHERE job_id IN "
                    + "(SELECT job_id FROM print_jobs WHERE state IN ('PRINTED', 'FAILED') AND updated_at < ?)");
                 PreparedStatement jobs = c.prepareStatement("DELETE FROM print_jobs WHERE state IN ('PRINTED', "
                         + "'FAILED') AND updated_at < ?")) {
                actions.setString(1, before.toString());
                actions.executeUpdate();
                jobs.setString(1, before.toString());
                return jobs.executeUpdate();
            }
        });
    }

    private static void recordAction(Connection c, String jobId, Instant at, String action, String actor,
            String reason, PrintJobState from, PrintJobState to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO print_job_actions (job_id, at, action, actor, "
                + "reason, from_state, to_state) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setString(2, at.toString());
            ps.setString(3, action);
            ps.setString(4, actor);
            ps.setString(5, reason);
            ps.setString(6, from.name());
            ps.setString(7, to.name());
            ps.executeUpdate();
        }
    }

    private static long nextSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 "
                + "FROM print_jobs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private PrintJob get(Connection c, String jobId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM print_jobs WHERE job_id = ?", this::job, jobId)
                .orElseThrow(() -> new IllegalStateException("print job " + jobId + " vanished inside a transaction"));
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, String... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    private PrintJob job(ResultSet rs) throws SQLException {
        return new PrintJob(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), readData(rs.getString(7)), rs.getString(8), rs.getInt(9),
                PrintJobState.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12), rs.getInt(13),
                instant(rs.getString(14)), instant(rs.getString(15)), instant(rs.getString(16)), rs.getString(17),
                rs.getString(18), rs.getString(19), instant(rs.getString(20)), rs.getString(21));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private String writeData(Map<String, String> data) {
        try {
            return json.writeValueAsString(new TreeMap<>(data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write print job data as JSON", e);
        }
    }

    private Map<String, String> readData(String text) {
        try {
            Map<String, String> data = json.readValue(text, Argument.mapOf(String.class, String.class));
            return data == null ? Map.of() : data;
        } catch (IOException e) {
            throw new UncheckedIOException("print job data_json is not a JSON object of strings: " + text, e);
        }
    }
}
