package dev.floorgate.gateway.internal.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on the pages and their files: a content security policy that lets a page load and call nothing but the
 * gateway itself (no CDN, font or script from elsewhere can slip in), no MIME sniffing, no referrer, no framing, and
 * revalidation of the app shell on every load (offline, the service worker's copy serves).
 */
@ServerFilter({"/pick/**", "/admin/**"})
final class PageHeadersFilter {
    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @ResponseFilter
    void headers(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CSP);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
        response.header("Cache-Control", "no-cache");
    }
}
