package dev.floorgate.core.internal;

import dev.floorgate.protocol.ApiKey;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;

/** {@code GET /v1/changes?warehouse=&since=&limit=}: the gateway's cache feed, for the signing key's tenants only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class ChangesController {
    private final RequestGuard guard;
    private final ChangesFeed feed;
    private final TrafficLanes lanes;

    ChangesController(RequestGuard guard, ChangesFeed feed, TrafficLanes lanes) {
        this.guard = guard;
        this.feed = feed;
        this.lanes = lanes;
    }

    /** SKUs, locations and orders changed after the cursor {@code since}, oldest change first. */
    @Get("/v1/changes")
    ChangesFeed.Page changes(HttpRequest<?> request, @Nullable @QueryValue String warehouse,
            @Nullable @QueryValue String since, @Nullable @QueryValue String limit) throws SQLException {
        ApiKey key = guard.verify(request, new byte[0]);
        long cursor = 0;
        if (since != null && !since.isEmpty()) {
            try {
                cursor = Long.parseLong(since);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(ResultCodes.INVALID, "since: not a cursor this core issued: '"
                        + (since.length() > 40 ? since.substring(0, 40) + "..." : since) + "'");
            }
        }
        int n = 500;
        if (limit != null && !limit.isEmpty()) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > ChangesFeed.MAX_LIMIT) {
                throw ApiException.badRequest(ResultCodes.INVALID, "limit: must be 1.." + ChangesFeed.MAX_LIMIT
                        + ", was '" + limit + "'");
            }
        }
        String wh = warehouse == null || warehouse.isEmpty() ? null : warehouse;
        long from = cursor;
        int count = n;
        return lanes.run(TrafficLanes.Lane.SYNC, () -> feed.read(key.tenants(), wh, from, count));
    }
}
