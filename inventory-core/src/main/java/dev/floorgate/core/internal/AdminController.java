package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Central IT's calls, {@code Authorization: Bearer <fg.core.admin-token>} (closed when unset):
 * {@code GET /v1/admin/reconcile} the last report, {@code POST /v1/admin/reconcile} run one now,
 * {@code POST /v1/admin/corrections} set one record's figures, recorded with reason and actor.
 */
@Controller("/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminController {
    private final RequestGuard guard;
    private final Reconciler reconciler;
    private final CorrectionService corrections;
    private final JsonMapper json;
    private final TrafficLanes lanes;

    AdminController(RequestGuard guard, Reconciler reconciler, CorrectionService corrections, JsonMapper json,
            TrafficLanes lanes) {
        this.guard = guard;
        this.lanes = lanes;
        this.reconciler = reconciler;
        this.corrections = corrections;
        this.json = json;
    }

    /** The body of POST /v1/admin/corrections. */
    @Serdeable
    record CorrectionBody(@Nullable String tenant, @Nullable String warehouse, @Nullable String sku,
            @Nullable Long onHand, @Nullable Long usable, @Nullable Long reserved, @Nullable String reason,
            @Nullable String actor) {
    }

    /** The report of the last reconciliation run (scheduled or on demand). */
    @Get("/reconcile")
    ReconcileReport lastReport(HttpRequest<?> request) {
        guard.requireAdmin(request);
        ReconcileReport last = reconciler.last();
        if (last == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "NO_REPORT", "no reconciliation has run yet; POST "
                    + "/v1/admin/reconcile runs one");
        }
        return last;
    }

    /** Runs a reconciliation now and returns its report. */
    @Post(uri = "/reconcile", consumes = MediaType.ALL)
    ReconcileReport run(HttpRequest<?> request) throws SQLException {
        guard.requireAdmin(request);
        return lanes.run(TrafficLanes.Lane.SYNC, () -> reconciler.run("admin")); // the sync lane (issue 14)
    }

    /** Sets one stock record's figures in Redis and, through the write-back, in MySQL; recorded. */
    @Post(uri = "/corrections", consumes = MediaType.ALL)
    CorrectionService.Outcome correct(HttpRequest<?> request, @Nullable @Body byte[] body)
            throws SQLException, IOException {
        guard.requireAdmin(request);
        CorrectionBody b = Inputs.read(json, body == null ? new byte[0] : body, CorrectionBody.class);
        String tenant = Inputs.code("tenant", b.tenant());
        String warehouse = Inputs.code("warehouse", b.warehouse());
        String sku = Inputs.text("sku", b.sku(), 128, true);
        long onHand = Inputs.nonNegative("onHand", b.onHand());
        long usable = Inputs.nonNegative("usable", b.usable());
        long reserved = Inputs.nonNegative("reserved", b.reserved());
        if (onHand != usable + reserved) {
            throw ApiException.badRequest(ResultCodes.INVALID, "onHand " + onHand + " must equal usable " + usable
                    + " + reserved " + reserved);
        }
        String reason = Inputs.text("reason", b.reason(), 1024, true);
        String actor = b.actor() == null ? "admin" : Inputs.text("actor", b.actor(), 128, true);
        return corrections.correct(tenant, warehouse, sku, onHand, usable, reserved, reason, actor);
    }
}
