package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.OperatorSessions;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.sync.PickTask;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the picker app needs beyond the device API (device token required):
 * <ul>
 *   <li>{@code GET /api/v1/pick/context}: who the device is, the operator signed in on it, the gateway's name,
 *       the scanner settings site IT chose (fg.web.scan-*) and the site's time zone (fg.site.time-zone).</li>
 *   <li>{@code GET /api/v1/pick/tasks}: open pick tasks with each SKU's GTINs and barcodes, so the app can check an
 *       item scan itself while the gateway is out of reach.</li>
 *   <li>{@code GET /api/v1/pick/rejections}: this device's rejected operations nobody acknowledged yet;
 *       {@code POST /api/v1/pick/rejections/{opId}/ack {"operator"}} acknowledges one.</li>
 *   <li>{@code POST /api/v1/pick/status {"queued", "openRejections", "operator", "app"}}: the app's report of its
 *       offline queue, shown on site IT's page.</li>
 * </ul>
 */
@Controller("/api/v1/pick")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PickController {
    private final RequestAuth auth;
    private final SyncEngine engine;
    private final RejectionLog rejections;
    private final PickerReports reports;
    private final OperatorSessions operators;
    private final GatewayInfo info;
    private final WebConfiguration config;

    PickController(RequestAuth auth, SyncEngine engine, RejectionLog rejections, PickerReports reports,
            OperatorSessions operators, GatewayInfo info, WebConfiguration config) {
        this.auth = auth;
        this.engine = engine;
        this.rejections = rejections;
        this.reports = reports;
        this.operators = operators;
        this.info = info;
        this.config = config;
    }

    @Get("/context")
    PickViews.Context context(HttpRequest<?> request) throws SQLException {
        DevicePrincipal device = auth.device(request);
        PickViews.ScannerSettings scan = new PickViews.ScannerSettings(config.getScanMaxGap().toMillis(),
                config.getScanMinLength(), config.getScanSuffix(), config.getScanGsSubstitute(),
                config.getScanDuplicateWindow().toMillis());
        return new PickViews.Context(device.deviceId(), device.tenant(), device.warehouse(),
                operators.operator(device).orElse(null), info.name(), scan, info.timeZone());
    }

    @Get("/tasks")
    PickViews.Tasks tasks(HttpRequest<?> request) {
        DevicePrincipal device = auth.device(request);
        List<PickViews.Task> tasks = new ArrayList<>();
        for (PickTask t : engine.cache().openPickTasks(device.tenant(), device.warehouse())) {
            Optional<SkuItem> sku = engine.cache().findSku(device.tenant(), t.sku());
            tasks.add(new PickViews.Task(t.orderNo() + "/" + t.lineNo(), t.orderNo(), t.lineNo(), t.sku(),
                    sku.map(SkuItem::name).orElse(null), sku.map(SkuItem::unit).orElse(null),
                    sku.map(SkuItem::gtins).orElse(List.of()), sku.map(SkuItem::barcodes).orElse(List.of()),
                    t.location(), t.qty(), t.picked(), t.remaining()));
        }
        return new PickViews.Tasks(tasks, Instant.now().toString(),
                engine.cache().cacheAge().map(Duration::toSeconds).orElse(null));
    }

    @Get("/rejections")
    PickViews.Rejections rejections(HttpRequest<?> request) throws SQLException {
        DevicePrincipal device = auth.device(request);
        return new PickViews.Rejections(WebJson.rejections(rejections.open(device)));
    }

    @Post("/rejections/{opId}/ack")
    PickViews.Acknowledged acknowledge(HttpRequest<?> request, @PathVariable String opId,
            @Nullable @Body PickViews.Acknowledge body) throws SQLException {
        DevicePrincipal device = auth.device(request);
        RejectionLog.Acknowledgement ack = rejections.acknowledge(device, opId, body == null ? null : body.operator());
        return new PickViews.Acknowledged(WebJson.rejection(ack.rejection()), ack.changed());
    }

    @Post("/status")
    PickViews.StatusReceipt status(HttpRequest<?> request, @Body PickViews.StatusReport body) {
        DevicePrincipal device = auth.device(request);
        reports.put(device.deviceId(), new PickerReports.Report(count(body.queued()), count(body.openRejections()),
                clip(body.operator()), clip(body.app()), Instant.now()));
        return new PickViews.StatusReceipt(device.deviceId(), Instant.now().toString());
    }

    /** A count the app reported, kept to 0 .. Integer.MAX_VALUE; 0 when it sent none. */
    private static int count(Long n) {
        return n == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, n));
    }

    private static String clip(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }
}
