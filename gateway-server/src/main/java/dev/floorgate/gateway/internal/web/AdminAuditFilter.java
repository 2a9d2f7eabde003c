package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.GatewayConfiguration;
import dev.floorgate.gateway.internal.http.RequestAuth;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every changing request that site IT makes, whichever endpoint it goes to (this package's, the print
 * jobs' person actions, enrollment, revocation): who (the signed-in user, or "admin-token"), what, on what, why,
 * and the status answered. One place, so no admin endpoint can forget it. Devices' own requests are not admin
 * actions and are not recorded here (the outbox and the print spool keep theirs). Sign-in and password changes are
 * recorded by {@link AdminLoginController}, which knows the user before a session exists.
 */
@ServerFilter("/api/v1/**")
final class AdminAuditFilter {
    /** A changing request by method and path; group 1 of the pattern names the target (may be empty). */
    private record Route(Pattern pattern, String action) {
        Route(String regex, String action) {
            this(Pattern.compile(regex), action);
        }
    }

    private static final List<Route> ACTIONS = List.of(
            new Route("POST /api/v1/print-jobs/([^/]+)/reprint", "print-job.reprint"),
            new Route("POST /api/v1/print-jobs/([^/]+)/discard", "print-job.discard"),
            new Route("POST /api/v1/print-jobs/([^/]+)/mark-printed", "print-job.mark-printed"),
            new Route("POST /api/v1/print-jobs()", "print-job.submit"),
            new Route("POST /api/v1/admin/devices/([^/]+)/revoke", "device.revoke"),
            new Route("POST /api/v1/admin/enrollment-codes()", "enrollment-code.create"),
            new Route("POST /api/v1/admin/enrollment()", "enrollment-code.create"),
            new Route("POST /api/v1/admin/sync-now()", "sync.now"),
            new Route("POST /api/v1/admin/station-problems/acknowledge()", "station-problems.acknowledge"),
            new Route("POST /api/v1/admin/printers/([^/]+)/test-print", "printer.test-print"),
            new Route("POST /api/v1/admin/printers/discover()", "printer.discover"),
            new Route("POST /api/v1/admin/printers()", "printer.adopt"));
    private static final Pattern NOT_AUDITED = Pattern.compile("/api/v1/admin/(login|logout|password)");

    private final AdminSessions sessions;
    /** {@code fg.admin-token}, read once (a configuration interface resolves the property on every call). */
    private final String adminToken;
    private final AuditLog audit;
    private final JsonMapper json;
    private final ExecutorService blocking;

    AdminAuditFilter(AdminSessions sessions, GatewayConfiguration config, AuditLog audit, JsonMapper json,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.adminToken = config.getAdminToken();
        this.audit = audit;
        this.json = json;
        this.blocking = blocking;
    }

    /**
     * Runs on the event loop. Most requests are a device's or a read and are not audited: they are answered
     * there and then. Only a changing request with an admin's bearer token moves to the blocking pool, where its
     * session is looked up and the audit row written (the old filter moved every request there, a thread hop and
     * a task per PDA request).
     */
    @ResponseFilter
    CompletableFuture<MutableHttpResponse<?>> record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!mayBeAudited(request)) {
            return CompletableFuture.completedFuture(response);
        }
        return CompletableFuture.supplyAsync(() -> {
            recordNow(request, response);
            return response;
        }, blocking);
    }

    /** False for what is never audited, decided without I/O: reads, sign-in, and requests without an admin's token. */
    boolean mayBeAudited(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return false;
        }
        String token = bearer(request);
        if (token == null || !(token.startsWith(RequestAuth.SESSION_PREFIX) || isAdminToken(token))) {
            return false; // a device's token, or none: not an admin action
        }
        return !NOT_AUDITED.matcher(request.getPath()).matches();
    }

    private void recordNow(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String actor = actor(request);
        if (actor == null) {
            return;
        }
        String line = request.getMethod() + " " + request.getPath();
        String action = line;
        String target = null;
        for (Route r : ACTIONS) {
            Matcher m = r.pattern().matcher(line);
            if (m.matches()) {
                action = r.action();
                target = m.group(1).isEmpty() ? null : m.group(1);
                break;
            }
        }
        audit.record(actor, action, target, AuditDetail.of(json, response.getBody().orElse(null)), response.code());
    }

    private static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    /** The signed-in user or "admin-token"; null for devices and strangers. */
    private String actor(HttpRequest<?> request) {
        String token = bearer(request);
        if (token == null) {
            return null;
        }
        if (token.startsWith(RequestAuth.SESSION_PREFIX)) {
            return sessions.session(token).map(AdminSessions.Session::username).orElse(null);
        }
        return isAdminToken(token) ? "admin-token" : null;
    }

    private boolean isAdminToken(String token) {
        String admin = adminToken;
        return admin != null && !admin.isBlank() && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                admin.getBytes(StandardCharsets.UTF_8));
    }
}
