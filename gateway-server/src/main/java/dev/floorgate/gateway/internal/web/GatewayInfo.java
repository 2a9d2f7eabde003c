package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayIdentity;
import dev.floorgate.gateway.internal.tls.Fingerprints;
import dev.floorgate.gateway.internal.tls.HostNames;
import dev.floorgate.gateway.internal.tls.ListenerPorts;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Who this gateway is, for the header of site IT's page and the enrollment QR: its name, version, addresses,
 * uptime, the URLs a PDA uses, and the fingerprint of the CA that PDAs trust.
 */
final class GatewayInfo {
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.floorgate/gateway-server/pom.properties";

    private final String name;
    private final String version;
    private final Instant startedAt;
    private final ListenerPorts ports;
    private final SiteCertificates certificates;
    private final SiteTime siteTime;

    /** @param certificates null when HTTPS is off */
    GatewayInfo(GatewayIdentity identity, ListenerPorts ports, SiteCertificates certificates, SiteTime siteTime) {
        this.siteTime = siteTime;
        this.name = identity.id();
        this.version = readVersion();
        this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        this.ports = ports;
        this.certificates = certificates;
    }

    /** The site's time zone name (fg.site.time-zone), in which the pages show times. */
    String timeZone() {
        return siteTime.name();
    }

    String name() {
        return name;
    }

    /** The Maven version of the running jar, or "development build" when run from classes. */
    String version() {
        return version;
    }

    /**
     * The base URL a PDA should use: HTTPS on the host the caller reached us by (site IT's browser usually reaches
     * the gateway by a name the PDAs can use too), falling back to the first LAN address.
     */
    String pdaBaseUrl(HttpRequest<?> request) {
        String host = hostOf(request);
        if (host == null || host.equals("localhost") || host.startsWith("127.")) {
            List<String> lan = lanAddresses();
            host = lan.isEmpty() ? (host == null ? "127.0.0.1" : host) : bracket(lan.get(0));
        }
        int https = ports.httpsPort(request);
        if (https > 0) {
            return "https://" + host + (https == 443 ? "" : ":" + https);
        }
        int plain = request.getServerAddress().getPort();
        return "http://" + host + (plain == 80 ? "" : ":" + plain);
    }

    /** The site CA's SHA-256 fingerprint (colon form), or null when HTTPS is off. */
    String caFingerprint() {
        return certificates == null ? null : Fingerprints.sha256(certificates.caCertificate());
    }

    /** The site CA's SHA-256 fingerprint as 64 hex digits, or null when HTTPS is off. */
    String caFingerprintHex() {
        return certificates == null ? null : Fingerprints.sha256Hex(certificates.caCertificate());
    }

    /** The header of site IT's page; the certificate's fields only while HTTPS is on. */
    OverviewViews.GatewayView view(HttpRequest<?> request) {
        List<String> addresses = lanAddresses();
        List<String> urls = new ArrayList<>();
        int https = ports.httpsPort(request);
        for (String a : addresses) {
            urls.add((https > 0 ? "https://" : "http://") + bracket(a) + ":"
                    + (https > 0 ? https : request.getServerAddress().getPort()));
        }
        return new OverviewViews.GatewayView(name, version, startedAt.toString(),
                Duration.between(startedAt, Instant.now()).toSeconds(), addresses, urls,
                pdaBaseUrl(request) + "/pick/", ports.httpsEnabled(), caFingerprint(),
                certificates == null ? null : certificates.served().leaf().getNotAfter().toInstant().toString(),
                certificates == null ? null : certificates.provided(), siteTime.name());
    }

    /** The machine's addresses a PDA can use: IPv6 link-local ones need a zone a URL cannot carry, so not those. */
    private static List<String> lanAddresses() {
        List<String> out = new ArrayList<>();
        for (String a : HostNames.addresses(false)) {
            if (!a.startsWith("fe80:")) {
                out.add(a);
            }
        }
        return out;
    }

    private static String hostOf(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        if (host == null || host.isBlank()) {
            return null;
        }
        host = host.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : null;
        }
        int colon = host.indexOf(':');
        String h = colon >= 0 ? host.substring(0, colon) : host;
        return h.matches("[A-Za-z0-9.-]{1,253}") ? h.toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static String bracket(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static String readVersion() {
        try (InputStream in = GatewayInfo.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: a jar without its Maven descriptor is a development build for this purpose
        }
        return "development build";
    }
}
