package dev.floorgate.core.internal;

import dev.floorgate.protocol.ApiKey;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/import/{kind}} (kind = warehouses, skus, locations, orders): a JSON array of 1 to 1000 rows,
 * signed like every /v1 call; each row's tenant must be one the key holds (else 403 for the whole batch). Answers
 * 200 {@code {"kind", "rows", "created", "updated", "unchanged", "rejected": [...]}} or 422 {@code INVALID_ROWS}
 * with {@code "rows": [{"index", "field", "problem"}]} and nothing imported (ImportService, IMPORT.md).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class ImportController {
    /** Below micronaut.server.max-request-size (8 MiB), so an oversized batch gets the API's 413 body. */
    static final int MAX_BODY = 6 * 1024 * 1024;
    private final RequestGuard guard;
    private final ImportService imports;
    private final TrafficLanes lanes;

    /** Builds its service here rather than in CoreBeans: the import adds no shared bean (and merges cleanly). */
    ImportController(RequestGuard guard, TenantDatabases db, JsonMapper json, MasterDataStore master, OrderService orders,
            LoadShedder shedder, TrafficLanes lanes) {
        this.guard = guard;
        this.lanes = lanes;
        this.imports = new ImportService(new ImportStore(db, json), master, orders, db, shedder);
    }

    @Post(uri = "/v1/import/{kind}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    Map<String, Object> importBatch(HttpRequest<?> request, @PathVariable String kind, @Nullable @Body byte[] body)
            throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, MAX_BODY);
        ApiKey key = guard.verify(request, bytes);
        ImportRows.Kind k;
        try {
            k = ImportRows.Kind.of(kind);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ResultCodes.INVALID, e.getMessage());
        }
        List<Map<String, Object>> rows = rows(bytes);
        return lanes.run(TrafficLanes.Lane.BULK, () -> imports.importRows(key, k, rows));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "request body is empty; expected a JSON array "
                    + "of rows");
        }
        JsonDepthLimit.check(bytes);
        Object v;
        try {
            v = ImportJson.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "not JSON: " + e.getMessage().split("\n")[0]);
        }
        if (!(v instanceof List<?> list)) {
            throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "expected a JSON array of row objects");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "row " + i + " is not a JSON object");
            }
            rows.add((Map<String, Object>) m);
        }
        return rows;
    }
}
