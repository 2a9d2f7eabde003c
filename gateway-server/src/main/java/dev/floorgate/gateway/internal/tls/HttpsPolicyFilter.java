package dev.floorgate.gateway.internal.tls;

import dev.floorgate.lan.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.util.Set;

/**
 * What the plain-HTTP port serves while HTTPS is on and {@code fg.gateway.plain-http} is false: {@code /health},
 * {@code /metrics}, the LAN API's description {@code /openapi.yml} (no secret in it) and the site CA ({@code /ca.crt}, {@code /ca.pem}, so a PDA can fetch it before it trusts
 * anything); page requests are redirected to the same path on HTTPS; everything else (the API, where device tokens
 * travel) answers 403 HTTPS_REQUIRED naming the HTTPS URL. A token that was already sent in clear is not accepted:
 * the request never reaches a controller. A redirect goes to one of the gateway's own names ({@link RedirectHost}),
 * never to whatever {@code Host} a request carried; HTTPS answers carry HSTS ({@code fg.gateway.hsts-max-age}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class HttpsPolicyFilter {
    static final Set<String> PLAIN_PATHS = Set.of("/health", "/metrics", "/openapi.yml", "/ca.crt", "/ca.pem");

    /** {@code fg.gateway.plain-http}, read once (a configuration interface resolves the property on every call). */
    private final boolean plainHttp;
    private final ListenerPorts ports;
    private final RedirectHost redirectHost;
    private final String hsts;

    HttpsPolicyFilter(HttpsConfiguration https, ListenerPorts ports, RedirectHost redirectHost) {
        this.plainHttp = https.isPlainHttp();
        this.ports = ports;
        this.redirectHost = redirectHost;
        long maxAge = https.getHstsMaxAge().getSeconds();
        this.hsts = maxAge > 0 ? "max-age=" + maxAge : null;
    }

    /**
     * HSTS on every HTTPS answer (issue 22 finding 6c): a browser that once reached the gateway over HTTPS with a
     * certificate it trusts goes there directly next time, so a LAN neighbour cannot strip it to plain HTTP. Never
     * on the plain port (RFC 6797 says a browser ignores it there) and without includeSubDomains: names under the
     * gateway's are not the gateway's to bind.
     */
    @ResponseFilter
    void strictTransportSecurity(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (hsts != null && request.isSecure()) {
            response.header("Strict-Transport-Security", hsts);
        }
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> plainHttp(HttpRequest<?> request) {
        if (request.isSecure() || plainHttp || !ports.httpsEnabled()) {
            return null;
        }
        String path = request.getPath();
        if (PLAIN_PATHS.contains(path)) {
            return null;
        }
        int port = ports.httpsPort(request);
        String target = "https://" + redirectHost.forRequest(requestedHost(request))
                + (port == 443 || port < 0 ? "" : ":" + port) + path
                + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
        boolean page = (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                && !path.startsWith("/api/");
        if (page) {
            return HttpResponse.status(HttpStatus.PERMANENT_REDIRECT).headers(h -> h.location(URI.create(target)));
        }
        ErrorBody body = new ErrorBody("HTTPS_REQUIRED", "this port serves only /health, /metrics, /openapi.yml and "
                + "the site CA in plain HTTP; use " + target + " (or set fg.gateway.plain-http=true behind a TLS proxy)",
                null);
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(body);
    }

    /** The host part of the request's Host header (without its port), or null when it has none. */
    private static String requestedHost(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        if (host == null || host.isBlank()) {
            return null;
        }
        host = host.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : null;
        }
        int colon = host.indexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }
}
