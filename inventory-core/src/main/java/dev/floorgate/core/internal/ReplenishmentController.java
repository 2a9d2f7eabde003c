package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.replenishment.ReplenishmentSettings;
import dev.floorgate.replenishment.Suggestion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Replenishment (CORE-API.md, "Replenishment"): {@code GET /v1/replenishment?tenant=&warehouse=[&format=csv]}, the
 * suggestions of one warehouse, and {@code PUT /v1/replenishment/settings/{tenant}/{warehouse}/{sku}}, one SKU's
 * settings. Signed like every /v1 call, for the key's tenants only.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReplenishmentController {
    private final RequestGuard guard;
    private final ReplenishmentService service;
    private final ReplenishmentSettingsStore settings;
    private final JsonMapper json;

    ReplenishmentController(RequestGuard guard, ReplenishmentService service, ReplenishmentSettingsStore settings,
            JsonMapper json) {
        this.guard = guard;
        this.service = service;
        this.settings = settings;
        this.json = json;
    }

    /** The body of PUT .../settings and the settings of an item. */
    @Serdeable
    record SettingsBody(@Nullable Integer leadTimeDays, @Nullable Integer reviewPeriodDays,
            @Nullable Double serviceLevel, @Nullable Long moq, @Nullable Long packSize) {
    }

    /** One SKU of the answer. */
    @Serdeable
    record Item(String sku, boolean reorder, long orderQty, long position, long onHand, long reorderPoint,
            long orderUpTo, long safetyStock, double dailyForecast, double leadTimeDemand, double errorSd,
            String method, int censoredDays, SettingsBody settings) {
    }

    /** The answer of GET /v1/replenishment. */
    @Serdeable
    record Page(String tenant, String warehouse, String day, int historyDays, List<Item> items) {
    }

    @Get(uri = "/v1/replenishment", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> suggestions(HttpRequest<?> request, @Nullable @QueryValue String tenant,
            @Nullable @QueryValue String warehouse, @Nullable @QueryValue String format) throws SQLException {
        RequestGuard.requireTenant(guard.verify(request, new byte[0]), Inputs.code("tenant", tenant));
        Inputs.code("warehouse", warehouse);
        boolean csv = "csv".equals(format);
        if (format != null && !csv && !"json".equals(format)) {
            throw ApiException.badRequest(ResultCodes.INVALID, "format: must be json or csv, was '"
                    + Inputs.clip(format) + "'");
        }
        Page page = page(service.suggest(tenant, warehouse));
        if (csv) {
            return HttpResponse.ok(SuggestionCsv.write(page)).contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"replenishment-" + tenant + "-" + warehouse
                            + "-" + page.day() + ".csv\"");
        }
        return HttpResponse.ok(page).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Creates or replaces one SKU's settings; a field left out takes the configured default. */
    @Put(uri = "/v1/replenishment/settings/{tenant}/{warehouse}/{sku}", consumes = MediaType.ALL)
    SettingsBody putSettings(HttpRequest<?> request, String tenant, String warehouse, String sku,
            @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, Inputs.MAX_BODY);
        RequestGuard.requireTenant(guard.verify(request, bytes), tenant);
        Inputs.code("warehouse", warehouse);
        Inputs.text("sku", sku, 128, true);
        SettingsBody b = Inputs.read(json, bytes, SettingsBody.class);
        ReplenishmentSettings d = settings.defaults();
        ReplenishmentSettings s;
        try {
            s = new ReplenishmentSettings(b.leadTimeDays() == null ? d.leadTimeDays() : b.leadTimeDays(),
                    b.reviewPeriodDays() == null ? d.reviewPeriodDays() : b.reviewPeriodDays(),
                    b.serviceLevel() == null ? d.serviceLevel() : b.serviceLevel(),
                    b.moq() == null ? d.moq() : b.moq(), b.packSize() == null ? d.packSize() : b.packSize());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ResultCodes.INVALID, e.getMessage());
        }
        settings.write(tenant, warehouse, sku, s);
        return body(s);
    }

    private static Page page(ReplenishmentService.Report report) {
        List<Item> items = new ArrayList<>();
        for (ReplenishmentService.Item i : report.items()) {
            Suggestion s = i.suggestion();
            items.add(new Item(s.sku(), s.reorder(), s.orderQty(), s.position(), i.onHand(), s.reorderPoint(),
                    s.orderUpTo(), s.safetyStock(), round(s.dailyForecast()), round(s.leadTimeDemand()),
                    round(s.errorSd()), s.method(), s.censoredDays(), body(s.settings())));
        }
        return new Page(report.tenant(), report.warehouse(), report.day().toString(), report.historyDays(), items);
    }

    private static SettingsBody body(ReplenishmentSettings s) {
        return new SettingsBody(s.leadTimeDays(), s.reviewPeriodDays(), s.serviceLevel(), s.moq(), s.packSize());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
