package dev.floorgate.core.internal.tls;

import dev.floorgate.core.TlsConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Wires the core's HTTPS (issue 14 item 6): the material is read and checked at start ({@code @Context}, so a bad
 * file refuses the start with one line before the port opens), then handed to Micronaut's listener.
 */
@Factory
final class TlsBeans {
    @Context
    @Requires(property = "fg.core.tls.enabled", value = "true")
    CoreTls coreTls(TlsConfiguration config) {
        return CoreTls.load(config);
    }

    @Singleton
    @Named(CoreCertificateProvider.NAME)
    @Requires(property = "fg.core.tls.enabled", value = "true")
    CoreCertificateProvider certificateProvider(CoreTls tls) {
        return new CoreCertificateProvider(tls);
    }
}
