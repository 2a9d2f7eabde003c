package dev.floorgate.gateway.internal;

import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncStats;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: 200 while the gateway serves (it serves in offline mode too: operations queue), 503 when
 * its own database does not answer. The body says what site IT needs at a glance: is the core reachable, how
 * many operations wait and how old the oldest is.
 */
@Controller("/health")
final class HealthController {
    private final GatewayDatabase database;
    private final SyncEngine sync;

    HealthController(GatewayDatabase database, SyncEngine sync) {
        this.database = database;
        this.sync = sync;
    }

    @Get
    HttpResponse<Map<String, Object>> health() {
        boolean dbUp = database.healthy();
        SyncStats s = sync.stats();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dbUp ? "UP" : "DOWN");
        body.put("mode", s.offline() ? "offline" : "online");
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("configured", !s.offline());
        core.put("reachable", s.coreReachable());
        core.put("checkedAt", s.coreCheckedAt() == null ? null : s.coreCheckedAt().toString());
        core.put("lastSyncAt", s.lastSuccessfulSyncAt() == null ? null : s.lastSuccessfulSyncAt().toString());
        core.put("lastError", s.lastError());
        body.put("core", core);
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("unsynced", s.unsyncedOps());
        queue.put("oldestUnsyncedAgeSeconds", s.oldestUnsyncedAge().toSeconds());
        body.put("queue", queue);
        body.put("cacheAgeSeconds", s.cacheAge() == null ? null : s.cacheAge().toSeconds());
        body.put("diskFreeBytes", s.diskFreeBytes());
        return dbUp ? HttpResponse.ok(body) : HttpResponse.serverError(body);
    }
}
