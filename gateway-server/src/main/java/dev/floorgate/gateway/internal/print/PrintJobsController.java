package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.PrintJobAction;
import dev.floorgate.lan.PrintJobDecision;
import dev.floorgate.lan.PrintJobList;
import dev.floorgate.lan.PrintJobRequest;
import dev.floorgate.lan.PrintJobView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Print jobs (API.md): {@code POST /api/v1/print-jobs} -> 202 once the job is durable (the same jobId and request
 * again: 202 with the stored job and {@code "duplicate": true}; another request: 409 JOB_ID_REUSED),
 * {@code GET /api/v1/print-jobs[?state=&printer=&limit=]}, {@code GET /api/v1/print-jobs/{jobId}} (with its history),
 * and the person actions {@code POST /api/v1/print-jobs/{jobId}/reprint | discard | mark-printed {"reason": "..."}}.
 * Devices see and act on their tenant's jobs only (another tenant's jobId is a 404); the admin token on all.
 */
@Controller("/api/v1/print-jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PrintJobsController {
    static final int MAX_LIST = 500;

    private final PrintSpooler spooler;
    private final PrintRequestReader reader;
    private final RequestAuth auth;

    PrintJobsController(PrintSpooler spooler, PrintRequestReader reader, RequestAuth auth) {
        this.spooler = spooler;
        this.reader = reader;
        this.auth = auth;
    }

    @Post
    HttpResponse<PrintJobView> submit(HttpRequest<?> request, @Nullable @Body String body)
            throws SQLException, LanJsonException {
        Caller caller = caller(auth, request);
        PrintRequest job = reader.read(LanRequests.read(body, PrintJobRequest.class), caller);
        PrintSpooler.Submitted s = spooler.submit(job);
        PrintJobView out = s.job().toView().toBuilder().duplicate(!s.created()).build();
        return HttpResponse.<PrintJobView>status(HttpStatus.ACCEPTED).body(out)
                .headers(h -> h.location(URI.create("/api/v1/print-jobs/" + s.job().jobId())));
    }

    @Get
    PrintJobList list(HttpRequest<?> request, @Nullable @QueryValue String state,
            @Nullable @QueryValue String printer, @Nullable @QueryValue Integer limit) throws SQLException {
        Caller caller = caller(auth, request);
        PrintJobState s = null;
        if (state != null && !state.isEmpty()) {
            try {
                s = PrintJobState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw GatewayProblem.invalid("state: one of " + List.of(PrintJobState.values())
                        + ", got '" + state + "'");
            }
        }
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIST) {
            throw GatewayProblem.invalid("limit: must be 1 to " + MAX_LIST + ", got " + n);
        }
        List<PrintJobView> jobs = new ArrayList<>();
        for (PrintJob j : spooler.list(caller.tenant(), s, printer == null || printer.isEmpty() ? null : printer, n)) {
            jobs.add(j.toView());
        }
        return new PrintJobList(jobs);
    }

    @Get("/{jobId}")
    PrintJobView get(HttpRequest<?> request, @PathVariable String jobId) throws SQLException {
        Caller caller = caller(auth, request);
        PrintJob job = caller.visible(spooler.find(jobId), jobId);
        List<PrintJobAction> history = new ArrayList<>();
        for (PrintJobStore.JobAction a : spooler.history(jobId)) {
            history.add(new PrintJobAction(a.at(), a.action(), a.by(), a.reason(), a.from(), a.to()));
        }
        return job.toView().toBuilder().history(history).build();
    }

    @Post("/{jobId}/reprint")
    PrintJobView reprint(HttpRequest<?> request, @PathVariable String jobId, @Nullable @Body String body)
            throws SQLException, LanJsonException {
        return act(request, jobId, body, PrintJobStore.Action.REPRINT);
    }

    @Post("/{jobId}/discard")
    PrintJobView discard(HttpRequest<?> request, @PathVariable String jobId, @Nullable @Body String body)
            throws SQLException, LanJsonException {
        return act(request, jobId, body, PrintJobStore.Action.DISCARD);
    }

    @Post("/{jobId}/mark-printed")
    PrintJobView markPrinted(HttpRequest<?> request, @PathVariable String jobId, @Nullable @Body String body)
            throws SQLException, LanJsonException {
        return act(request, jobId, body, PrintJobStore.Action.MARK_PRINTED);
    }

    private PrintJobView act(HttpRequest<?> request, String jobId, String body, PrintJobStore.Action action)
            throws SQLException, LanJsonException {
        Caller caller = caller(auth, request);
        PrintJobDecision decision = LanRequests.read(body, PrintJobDecision.class);
        return spooler.resolve(jobId, action, caller, decision.reason()).toView();
    }

    /** Who asks: site IT with the admin token, else the device of the bearer token (or a 401). */
    static Caller caller(RequestAuth auth, HttpRequest<?> request) {
        if (auth.isAdmin(request)) {
            return new Caller(null, "admin", true);
        }
        DevicePrincipal device = auth.device(request);
        return new Caller(device.tenant(), "device:" + device.deviceId(), false);
    }
}
