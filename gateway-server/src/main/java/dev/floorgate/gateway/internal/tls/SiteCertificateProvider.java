package dev.floorgate.gateway.internal.tls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.ssl.CertificateProvider;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Sinks;

/**
 * Hands the {@link SiteCertificates} to Micronaut's HTTPS listener ({@code micronaut.server.ssl.key-name: site} in
 * application.yml). A renewed certificate is emitted as a new key store, which the listener takes for new
 * connections without a restart. The key store is in memory only; its key password is
 * {@code micronaut.server.ssl.key.password}, which Micronaut uses to read it.
 */
@Singleton
@Named(SiteCertificateProvider.NAME)
@Requires(property = "fg.tls.enabled", notEquals = "false")
final class SiteCertificateProvider implements CertificateProvider {
    static final String NAME = "site";

    private final char[] password;
    private final Sinks.Many<KeyStore> keyStores = Sinks.many().replay().latest();

    SiteCertificateProvider(SiteCertificates certificates,
            @Value("${micronaut.server.ssl.key.password:floorgate}") String password) {
        this.password = password.toCharArray();
        keyStores.tryEmitNext(keyStore(certificates.served()));
        certificates.onChange(s -> keyStores.tryEmitNext(keyStore(s)));
    }

    private KeyStore keyStore(SiteCertificates.Served served) {
        try {
            return KeyStoreFiles.inMemory(SiteCertificates.SERVER_ALIAS, served.key(), served.chain(), password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put the HTTPS key in a key store: " + e.getMessage(), e);
        }
    }

    @Override
    public Publisher<KeyStore> getKeyStore() {
        return keyStores.asFlux();
    }

    @Override
    public String getName() {
        return NAME;
    }
}
