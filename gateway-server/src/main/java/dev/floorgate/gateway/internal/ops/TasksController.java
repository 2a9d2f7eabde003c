package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.lan.PickTasks;
import dev.floorgate.sync.PickTask;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/tasks?type=PICK}: open pick tasks of the device's tenant and warehouse from the gateway's
 * cache, so pickers keep working while the WAN is down.
 */
@Controller("/api/v1/tasks")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TasksController {
    private final SyncEngine engine;
    private final RequestAuth auth;

    TasksController(SyncEngine engine, RequestAuth auth) {
        this.engine = engine;
        this.auth = auth;
    }

    @Get
    PickTasks tasks(HttpRequest<?> request, @Nullable @QueryValue String type) {
        DevicePrincipal device = auth.device(request);
        if (type != null && !type.equals("PICK")) {
            throw GatewayProblem.invalid("type: only PICK tasks exist, was '" + type + "'");
        }
        List<dev.floorgate.lan.PickTask> tasks = new ArrayList<>();
        Map<String, String> names = new HashMap<>(); // one cache read per SKU, not per task line
        for (PickTask t : engine.cache().openPickTasks(device.tenant(), device.warehouse())) {
            tasks.add(dev.floorgate.lan.PickTask.builder()
                    .taskId(t.orderNo() + "/" + t.lineNo())
                    .orderNo(t.orderNo())
                    .lineNo(t.lineNo())
                    .sku(t.sku())
                    .skuName(names.computeIfAbsent(t.sku(), sku ->
                            engine.cache().findSku(device.tenant(), sku).map(SkuItem::name).orElse("")))
                    .location(t.location())
                    .qty(t.qty())
                    .picked(t.picked())
                    .remaining(t.remaining())
                    .warehouse(t.warehouse())
                    .build());
        }
        Long cacheAge = engine.cache().cacheAge().map(Duration::toSeconds).orElse(null);
        return new PickTasks(tasks, cacheAge);
    }
}
