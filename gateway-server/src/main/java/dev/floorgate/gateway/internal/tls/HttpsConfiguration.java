package dev.floorgate.gateway.internal.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.annotation.Nullable;
import java.time.Duration;

/**
 * Which port speaks what (README "HTTPS and PDAs").
 *
 * <ul>
 *   <li>{@code fg.gateway.port} (8080): plain HTTP. It always serves {@code /health}, {@code /metrics} and the site CA
 *       ({@code /ca.crt}); pages are redirected to HTTPS; the rest of the API answers 403 HTTPS_REQUIRED, so a device
 *       token never crosses the Wi-Fi in clear.</li>
 *   <li>{@code fg.gateway.https-port} (8443): HTTPS, everything (read by micronaut.server.ssl.port in
 *       application.yml).</li>
 *   <li>{@code fg.gateway.plain-http} (false): true serves the whole API and the pages on the plain port too; for a
 *       gateway behind a TLS-terminating proxy, for tests, and for the system tests' gateway processes.</li>
 *   <li>{@code fg.gateway.host-name} (unset): the name the plain port redirects to when a request's {@code Host} is
 *       not one of the gateway's own names ({@link RedirectHost}); unset = the certificate's first DNS name.</li>
 *   <li>{@code fg.gateway.hsts-max-age} (365d): the {@code Strict-Transport-Security} max-age sent on every HTTPS
 *       answer (never on the plain port); 0s sends none.</li>
 * </ul>
 */
@ConfigurationProperties(HttpsConfiguration.PREFIX)
public interface HttpsConfiguration {
    String PREFIX = "fg.gateway";

    @Bindable(defaultValue = "8443")
    int getHttpsPort();

    @Bindable(defaultValue = "false")
    boolean isPlainHttp();

    @Nullable
    String getHostName();

    @Bindable(defaultValue = "365d")
    Duration getHstsMaxAge();
}
