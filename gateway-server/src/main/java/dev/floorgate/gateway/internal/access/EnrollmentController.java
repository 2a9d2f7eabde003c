package dev.floorgate.gateway.internal.access;

import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.lan.DeviceRevocation;
import dev.floorgate.lan.EnrollRequest;
import dev.floorgate.lan.EnrollResult;
import dev.floorgate.lan.EnrolledDevice;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.lan.EnrollmentCodeRequest;
import dev.floorgate.lan.LanJsonException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.sql.SQLException;
import java.util.List;

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
    HttpResponse<EnrollmentCode> createCode(HttpRequest<?> request, @Nullable @Body String body)
            throws SQLException, LanJsonException {
        auth.admin(request);
        EnrollmentCodeRequest asked = LanRequests.read(body, EnrollmentCodeRequest.class);
        DeviceRegistry.EnrollmentCode code = devices.createEnrollmentCode(asked.tenant(), asked.warehouse(),
                asked.ttlMinutes(), asked.deviceId());
        return HttpResponse.created(new EnrollmentCode(code.code, code.tenant, code.warehouse,
                code.expiresAt.toString()));
    }

    @Post("/devices/enroll")
    EnrollResult enroll(HttpRequest<?> request, @Nullable @Body String body) throws SQLException, LanJsonException {
        EnrollRequest asked = LanRequests.read(body, EnrollRequest.class);
        java.net.InetSocketAddress peer = request.getRemoteAddress();
        String source = peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
        String token = devices.enroll(asked.code(), asked.deviceId(), asked.kind(), source);
        return new EnrollResult(token, asked.deviceId());
    }

    @Get("/admin/devices")
    List<EnrolledDevice> list(HttpRequest<?> request) throws SQLException {
        auth.admin(request);
        return DeviceViews.views(devices.list());
    }

    @Post("/admin/devices/{deviceId}/revoke")
    DeviceRevocation revoke(HttpRequest<?> request, @PathVariable String deviceId) throws SQLException {
        auth.admin(request);
        return new DeviceRevocation(deviceId, devices.revoke(deviceId));
    }
}
