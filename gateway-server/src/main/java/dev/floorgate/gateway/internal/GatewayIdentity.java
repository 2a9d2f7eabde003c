package dev.floorgate.gateway.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How this gateway names itself, read in one place: in the batches it uploads to the core, in the name of its site
 * CA, and in the header of site IT's page. {@code fg.gateway.id} when set; else the machine's host name as the
 * operating system reports it (the core has always recorded that form, so its case is kept); else, when no host name
 * can be read (a locked-down container), {@value #FALLBACK}.
 */
public final class GatewayIdentity {
    /** The name used when neither {@code fg.gateway.id} nor a host name is available. */
    public static final String FALLBACK = "floorgate-gateway";

    private final String id;

    private GatewayIdentity(String id) {
        this.id = id;
    }

    /** @param configured {@code fg.gateway.id}; null or blank means "not set" */
    public static GatewayIdentity of(String configured) {
        return of(configured, GatewayIdentity::hostName);
    }

    static GatewayIdentity of(String configured, Supplier<Optional<String>> hostName) {
        if (configured != null && !configured.trim().isEmpty()) {
            return new GatewayIdentity(configured.trim());
        }
        return new GatewayIdentity(hostName.get().filter(h -> !h.isBlank()).orElse(FALLBACK));
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    private static Optional<String> hostName() {
        try {
            return Optional.ofNullable(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
