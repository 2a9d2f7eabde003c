package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.SyncConfiguration;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.OperatorSessions;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.LogText;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.sync.AppendResult;
import dev.floorgate.sync.DiskFullException;
import dev.floorgate.sync.LocalProblem;
import dev.floorgate.sync.SyncEngine;
import java.sql.SQLException;
import dev.floorgate.gateway.internal.clock.SiteClocks;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes operations from a device into the outbox: reads them, binds them to the device (tenant, warehouse,
 * device id, logged-in operator), validates them against the cached master data, appends the valid ones and
 * answers when their group commit is done (without holding a thread meanwhile). Only then does the caller answer
 * 202: an acknowledged operation is on disk.
 */
public final class OperationIntake {
    /**
     * The one answer to a reused opId, whoever used it first: the same for a tenant's own earlier operation and for
     * another tenant's, naming no tenant, device, SKU or quantity of the first use.
     */
    static final String OP_ID_REUSED_MESSAGE = "this opId was used before for another operation; an opId names one "
            + "operation forever: make a new one";
    private static final Logger LOG = LoggerFactory.getLogger(OperationIntake.class);
    /** Operations per request (API.md). */
    public static final int MAX_OPERATIONS = 1000;
    /** Default of {@code fg.limits.operations-max-chars}: 2 MiB of text. */
    public static final int DEFAULT_MAX_BODY_CHARS = 2 * 1024 * 1024;
    private final SyncEngine engine;
    private final OperatorSessions sessions;
    /**
     * {@code fg.sync.append-timeout}, read once: a configuration interface's getter resolves and converts the
     * property on every call (Micronaut's introduction advice), which a JFR profile of 300 PDAs showed per request.
     */
    private final long appendTimeoutMillis;
    private final int maxBodyChars;
    private final SiteClocks clocks;

    public OperationIntake(SyncEngine engine, OperatorSessions sessions, SyncConfiguration config) {
        this(engine, sessions, config, DEFAULT_MAX_BODY_CHARS, new SiteClocks(engine.clockOffset(),
                engine::coreKeyRefusal, Duration.ofSeconds(60), Duration.ofMinutes(3)));
    }

    /**
     * @param maxBodyChars {@code fg.limits.operations-max-chars}: a longer body is refused before it is parsed (a
     *                     parsed batch takes several times its text in heap; 1000 operations of a few hundred
     *                     characters each need far less than the default)
     */
    public OperationIntake(SyncEngine engine, OperatorSessions sessions, SyncConfiguration config, int maxBodyChars,
            SiteClocks clocks) {
        if (maxBodyChars < 1024) {
            throw new IllegalArgumentException("fg.limits.operations-max-chars must be at least 1024, got "
                    + maxBodyChars);
        }
        this.engine = engine;
        this.sessions = sessions;
        this.appendTimeoutMillis = config.getAppendTimeout().toMillis();
        this.maxBodyChars = maxBodyChars;
        this.clocks = clocks;
    }

    /** What happened to a posted request: the accepted opIds and, per refused op, its problems. */
    public record Outcome(List<String> accepted, List<Refused> rejected) {
    }

    /** An operation refused before it reached the outbox: its result code and what is wrong, field by field. */
    public record Refused(String opId, String code, List<FieldProblem> problems) {
    }

