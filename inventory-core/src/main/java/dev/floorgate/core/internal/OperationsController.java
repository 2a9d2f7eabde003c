package dev.floorgate.core.internal;

import dev.floorgate.core.StockService;
import dev.floorgate.protocol.ApiKey;
import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /v1/operations:batch}: checks the request (size 413, signature 401, JSON 400, count 413, tenants
 * 403, in that order; nothing is applied when any fails) and hands the operations to {@link StockService}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class OperationsController {
    private final RequestGuard guard;
    private final StockService stock;
    private final TrafficLanes lanes;

    OperationsController(RequestGuard guard, StockService stock, TrafficLanes lanes) {
        this.guard = guard;
        this.stock = stock;
        this.lanes = lanes;
    }

    /** Applies a batch of operations in order; one result per operation, in request order. */
    @Post(uri = "/v1/operations:batch", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> batch(HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > BatchRequest.MAX_BYTES) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ResultCodes.BATCH_TOO_LARGE, "batch of "
                    + bytes.length + " bytes exceeds " + BatchRequest.MAX_BYTES + " bytes");
        }
        ApiKey key = guard.verify(request, bytes);
        JsonDepthLimit.check(bytes);
        BatchRequest batch = OperationJson.readBatch(new String(bytes, StandardCharsets.UTF_8));
        List<Operation> ops = batch.operations();
        if (ops.size() > BatchRequest.MAX_OPERATIONS) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ResultCodes.BATCH_TOO_LARGE, "batch of "
                    + ops.size() + " operations exceeds " + BatchRequest.MAX_OPERATIONS);
        }
        for (Operation op : ops) {
            // An operation without a tenant is invalid and answered per operation; any other tenant must be held.
            if (op.tenant() != null && !op.tenant().isEmpty()) {
                RequestGuard.requireTenant(key, op.tenant());
            }
        }
        // Real-time, bulk (X-FG-Lane: bulk or a large batch) or the hot lane; a full lane is 429 (TrafficLanes).
        TrafficLanes.Lane lane = lanes.laneFor(ops, request.getHeaders().get(TrafficLanes.HEADER));
        List<OperationResult> results = lanes.run(lane, () -> stock.apply(ops));
        return HttpResponse.ok(OperationJson.writeResults(results)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
