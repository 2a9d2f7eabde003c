package dev.floorgate.gateway.internal;

import dev.floorgate.gateway.CoreLinkConfiguration;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: 200 while the gateway serves; the body says what site IT needs to know at a glance. */
@Controller("/health")
final class HealthController {
    private final GatewayDatabase database;
    private final CoreLinkConfiguration core;

    HealthController(GatewayDatabase database, CoreLinkConfiguration core) {
        this.database = database;
        this.core = core;
    }

    @Get
    HttpResponse<Map<String, Object>> health() {
        boolean dbUp = database.healthy();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dbUp ? "UP" : "DOWN");
        body.put("mode", core.isOnline() ? "online" : "offline");
        body.put("database", database.file().toString());
        Map<String, Object> coreState = new LinkedHashMap<>();
        coreState.put("configured", core.isOnline());
        body.put("core", coreState);
        return dbUp ? HttpResponse.ok(body) : HttpResponse.serverError(body);
    }
}
