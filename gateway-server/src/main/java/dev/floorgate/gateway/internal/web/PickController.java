package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.OperatorSessions;
import dev.floorgate.gateway.internal.access.RequestAuth;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the picker app needs beyond the device API (device token required):
 * <ul>
 *   <li>{@code GET /api/v1/pick/context}: who the device is, the operator signed in on it, the gateway's name, and
 *       the scanner settings site IT chose (fg.web.scan-*).</li>
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
    Map<String, Object> context(HttpRequest<?> request) throws SQLException {
        DevicePrincipal device = auth.device(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceId", device.deviceId());
        out.put("tenant", device.tenant());
        out.put("warehouse", device.warehouse());
        out.put("operator", operators.operator(device).orElse(null));
        out.put("gateway", info.name());
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("maxGapMs", config.getScanMaxGap().toMillis());
        scan.put("minLength", config.getScanMinLength());
        scan.put("suffix", config.getScanSuffix());
        scan.put("gsSubstitute", config.getScanGsSubstitute());
        scan.put("duplicateWindowMs", config.getScanDuplicateWindow().toMillis());
        out.put("scanner", scan);
        return out;
    }

    @Get("/tasks")
    Map<String, Object> tasks(HttpRequest<?> request) {
        DevicePrincipal device = auth.device(request);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (PickTask t : engine.cache().openPickTasks(device.tenant(), device.warehouse())) {
            Optional<SkuItem> sku = engine.cache().findSku(device.tenant(), t.sku());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("taskId", t.orderNo() + "/" + t.lineNo());
            m.put("orderNo", t.orderNo());
            m.put("lineNo", t.lineNo());
            m.put("sku", t.sku());
            m.put("skuName", sku.map(SkuItem::name).orElse(null));
            m.put("unit", sku.map(SkuItem::unit).orElse(null));
            m.put("gtins", sku.map(SkuItem::gtins).orElse(List.of()));
            m.put("barcodes", sku.map(SkuItem::barcodes).orElse(List.of()));
            m.put("location", t.location());
            m.put("qty", t.qty());
            m.put("picked", t.picked());
            m.put("remaining", t.remaining());
            tasks.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tasks", tasks);
        out.put("at", Instant.now().toString());
        engine.cache().cacheAge().ifPresent(age -> out.put("cacheAgeSeconds", age.toSeconds()));
        return out;
    }

    @Get("/rejections")
    Map<String, Object> rejections(HttpRequest<?> request) throws SQLException {
        DevicePrincipal device = auth.device(request);
        return Map.of("rejections", WebJson.rejections(rejections.open(device)));
    }

    @Post("/rejections/{opId}/ack")
    Map<String, Object> acknowledge(HttpRequest<?> request, @PathVariable String opId,
            @Nullable @Body Map<String, Object> body) throws SQLException {
        DevicePrincipal device = auth.device(request);
        String operator = body == null ? null : AdminLoginController.text(body.get("operator"));
        RejectionLog.Acknowledgement ack = rejections.acknowledge(device, opId, operator);
        Map<String, Object> out = WebJson.rejection(ack.rejection());
        out.put("changed", ack.changed());
        return out;
    }

    @Post("/status")
    Map<String, Object> status(HttpRequest<?> request, @Body Map<String, Object> body) {
        DevicePrincipal device = auth.device(request);
        reports.put(device.deviceId(), new PickerReports.Report(count(body.get("queued")),
                count(body.get("openRejections")), clip(AdminLoginController.text(body.get("operator"))),
                clip(AdminLoginController.text(body.get("app"))), Instant.now()));
        return Map.of("deviceId", device.deviceId(), "serverTime", Instant.now().toString());
    }

    private static int count(Object o) {
        return o instanceof Number ? (int) Math.max(0, Math.min(Integer.MAX_VALUE, ((Number) o).longValue())) : 0;
    }

    private static String clip(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }
}
