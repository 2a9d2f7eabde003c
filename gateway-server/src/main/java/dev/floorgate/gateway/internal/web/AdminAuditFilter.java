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
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
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
            new Route("POST /api/v1/admin/printers/([^/]+)/test-print", "printer.test-print"),
            new Route("POST /api/v1/admin/printers/discover()", "printer.discover"),
            new Route("POST /api/v1/admin/printers()", "printer.adopt"));
    private static final Pattern NOT_AUDITED = Pattern.compile("/api/v1/admin/(login|logout|password)");

    private final AdminSessions sessions;
    private final GatewayConfiguration config;
    private final AuditLog audit;
    private final JsonMapper json;

    AdminAuditFilter(AdminSessions sessions, GatewayConfiguration config, AuditLog audit, JsonMapper json) {
        this.sessions = sessions;
        this.config = config;
        this.audit = audit;
        this.json = json;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD
                || request.getMethod() == HttpMethod.OPTIONS || NOT_AUDITED.matcher(request.getPath()).matches()) {
            return;
        }
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

    /** The signed-in user or "admin-token"; null for devices and strangers. */
    private String actor(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        if (token.startsWith(RequestAuth.SESSION_PREFIX)) {
            return sessions.session(token).map(AdminSessions.Session::username).orElse(null);
        }
        String admin = config.getAdminToken();
        return admin != null && !admin.isBlank() && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                admin.getBytes(StandardCharsets.UTF_8)) ? "admin-token" : null;
    }
}
