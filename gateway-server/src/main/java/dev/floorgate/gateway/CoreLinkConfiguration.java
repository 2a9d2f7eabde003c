package dev.floorgate.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.annotation.Nullable;

/**
 * How the gateway reaches the central core.
 *
 * <ul>
 *   <li>{@code fg.core.url} (unset): the core's base URL, e.g. http://core.example:8081; unset = offline mode
 *       (operations queue in SQLite until a URL is configured).</li>
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

    /** Whether the gateway syncs: a URL and a key are both configured. */
    default boolean isOnline() {
        return getUrl() != null && !getUrl().isBlank() && getKeyId() != null && getSecret() != null;
    }
}
