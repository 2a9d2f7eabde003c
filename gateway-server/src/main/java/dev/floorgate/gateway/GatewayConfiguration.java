package dev.floorgate.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.annotation.Nullable;

/**
 * The gateway's own settings (API.md "Running and configuration"). Each key can be set in application.yml, in a
 * file named by MICRONAUT_CONFIG_FILES, or as an environment variable (fg.core.url = FG_CORE_URL).
 *
 * <ul>
 *   <li>{@code fg.gateway.port} (8080): the plain-HTTP port: /health, /metrics, the site CA and redirects to HTTPS
 *       (the whole API only with {@code fg.gateway.plain-http: true}); read by micronaut.server.port in
 *       application.yml. The LAN API and pages are on {@code fg.gateway.https-port} (8443), see
 *       internal.tls.TlsConfiguration.</li>
 *   <li>{@code fg.data-dir} (./data): where the gateway's SQLite files live.</li>
 *   <li>{@code fg.gateway.id} (the host name): how this gateway names itself to the core.</li>
 *   <li>{@code fg.core.url} (unset): the core's base URL; unset = offline mode, everything queues.</li>
 *   <li>{@code fg.core.key-id}, {@code fg.core.secret} (unset): this gateway's signing key at the core.</li>
 *   <li>{@code fg.admin-token} (unset): bearer token for /api/v1/admin/**; unset = admin API closed; when set, at
 *       least 16 characters, else the gateway does not start (internal.StartupSecrets, fg.core.secret too).</li>
 * </ul>
 */
@ConfigurationProperties(GatewayConfiguration.PREFIX)
public interface GatewayConfiguration {
    String PREFIX = "fg";

    /** Directory of the gateway's SQLite files. */
    @Bindable(defaultValue = "./data")
    String getDataDir();

    /** The bearer token of site IT's admin API; null keeps it closed. */
    @Nullable
    String getAdminToken();
}
