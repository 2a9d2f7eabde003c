package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    CompletableFuture<HttpResponse<Map<String, Object>>> submit(HttpRequest<?> request, @Body String body)
            throws SQLException {
        DevicePrincipal device = auth.device(request);
        return intake.submitAsync(device, body).thenApply(OperationsController::answer);
    }

    private static HttpResponse<Map<String, Object>> answer(OperationIntake.Outcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (outcome.rejected().isEmpty()) {
            out.put("accepted", outcome.accepted());
            return HttpResponse.status(HttpStatus.ACCEPTED).body(out);
        }
        out.put("error", "INVALID_OPERATIONS");
        out.put("message", outcome.rejected().size() + " of " + (outcome.rejected().size()
                + outcome.accepted().size()) + " operations refused; the others are accepted");
        out.put("accepted", outcome.accepted());
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (OperationIntake.Refused r : outcome.rejected()) {
            List<Map<String, Object>> problems = new ArrayList<>();
            for (OperationIntake.FieldProblem p : r.problems()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", p.field());
                m.put("message", p.message());
                problems.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("opId", r.opId());
            m.put("code", r.code());
            m.put("problems", problems);
            rejected.add(m);
        }
        out.put("rejected", rejected);
        return HttpResponse.<Map<String, Object>>status(HttpStatus.UNPROCESSABLE_ENTITY).body(out);
    }

    @Get("/{opId}")
    Map<String, Object> state(HttpRequest<?> request, @PathVariable String opId) {
        DevicePrincipal device = auth.device(request);
        StoredOperation op = engine.outbox().find(opId)
                .filter(o -> o.tenant().equals(device.tenant()))
                .orElseThrow(() -> GatewayProblem.notFound("no operation " + opId + " for tenant " + device.tenant()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("opId", op.opId());
        out.put("state", op.state().name());
        out.put("result", op.result() == null ? null : SyncResultEvents.resultData(op.result()));
        out.put("acceptedAt", op.acceptedAt().toString());
        out.put("syncedAt", op.syncedAt() == null ? null : op.syncedAt().toString());
        out.put("deviceId", op.deviceId());
        return out;
    }
}
