package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;

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
    private final JsonMapper json;

    PrintJobsController(PrintSpooler spooler, PrintRequestReader reader, RequestAuth auth, JsonMapper json) {
        this.spooler = spooler;
        this.reader = reader;
        this.auth = auth;
        this.json = json;
    }

    @Post
    HttpResponse<Map<String, Object>> submit(HttpRequest<?> request, @Nullable @Body String body) throws SQLException {
        Caller caller = caller(auth, request);
        PrintRequest job = reader.read(JsonBodies.object(json, body, "body"), caller);
        PrintSpooler.Submitted s = spooler.submit(job);
        Map<String, Object> out = s.job().toJson();
        out.put("duplicate", !s.created());
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(out)
                .headers(h -> h.location(URI.create("/api/v1/print-jobs/" + s.job().jobId())));
    }

    @Get
    Map<String, Object> list(HttpRequest<?> request, @Nullable @QueryValue String state,
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
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (PrintJob j : spooler.list(caller.tenant(), s, printer == null || printer.isEmpty() ? null : printer, n)) {
            jobs.add(j.toJson());
        }
        return Map.of("jobs", jobs);
    }

    @Get("/{jobId}")
    Map<String, Object> get(HttpRequest<?> request, @PathVariable String jobId) throws SQLException {
        Caller caller = caller(auth, request);
        PrintJob job = caller.visible(spooler.find(jobId), jobId);
        Map<String, Object> out = job.toJson();
        List<Map<String, Object>> history = new ArrayList<>();
        for (PrintJobStore.JobAction a : spooler.history(jobId)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", a.at());
            m.put("action", a.action());
            m.put("by", a.by());
            m.put("reason", a.reason());
            m.put("from", a.from());
            m.put("to", a.to());
            history.add(m);
        }
        out.put("history", history);
        return out;
    }

    @Post("/{jobId}/reprint")
    Map<String, Object> reprint(HttpRequest<?> request, @PathVariable String jobId, @Nullable @Body String body)
            throws SQLException {
        return act(request, jobId, body, PrintJobStore.Action.REPRINT);
    }

    @Post("/{jobId}/discard")
    Map<String, Object> discard(HttpRequest<?> request, @PathVariable String jobId, @Nullable @Body String body)
            throws SQLException {
        return act(request, jobId, body, PrintJobStore.Action.DISCARD);
    }

    @Post("/{jobId}/mark-printed")
    Map<String, Object> markPrinted(HttpRequest<?> request, @PathVariable String jobId, @Nullable @Body String body)
            throws SQLException {
        return act(request, jobId, body, PrintJobStore.Action.MARK_PRINTED);
    }

    private Map<String, Object> act(HttpRequest<?> request, String jobId, String body, PrintJobStore.Action action)
            throws SQLException {
        Caller caller = caller(auth, request);
        Object reason = JsonBodies.object(json, body, "body").get("reason");
        if (reason != null && !(reason instanceof String)) {
            throw GatewayProblem.invalid("reason: must be a string");
        }
        return spooler.resolve(jobId, action, caller, (String) reason).toJson();
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
