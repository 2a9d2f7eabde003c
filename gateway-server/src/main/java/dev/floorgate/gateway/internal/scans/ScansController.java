package dev.floorgate.gateway.internal.scans;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.RequestAuth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

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
    Map<String, Object> scan(HttpRequest<?> request, @Body Map<String, Object> body) {
        DevicePrincipal device = auth.device(request);
        Object data = body.get("data");
        Object symbology = body.get("symbology");
        return decoder.decode(device.tenant(), device.warehouse(), data instanceof String ? (String) data : null,
                symbology instanceof String ? (String) symbology : null).toJson();
    }
}
