package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.lan.AdoptedPrinter;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.PrinterAdoption;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;

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
    HttpResponse<AdoptedPrinter> adopt(HttpRequest<?> request, @Nullable @Body String body)
            throws SQLException, LanJsonException {
        auth.admin(request);
        PrinterAdoption asked = LanRequests.read(body, PrinterAdoption.class);
        try {
            PrinterRegistry.PrinterView p = printers.adopt(asked.name(), asked.url(), asked.description(), "site IT");
            return HttpResponse.created(new AdoptedPrinter(p.name, p.url, p.state.name()));
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        } catch (IllegalStateException e) {
            throw new GatewayProblem(ProblemCode.PRINTER_EXISTS, e.getMessage());
        }
    }
}
