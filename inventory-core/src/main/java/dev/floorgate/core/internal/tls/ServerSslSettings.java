package dev.floorgate.core.internal.tls;

import dev.floorgate.core.TlsConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.ssl.ClientAuthentication;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.ssl.ServerSslConfiguration;
import jakarta.inject.Singleton;

/**
 * Maps {@code fg.core.tls.*} onto Micronaut's server SSL settings as Micronaut builds them: HTTPS on, on the
 * server's own port ({@code fg.core.port}, so the URL changes only its scheme), the key from
 * {@link CoreCertificateProvider}, and with {@code client-ca} the client certificate required in the handshake.
 * With {@code fg.core.tls.enabled} false nothing is touched, so Micronaut's own {@code micronaut.server.ssl.*}
 * (a key store file, its self-signed mode) keep working as documented by Micronaut.
 */
@Singleton
final class ServerSslSettings implements BeanCreatedEventListener<ServerSslConfiguration> {
    private final TlsConfiguration tls;
    private final int port;

    ServerSslSettings(TlsConfiguration tls, @Value("${micronaut.server.port:8081}") int port) {
        this.tls = tls;
        this.port = port;
    }

    @Override
    public ServerSslConfiguration onCreated(BeanCreatedEvent<ServerSslConfiguration> event) {
        ServerSslConfiguration ssl = event.getBean();
        if (!tls.isEnabled()) {
            return ssl;
        }
        ssl.setEnabled(true);
        ssl.setPort(port);
        ssl.setKeyName(CoreCertificateProvider.NAME);
        ssl.getKey().setPassword(new String(CoreTls.IN_MEMORY_PASSWORD));
        if (tls.getClientCa() != null && !tls.getClientCa().isBlank()) {
            ssl.setTrustName(CoreCertificateProvider.NAME);
            ssl.setClientAuthentication(ClientAuthentication.NEED);
        }
        return ssl;
    }
}
