package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;

/**
 * Per-tenant gray-release switches (issue 14), admin token like the other admin calls:
 * {@code GET /v1/admin/switches/{tenant}} every switch as in force, {@code PUT /v1/admin/switches/{tenant}/{name}}
 * with {@code {"enabled": true|false}}. Every core instance follows within {@code fg.core.switches.refresh}.
 */
@Controller("/v1/admin/switches")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SwitchesAdminController {
    private final RequestGuard guard;
    private final TenantSwitches switches;
    private final JsonMapper json;

    SwitchesAdminController(RequestGuard guard, TenantSwitches switches, JsonMapper json) {
        this.guard = guard;
        this.switches = switches;
        this.json = json;
    }

    /** The body of PUT /v1/admin/switches/{tenant}/{name}. */
    @Serdeable
    record SwitchBody(@Nullable Boolean enabled) {
    }

    @Get("/{tenant}")
    Map<String, Boolean> read(HttpRequest<?> request, @PathVariable String tenant) {
        guard.requireAdmin(request);
        return switches.of(Inputs.code("tenant", tenant));
    }

    @Put(uri = "/{tenant}/{name}", consumes = MediaType.ALL)
    Map<String, Boolean> set(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String name,
            @Nullable @Body byte[] body) throws SQLException, IOException {
        guard.requireAdmin(request);
        String t = Inputs.code("tenant", tenant);
        TenantSwitches.Switch s = TenantSwitches.Switch.parse(name);
        if (s == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, "unknown switch " + name + "; known: "
                    + switches.of(t).keySet());
        }
        SwitchBody b = Inputs.read(json, body == null ? new byte[0] : body, SwitchBody.class);
        if (b.enabled() == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, "enabled is required (true or false)");
        }
        switches.set(t, s, b.enabled());
        return switches.of(t);
    }
}
