package dev.floorgate.gateway.internal;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines the gateway logs once it listens (issue 12 item 7): where site IT and the pickers go (plain and HTTPS
 * URLs, {@code /admin/}, {@code /pick/}), where the first admin password comes from (never the password itself
 * unless it is the documented default), the data folder, and offline or online. A newcomer reads them in the
 * terminal and site IT in {@code journalctl -u floorgate-gateway}; Micronaut's own "Server Running" line names
 * only one URL.
 */
public final class StartupLines implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupLines.class);
    static final String DEFAULT_INITIAL_PASSWORD = "floorgate";

    /** What the lines say; built by GatewayBeans from the configuration. */
    public record Facts(String host, int plainPort, int httpsPort, boolean httpsEnabled, boolean plainHttpApi,
            String dataDir, String coreUrl, String keyId, boolean online, String initialPassword) {
    }

    private final Facts facts;

    public StartupLines(Facts facts) {
        this.facts = facts;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        lines().forEach(LOG::info);
    }

    /** The lines, in order. */
    public List<String> lines() {
        Facts f = facts;
        List<String> out = new ArrayList<>();
        String plain = "http://" + f.host() + ":" + f.plainPort() + "/";
        String secure = "https://" + f.host() + ":" + f.httpsPort() + "/";
        String pages = f.httpsEnabled() ? secure : plain;
        out.add(f.online()
                ? "FloorGate gateway ready, ONLINE: syncing to " + f.coreUrl() + " as key '" + f.keyId() + "'"
                : "FloorGate gateway ready, OFFLINE: operations queue here until FG_CORE_URL, FG_CORE_KEY_ID and "
                        + "FG_CORE_SECRET are set");
        out.add("  site IT page:  " + pages + "admin/");
        out.add("  picker app:    " + pages + "pick/");
        if (f.httpsEnabled()) {
            out.add("  HTTPS:         " + secure + " (the LAN API and both pages)");
            out.add("  plain HTTP:    " + plain + (f.plainHttpApi() ? " (the whole API too: fg.gateway.plain-http)"
                    : " (/health, /metrics and the site CA for PDAs; the rest redirects to HTTPS)"));
        } else {
            out.add("  plain HTTP:    " + plain + " (everything; HTTPS is off: fg.tls.enabled false)");
        }
        out.add("  first sign-in: user 'admin' with " + (DEFAULT_INITIAL_PASSWORD.equals(f.initialPassword())
                ? "the default password '" + DEFAULT_INITIAL_PASSWORD + "' (fg.web.initial-password)"
                : "the password set in fg.web.initial-password (FG_WEB_INITIAL_PASSWORD)")
                + "; the page asks for a new one at once (once changed, this no longer applies)");
        out.add("  data folder:   " + f.dataDir() + " (back it up with: floorgate-gateway backup FILE)");
        return out;
    }
}
