package dev.floorgate.gateway.internal.scans;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.ScanRequest;
import dev.floorgate.lan.ScanResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code POST /api/v1/scans {"data": "...", "symbology": "]C1"}} -> the decoded scan for the device's tenant. */
@Controller("/api/v1/scans")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ScansController {
    private final ScanDecoder decoder;
    private final RequestAuth auth;

    ScansController(ScanDecoder decoder, RequestAuth auth) {
        this.decoder = decoder;
        this.auth = auth;
    }

    @Post
    ScanResult scan(HttpRequest<?> request, @Nullable @Body String body) throws LanJsonException {
        DevicePrincipal device = auth.device(request);
        ScanRequest scan = LanRequests.read(body, ScanRequest.class);
        return decoder.decode(device.tenant(), device.warehouse(), scan.data(), scan.symbology()).toView();
    }
}