    /** One field of an operation and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    /** {@link #submitAsync}, waiting for its answer (for callers on a thread that may block). */
    public Outcome submit(DevicePrincipal device, String body) throws SQLException {
        try {
            return submitAsync(device, body, null).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    /**
     * Validates on the caller's thread (it reads the cached tables and the operator's session), then answers when
     * the group commit made the valid operations durable: the caller's thread is not held while the outbox
     * commits, so a few io threads serve hundreds of PDAs. The future fails with a {@link GatewayProblem}
     * (DISK_FULL, OUTBOX_UNAVAILABLE, OUTBOX_BUSY after {@code fg.sync.append-timeout}).
     */
    public CompletableFuture<Outcome> submitAsync(DevicePrincipal device, String body) throws SQLException {
        return submitAsync(device, body, null);
    }

    /**
     * As {@link #submitAsync(DevicePrincipal, String)}; {@code deviceTime} is the device's clock when it sent the
     * request ({@code X-FG-Device-Time}), null when it did not say (then its newest {@code occurredAt} stands in).
     * Every operation is stamped with the gateway's receive time in core time ({@code receivedAt}), once: a
     * resend keeps the first stamp (the outbox holds it) and is still the same operation.
     */
    public CompletableFuture<Outcome> submitAsync(DevicePrincipal device, String body, Instant deviceTime)
            throws SQLException {
        if (body != null && body.length() > maxBodyChars) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE, "a body of " + body.length() + " characters; at "
                    + "most " + maxBodyChars + " per request (fg.limits.operations-max-chars), at most "
                    + MAX_OPERATIONS + " operations");
        }
        List<Operation> ops = OperationJson.readOperations(body);
        if (ops.isEmpty()) {
            throw GatewayProblem.invalid("operations: at least one operation is required");
        }
        if (ops.size() > MAX_OPERATIONS) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE, "at most " + MAX_OPERATIONS
                    + " operations per request, got "
                    + ops.size());
        }
        String operator = sessions.operator(device).orElse(null);
        String receivedAt = clocks.coreNow().toString();
        noteDeviceClock(device, ops, deviceTime);
        List<Operation> bound = new ArrayList<>(ops.size());
        for (Operation op : ops) {
            if (op.tenant() != null && !op.tenant().equals(device.tenant())) {
                // Nothing of the request is stored: a device never writes another tenant's data.
                throw GatewayProblem.tenantForbidden("device " + device.deviceId() + " belongs to tenant '"
                        + device.tenant() + "' and may not write operations of tenant '" + op.tenant() + "'");
            }
            bound.add(bind(op, device, operator, receivedAt));
        }
        Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>());
        List<Operation> valid = new ArrayList<>();
        for (Operation op : bound) {
            List<FieldProblem> problems = new ArrayList<>();
            String code = null;
            for (LocalProblem p : engine.validator().check(op)) {
                problems.add(new FieldProblem(p.field(), p.message()));
                code = code == null || ResultCodes.INVALID.equals(p.code()) ? p.code() : code;
            }
            if (op.warehouse() != null && !op.warehouse().equals(device.warehouse())) {
                problems.add(new FieldProblem("warehouse", "device " + device.deviceId()
                        + " works in warehouse " + device.warehouse() + ", not " + op.warehouse()));
                code = ResultCodes.INVALID;
            }
            if (op.deviceId() != null && !op.deviceId().equals(device.deviceId())) {
                problems.add(new FieldProblem("deviceId", "is '" + op.deviceId()
                        + "' but the request comes from device " + device.deviceId()));
                code = ResultCodes.INVALID;
            }
            if (problems.isEmpty()) {
                valid.add(op);
            } else {
                outcome.rejected().add(new Refused(op.opId(), code, problems));
            }
        }
        if (valid.isEmpty()) {
            return CompletableFuture.completedFuture(outcome);
        }
        return append(valid, device).thenApply(results -> {
            for (AppendResult r : results) {
                if (r.kind() == AppendResult.Kind.CONFLICT) {
                    // The outbox's message names the first use's device and seq; another tenant may be asking
                    // (issue 22 finding 6f), so the answer says only that the id is taken, the log says the rest.
                    LOG.info("device {} reused opId {}: {}", device.deviceId(), LogText.safe(r.opId()),
                            LogText.safe(r.message()));
                    outcome.rejected().add(new Refused(r.opId(), ResultCodes.OP_ID_REUSED,
                            List.of(new FieldProblem("opId", OP_ID_REUSED_MESSAGE))));
                } else {
                    outcome.accepted().add(r.opId());
                }
            }
            return outcome;
        });
    }

    private CompletableFuture<List<AppendResult>> append(List<Operation> ops, DevicePrincipal device) {
        long timeoutMillis = appendTimeoutMillis;
        CompletableFuture<List<AppendResult>> answer = new CompletableFuture<>();
        engine.outbox().append(ops, device.deviceId())
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((results, failure) -> {
                    if (failure == null) {
                        answer.complete(results);
                    } else {
                        answer.completeExceptionally(problem(failure, timeoutMillis));
                    }
                });
        return answer;
    }

    private static GatewayProblem problem(Throwable failure, long timeoutMillis) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof DiskFullException) {
            // The exception names the data folder and SQLite's words; the device gets figures only. Not logged
            // here: ProblemHandler logs every refusal once, and on a full disk each log line costs space too.
            return new GatewayProblem(ProblemCode.DISK_FULL, diskFullMessage((DiskFullException) cause));
        }
        if (cause instanceof TimeoutException) {
            return new GatewayProblem(ProblemCode.OUTBOX_BUSY, "the outbox did not commit within " + timeoutMillis
                    + " ms; retry with the same opIds");
        }
        GatewayProblem problem = new GatewayProblem(ProblemCode.OUTBOX_UNAVAILABLE,
                "the outbox could not store the operations: " + cause.getMessage());
        problem.initCause(cause);
        return problem;
    }

    /** The 507 body's message: free bytes and the floor, no path (issue 18: errors carry no internals). */
    public static String diskFullMessage(DiskFullException full) {
        String free = full.freeBytes() < 0 ? "unknown" : Long.toString(full.freeBytes());
        return "disk full: " + free + " bytes usable on the gateway's data disk"
                + (full.floorBytes() > 0 ? ", below the floor of " + full.floorBytes() + " bytes (fg.sync.disk-floor)"
                        // not "SQLite": ClientMessages would take the name for an internal and answer its
                        // generic text instead (GatewayDiskFullTest saw it when the disk filled before the floor)
                        : ", the write did not fit")
                + "; nothing was stored, retry later with the same opIds";
    }

    /**
     * The device's clock against core time: from the time it says it sent the request, else from the newest
     * {@code occurredAt} of its operations (an upper bound of how far behind it is: an operation queued on the
     * device for a while looks older).
     */
    private void noteDeviceClock(DevicePrincipal device, List<Operation> ops, Instant deviceTime) {
        if (deviceTime != null) {
            clocks.pdaSaid(device.deviceId(), deviceTime, SiteClocks.Source.HEADER);
            return;
        }
        Instant newest = null;
        for (Operation op : ops) {
            if (op.occurredAt() != null) {
                try {
                    Instant t = Instant.parse(op.occurredAt());
                    newest = newest == null || t.isAfter(newest) ? t : newest;
                } catch (DateTimeParseException e) {
                    // the validator names it; it says nothing about the clock
                }
            }
        }
        if (newest != null) {
            clocks.pdaSaid(device.deviceId(), newest, SiteClocks.Source.OCCURRED_AT);
        }
    }

    /**
     * Fills what the device may leave out; what it sent stays as sent (the fingerprint covers it). The receive time
     * is the gateway's, in core time, whatever the device sent in its place; it is not part of the fingerprint.
     */
    private static Operation bind(Operation op, DevicePrincipal device, String operator, String receivedAt) {
        Operation.Builder b = op.toBuilder().receivedAt(receivedAt);
        if (op.tenant() == null) {
            b.tenant(device.tenant());
        }
        if (op.warehouse() == null) {
            b.warehouse(device.warehouse());
        }
        if (op.deviceId() == null) {
            b.deviceId(device.deviceId());
        }
        if (op.operator() == null && operator != null) {
            b.operator(operator);
        }
        return b.build();
    }
}
