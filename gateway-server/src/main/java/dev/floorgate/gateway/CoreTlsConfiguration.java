package dev.floorgate.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.annotation.Nullable;

/**
 * How the gateway verifies an https:// core ({@code fg.core.tls.*}, described with {@link CoreLinkConfiguration});
 * every file and pin is checked at start-up, and a bad one stops it with one line naming the setting.
 */
@ConfigurationProperties(CoreTlsConfiguration.PREFIX)
public interface CoreTlsConfiguration {
    String PREFIX = "fg.core.tls";

    @Nullable
    String getCaFile();

    @Nullable
    String getPin();

    @Nullable
    String getClientCert();

    @Nullable
    String getClientKey();
}
