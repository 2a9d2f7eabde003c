package dev.floorgate.gateway.internal;

import dev.floorgate.gateway.internal.clock.SiteClocks;
import dev.floorgate.gateway.internal.photos.PhotoService;
import dev.floorgate.lan.Health;
import dev.floorgate.lan.HealthClock;
import dev.floorgate.lan.HealthCore;
import dev.floorgate.lan.HealthQueue;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncStats;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.time.Instant;

/**
 * {@code GET /health}: 200 while the gateway serves (it serves in offline mode too: operations queue), 503 when
 * its own database does not answer. The body says what site IT needs at a glance: is the core reachable, how
 * many operations wait and how old the oldest is, and how far the gateway's clock is from the core's: DEGRADED
 * (still 200) when it is off by more than {@code fg.clock.max-offset} or the core refuses the gateway's key; and
 * the parcel photo buffer (pending count and bytes, uploaded, failed, quota in use, the uploader's last error).
 */
@Controller("/health")
final class HealthController {
    private final GatewayDatabase database;
    private final SyncEngine sync;
    private final SiteClocks clocks;
    private final PhotoService photos;

    HealthController(GatewayDatabase database, SyncEngine sync, SiteClocks clocks, PhotoService photos) {
        this.database = database;
        this.sync = sync;
        this.clocks = clocks;
        this.photos = photos;
    }

    @Get
    HttpResponse<Health> health() {
        boolean dbUp = database.healthy();
        SyncStats s = sync.stats();
        HealthCore core = new HealthCore(!s.offline(), s.coreReachable(), iso(s.coreCheckedAt()),
                iso(s.lastSuccessfulSyncAt()),
                // a TLS refusal is the problem to fix now, whatever the last upload said
                s.coreTlsRefusal() != null ? s.coreTlsRefusal() : s.lastError(), s.coreUrl(), s.offline() ? null : s.coreFailovers());
        HealthQueue queue = new HealthQueue(s.unsyncedOps(), s.oldestUnsyncedAge().toSeconds());
        HealthClock clock = clocks.health();
        // DEGRADED still serves (200): operations are taken and kept; a person should fix the clock or the key.
        String status = !dbUp ? "DOWN" : clock.problem() != null ? "DEGRADED" : "UP";
        Health body = new Health(status, s.offline() ? "offline" : "online", core, queue,
                s.cacheAge() == null ? null : s.cacheAge().toSeconds(), s.diskFreeBytes(), clock,
                photos.health());
        return dbUp ? HttpResponse.ok(body) : HttpResponse.<Health>serverError().body(body);
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
