package dev.floorgate.gateway.internal.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * HTTPS on the LAN (README "HTTPS and PDAs"). By default the gateway makes its own site CA and a server certificate
 * under {@code <fg.data-dir>/tls/}; site IT may give it a key store of their own instead.
 *
 * <ul>
 *   <li>{@code fg.tls.enabled} (true): serve HTTPS on {@code fg.gateway.https-port}; false = plain HTTP only (tests,
 *       or a gateway behind a TLS-terminating proxy).</li>
 *   <li>{@code fg.tls.key-store} (unset): a PKCS12 (or JKS) file site IT provides: its first key entry (or
 *       {@code fg.tls.key-alias}) is served, and the last certificate of that entry's chain is the CA that the
 *       enrollment QR pins. Unset = the gateway's own site CA.</li>
 *   <li>{@code fg.tls.key-store-password} (empty), {@code fg.tls.key-store-type} (PKCS12), {@code fg.tls.key-alias}.</li>
 *   <li>{@code fg.tls.names} (empty): extra DNS names or IP addresses for the server certificate, on top of the host
 *       name, {@code localhost} and every address of the machine's interfaces.</li>
 *   <li>{@code fg.tls.store-password} (floorgate): password of the generated {@code .p12} files. They are protected by
 *       their file permissions (0600, like an SSH host key); the password only satisfies the PKCS12 format.</li>
 *   <li>{@code fg.tls.server-validity} (730d), {@code fg.tls.ca-validity} (3650d), {@code fg.tls.renew-before}
 *       (30d): a server certificate that expires within renew-before, or lacks one of the current names, is
 *       issued again (at start and by a check every {@code fg.tls.check-interval}, 1h) without a restart.</li>
 * </ul>
 */
@ConfigurationProperties(TlsConfiguration.PREFIX)
public interface TlsConfiguration {
    String PREFIX = "fg.tls";

    @Bindable(defaultValue = "true")
    boolean isEnabled();

    @Nullable
    String getKeyStore();

    @Bindable(defaultValue = "")
    String getKeyStorePassword();

    @Bindable(defaultValue = "PKCS12")
    String getKeyStoreType();

    @Nullable
    String getKeyAlias();

    @Bindable(defaultValue = "")
    List<String> getNames();

    @Bindable(defaultValue = "floorgate")
    String getStorePassword();

    @Bindable(defaultValue = "730d")
    Duration getServerValidity();

    @Bindable(defaultValue = "3650d")
    Duration getCaValidity();

    @Bindable(defaultValue = "30d")
    Duration getRenewBefore();

    @Bindable(defaultValue = "1h")
    Duration getCheckInterval();
}
