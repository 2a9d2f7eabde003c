package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.internal.access.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code POST /api/v1/admin/printers {"name": "pack-4", "url": "tcp://10.0.4.24:9100", "description": "..."}}: site
 * IT adopts a printer that discovery found, without a restart (201 with the printer; 400 naming the bad field; 409
 * when the name is taken). Recorded in gateway.db and in the admin audit list.
 */
@Controller("/api/v1/admin/printers")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PrinterAdoptionController {
    private final PrinterRegistry printers;
    private final RequestAuth auth;

    PrinterAdoptionController(PrinterRegistry printers, RequestAuth auth) {
        this.printers = printers;
        this.auth = auth;
    }

    @Post
    HttpResponse<Map<String, Object>> adopt(HttpRequest<?> request, @Body Map<String, Object> body)
            throws SQLException {
        auth.admin(request);
        try {
            PrinterRegistry.PrinterView p = printers.adopt(text(body, "name"), text(body, "url"),
                    text(body, "description"), "site IT");
            return HttpResponse.created(Map.of("name", p.name, "url", p.url, "state", p.state.name()));
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        } catch (IllegalStateException e) {
            throw new GatewayProblem(ProblemCode.PRINTER_EXISTS, e.getMessage());
        }
    }

    private static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        return v instanceof String ? (String) v : null;
    }
}
