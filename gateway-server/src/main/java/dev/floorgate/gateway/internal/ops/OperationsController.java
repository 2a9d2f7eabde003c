package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.lan.OperationRejection;
import dev.floorgate.lan.OperationStatus;
import dev.floorgate.lan.SubmitResult;
import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.SignedHeaders;
import dev.floorgate.sync.StoredOperation;
import dev.floorgate.sync.SyncEngine;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/operations} (202 only after the operations are durable; 422 naming each refused op's
 * problems, the valid ones of the same request still accepted; 403 for another tenant; 507 disk guard) and
 * {@code GET /api/v1/operations/{opId}} (local state, then the core's result; 404 for another tenant's id).
 */
@Controller("/api/v1/operations")
@ExecuteOn(TaskExecutors.BLOCKING)
final class OperationsController {
    private final OperationIntake intake;
    private final SyncEngine engine;
    private final RequestAuth auth;

    OperationsController(OperationIntake intake, SyncEngine engine, RequestAuth auth) {
        this.intake = intake;
        this.engine = engine;
        this.auth = auth;
    }

    /**
     * Authenticates and validates on an io thread, then lets it go: the answer is written when the group commit
     * completes (a thread per waiting PDA was 32 io threads parked in the commit wait while scans queued).
     */
    @Post
    CompletableFuture<HttpResponse<SubmitResult>> submit(HttpRequest<?> request, @Body String body)
            throws SQLException {
        DevicePrincipal device = auth.device(request);
        return intake.submitAsync(device, body, deviceTime(request)).thenApply(OperationsController::answer);
    }

    /** {@code X-FG-Device-Time}, epoch ms; absent or unreadable: null (the clock is then judged by occurredAt). */
    private static Instant deviceTime(HttpRequest<?> request) {
        String v = request.getHeaders().get(SignedHeaders.DEVICE_TIME);
        try {
            return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpResponse<SubmitResult> answer(OperationIntake.Outcome outcome) {
        if (outcome.rejected().isEmpty()) {
            return HttpResponse.<SubmitResult>status(HttpStatus.ACCEPTED)
                    .body(new SubmitResult(null, null, outcome.accepted(), null));
        }
        List<OperationRejection> rejected = new ArrayList<>();
        for (OperationIntake.Refused r : outcome.rejected()) {
            List<FieldProblem> problems = new ArrayList<>();
            for (OperationIntake.FieldProblem p : r.problems()) {
                problems.add(new FieldProblem(p.field(), p.message()));
            }
            rejected.add(new OperationRejection(r.opId(), r.code(), null, problems));
        }
        String message = outcome.rejected().size() + " of " + (outcome.rejected().size()
                + outcome.accepted().size()) + " operations refused; the others are accepted";
        return HttpResponse.<SubmitResult>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new SubmitResult("INVALID_OPERATIONS", message, outcome.accepted(), rejected));
    }

    @Get("/{opId}")
    OperationStatus state(HttpRequest<?> request, @PathVariable String opId) {
        DevicePrincipal device = auth.device(request);
        StoredOperation op = engine.outbox().find(opId)
                .filter(o -> o.tenant().equals(device.tenant()))
                .orElseThrow(() -> GatewayProblem.notFound("no operation " + opId + " for tenant " + device.tenant()));
        return new OperationStatus(op.opId(), op.state().name(), op.result(), op.acceptedAt().toString(),
                op.syncedAt() == null ? null : op.syncedAt().toString(), op.deviceId());
    }
}
