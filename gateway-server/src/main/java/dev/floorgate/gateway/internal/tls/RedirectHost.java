package dev.floorgate.gateway.internal.tls;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The host name the plain port redirects to (issue 22 finding 6c). A redirect that copied the request's
 * {@code Host} header sent a PDA wherever a spoofing neighbour or a poisoned proxy said ({@code Location:
 * https://evil.example/...}); now the {@code Host} is kept only when it is one of our own names, the ones the
 * served certificate covers, so the browser lands on a name whose certificate it can check. Anything else gets
 * the configured name.
 *
 * <p>Our names: {@code fg.gateway.host-name}, the served certificate's subject alternative names (the gateway's own
 * or site IT's), and the names the gateway's own certificate is made for ({@link HostNames#certificateNames}: the
 * machine's host name, localhost, its addresses and {@code fg.tls.names}). The configured name is
 * {@code fg.gateway.host-name}, else the served certificate's first DNS name that is not localhost or a wildcard,
 * else the machine's host name.
 */
@Singleton
public final class RedirectHost {
    static final long NAMES_TTL_MILLIS = 10_000;
    private final HttpsConfiguration https;
    private final TlsConfiguration tls;
    private final BeanProvider<SiteCertificates> certificates;
    private volatile Cached cached;

    private record Cached(Set<String> names, long readAt) {
    }

    RedirectHost(HttpsConfiguration https, TlsConfiguration tls, BeanProvider<SiteCertificates> certificates) {
        this.https = https;
        this.tls = tls;
        this.certificates = certificates;
    }

    /**
     * The host (no port) a redirect of a request that asked for {@code requested} goes to: {@code requested} in
     * lower case when it is one of our names, else the configured name.
     *
     * @param requested the host part of the request's {@code Host} header, or null
     */
    public String forRequest(String requested) {
        if (requested != null) {
            String asked = requested.trim().toLowerCase(Locale.ROOT);
            if (!asked.isEmpty() && ourNames().contains(stripBrackets(asked))) {
                return asked;
            }
        }
        return configured();
    }

    /** The name a redirect goes to when the request's Host is not ours. */
    public String configured() {
        String name = https.getHostName();
        if (name != null && !name.isBlank()) {
            return name.trim().toLowerCase(Locale.ROOT);
        }
        for (String n : servedNames()) {
            if (!HostNames.isIpAddress(n) && !n.equals("localhost") && !n.startsWith("*")) {
                return n;
            }
        }
        return HostNames.hostName();
    }

    /**
     * Every name a request's Host may carry and still be redirected to. Read again at most every
     * {@link #NAMES_TTL_MILLIS}: reading the interfaces per request would let a flood of plain-port requests make
     * the gateway list its network interfaces thousands of times a second; a DHCP change shows within seconds.
     */
    Set<String> ourNames() {
        long now = System.nanoTime();
        Cached cached = this.cached;
        if (cached != null && now - cached.readAt < NAMES_TTL_MILLIS * 1_000_000L) {
            return cached.names;
        }
        Set<String> names = Collections.unmodifiableSet(readNames());
        this.cached = new Cached(names, now);
        return names;
    }

    private Set<String> readNames() {
        Set<String> names = new LinkedHashSet<>();
        String configured = https.getHostName();
        if (configured != null && !configured.isBlank()) {
            names.add(configured.trim().toLowerCase(Locale.ROOT));
        }
        names.addAll(servedNames());
        names.addAll(HostNames.certificateNames(tls.getNames()));
        return names;
    }

    private Set<String> servedNames() {
        Set<String> names = new LinkedHashSet<>();
        if (certificates.isPresent()) {
            names.addAll(CertificateIssuer.subjectAltNames(certificates.get().served().leaf()));
        }
        return names;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
