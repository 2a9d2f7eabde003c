package dev.floorgate.core.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/admin/replenishment/publish[?tenant=&warehouse=]} (bearer {@code fg.core.admin-token}, like
 * OrderAdminController): publishes the suggestions due for an order as {@code replenishment.suggested} events now,
 * for one warehouse or, without parameters, for every warehouse as the schedule does (EVENTS.md, section 3). The
 * same day again gives the same event ids. 409 {@code BUS_OFF} when the core has no bus.
 */
@Controller("/v1/admin/replenishment")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReplenishmentAdminController {
    private final RequestGuard guard;
    private final SuggestionPublishJob job;

    ReplenishmentAdminController(RequestGuard guard, @Nullable SuggestionPublishJob job) {
        this.guard = guard;
        this.job = job;
    }

    /** One warehouse's publish: the SKUs due for an order and the event id each went out with. */
    @Serdeable
    record Warehouse(String tenant, String warehouse, String day, List<String> skus, List<String> eventIds) {
    }

    /** The answer: what was handed to the outbox, per warehouse. */
    @Serdeable
    record Answer(int events, List<Warehouse> warehouses) {
    }

    @Post(uri = "/publish", consumes = MediaType.ALL)
    Answer publish(HttpRequest<?> request, @Nullable @QueryValue String tenant, @Nullable @QueryValue String warehouse)
            throws SQLException {
        guard.requireAdmin(request);
        if (job == null) {
            throw new ApiException(HttpStatus.CONFLICT, "BUS_OFF", "replenishment suggestions are published as "
                    + "events only with a bus: set fg.bus.uri (EVENTS.md)");
        }
        List<SuggestionPublishJob.Published> done;
        if (tenant == null && warehouse == null) {
            done = job.runAll();
        } else {
            done = List.of(job.publish(Inputs.code("tenant", tenant), Inputs.code("warehouse", warehouse)));
        }
        List<Warehouse> out = new ArrayList<>();
        int events = 0;
        for (SuggestionPublishJob.Published p : done) {
            out.add(new Warehouse(p.tenant(), p.warehouse(), p.day().toString(), p.skus(), p.eventIds()));
            events += p.eventIds().size();
        }
        return new Answer(events, out);
    }
}
