package dev.floorgate.core.internal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;

/**
 * The order saga's admin endpoints (bearer {@code fg.core.admin-token}, like AdminController):
 * {@code GET /v1/admin/orders/stuck} the last scan's report, {@code POST /v1/admin/orders/scan} repair and scan now.
 */
@Controller("/v1/admin/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
final class OrderAdminController {
    private final RequestGuard guard;
    private final OrderSagaMonitor monitor;

    OrderAdminController(RequestGuard guard, OrderSagaMonitor monitor) {
        this.guard = guard;
        this.monitor = monitor;
    }

    /** The last scan: orders stuck longer than fg.core.orders.stuck-after, and what the compensation task did. */
    @Get("/stuck")
    OrderSagaMonitor.Report stuck(HttpRequest<?> request) {
        guard.requireAdmin(request);
        OrderSagaMonitor.Report last = monitor.last();
        if (last == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "NO_REPORT", "no order scan has run yet; POST "
                    + "/v1/admin/orders/scan runs one");
        }
        return last;
    }

    /** Runs the compensation task and the stuck scan now and returns the report. */
    @Post(uri = "/scan", consumes = MediaType.ALL)
    OrderSagaMonitor.Report scan(HttpRequest<?> request) throws SQLException {
        guard.requireAdmin(request);
        return monitor.run();
    }
}
