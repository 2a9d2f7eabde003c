package dev.floorgate.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.annotation.Nullable;
import java.time.Duration;

/**
 * How the gateway reaches the central core.
 *
 * <ul>
 *   <li>{@code fg.core.url} (unset): the core's base URL, e.g. https://core.example:8081, or several core
 *       instances separated by commas (the first preferred: the gateway fails over to the next on a connection
 *       failure, a timeout or 502/503/504 and returns to the first once its /health answers); unset = offline mode
 *       (operations queue in SQLite until a URL is configured).</li>
 *   <li>{@code fg.core.probe-interval} (10s): while another core is in use, how often the preferred core's /health
 *       is asked.</li>
 *   <li>{@code fg.core.allow-plain-http} (false): allow http:// to a core that is not on this machine (loopback);
 *       without it such a URL stops the start: the WAN link would be readable by anyone on the path.</li>
 *   <li>{@code fg.core.tls.ca-file} (unset): PEM certificates to trust for an https:// core instead of the JDK's
 *       CAs (central IT's CA, or the core's self-signed certificate).</li>
 *   <li>{@code fg.core.tls.pin} (unset): pins of the core's certificate, comma-separated: {@code sha256/<base64>} of
 *       its public key (SPKI, as OkHttp and Chrome write it) or the certificate's SHA-256 in hex. A pin alone
 *       replaces CA and host name checks; with a CA file both must hold.</li>
 *   <li>{@code fg.core.tls.client-cert} / {@code fg.core.tls.client-key} (unset): PEM certificate and PKCS#8 PEM key
 *       the gateway presents for mutual TLS.</li>
 *   <li>{@code fg.core.key-id}, {@code fg.core.secret} (unset): the gateway's signing key at the core
 *       (one entry of the core's fg.core.keys).</li>
 * </ul>
 */
@ConfigurationProperties(CoreLinkConfiguration.PREFIX)
public interface CoreLinkConfiguration {
    String PREFIX = "fg.core";

    @Nullable
    String getUrl();

    @Nullable
    String getKeyId();

    @Nullable
    String getSecret();

    @Bindable(defaultValue = "10s")
    Duration getProbeInterval();

    @Bindable(defaultValue = "false")
    boolean isAllowPlainHttp();

    /** Whether the gateway syncs: a URL and a key are both configured. */
    default boolean isOnline() {
        return getUrl() != null && !getUrl().isBlank() && getKeyId() != null && getSecret() != null;
    }
}
