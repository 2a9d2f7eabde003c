package dev.floorgate.gateway.internal.tls;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;

/**
 * The port HTTPS is served on. Configured ({@code fg.gateway.https-port}), or, when that is -1 (a random port, in
 * tests), the listener port that is not the plain one. Read lazily: the server starts after the beans that ask.
 */
@Singleton
public final class ListenerPorts {
    private final HttpsConfiguration https;
    private final TlsConfiguration tls;
    private final BeanProvider<EmbeddedServer> server;

    ListenerPorts(HttpsConfiguration https, TlsConfiguration tls, BeanProvider<EmbeddedServer> server) {
        this.https = https;
        this.tls = tls;
        this.server = server;
    }

    /** Whether the gateway serves HTTPS at all. */
    public boolean httpsEnabled() {
        return tls.isEnabled();
    }

    /**
     * The HTTPS port; -1 when HTTPS is off or cannot be told apart.
     *
     * @param request a request that arrived on some listener, helping to tell the two random ports apart; may be null
     */
    public int httpsPort(HttpRequest<?> request) {
        if (!tls.isEnabled()) {
            return -1;
        }
        if (https.getHttpsPort() > 0) {
            return https.getHttpsPort();
        }
        if (request != null && request.isSecure()) {
            return localPort(request);
        }
        EmbeddedServer s = server.get();
        if (request == null) {
            return "https".equals(s.getScheme()) ? s.getPort() : -1; // the HTTPS listener is the first one
        }
        if (s instanceof NettyHttpServer) {
            int plain = localPort(request);
            for (int p : ((NettyHttpServer) s).getBoundPorts()) {
                if (p != plain) {
                    return p;
                }
            }
        }
        return -1;
    }

    private static int localPort(HttpRequest<?> request) {
        InetSocketAddress local = request.getServerAddress();
        return local == null ? -1 : local.getPort();
    }
}
