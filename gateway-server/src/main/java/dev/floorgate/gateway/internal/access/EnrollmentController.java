package dev.floorgate.gateway.internal.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enrollment (API.md): site IT makes a one-time code, a device spends it for its bearer token.
 * {@code POST /api/v1/admin/enrollment-codes}, {@code POST /api/v1/devices/enroll},
 * {@code GET /api/v1/admin/devices}, {@code POST /api/v1/admin/devices/{deviceId}/revoke}.
 */
@Controller("/api/v1")
final class EnrollmentController {
    private final DeviceRegistry devices;
    private final RequestAuth auth;

    EnrollmentController(DeviceRegistry devices, RequestAuth auth) {
        this.devices = devices;
        this.auth = auth;
    }

    @Post("/admin/enrollment-codes")
    HttpResponse<Map<String, Object>> createCode(HttpRequest<?> request, @Body Map<String, Object> body)
            throws SQLException {
        auth.admin(request);
        Object minutes = body.get("ttlMinutes");
        Duration ttl = minutes instanceof Number ? Duration.ofMinutes(((Number) minutes).longValue())
                : DeviceRegistry.DEFAULT_CODE_TTL;
        DeviceRegistry.EnrollmentCode code = devices.createEnrollmentCode(str(body, "tenant"),
                str(body, "warehouse"), ttl);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code.code);
        out.put("tenant", code.tenant);
        out.put("warehouse", code.warehouse);
        out.put("expiresAt", code.expiresAt.toString());
        return HttpResponse.created(out);
    }

    @Post("/devices/enroll")
    Map<String, Object> enroll(@Body Map<String, Object> body) throws SQLException {
        String token = devices.enroll(str(body, "code"), str(body, "deviceId"), str(body, "kind"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("deviceId", body.get("deviceId"));
        return out;
    }

    @Get("/admin/devices")
    List<DeviceRegistry.EnrolledDevice> list(HttpRequest<?> request) throws SQLException {
        auth.admin(request);
        return devices.list();
    }

    @Post("/admin/devices/{deviceId}/revoke")
    Map<String, Object> revoke(HttpRequest<?> request, @PathVariable String deviceId) throws SQLException {
        auth.admin(request);
        return Map.of("deviceId", deviceId, "revoked", devices.revoke(deviceId));
    }

    private static String str(Map<String, Object> body, String field) {
        Object v = body.get(field);
        return v instanceof String ? (String) v : null;
    }
}
