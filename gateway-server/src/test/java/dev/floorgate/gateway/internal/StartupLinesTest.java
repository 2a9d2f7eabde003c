package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the gateway logs once it listens: where to go, where the password comes from, the data, the mode. */
class StartupLinesTest {
    @Test
    void onlineWithHttpsNamesBothListenersBothPagesAndTheDefaultPassword() {
        List<String> lines = new StartupLines(new StartupLines.Facts("gw-7", 8080, 8443, true, false,
                "/var/lib/floorgate/gateway", "https://core:8081", "site-7", true, "floorgate")).lines();
        assertThat(lines.get(0)).isEqualTo("FloorGate gateway ready, ONLINE: syncing to https://core:8081 as key "
                + "'site-7'");
        assertThat(String.join("\n", lines)).contains("site IT page:  https://gw-7:8443/admin/")
                .contains("picker app:    https://gw-7:8443/pick/")
                .contains("plain HTTP:    http://gw-7:8080/ (/health, /metrics and the site CA")
                .contains("the default password 'floorgate' (fg.web.initial-password)")
                .contains("data folder:   /var/lib/floorgate/gateway");
    }

    @Test
    void offlineWithoutHttpsPointsAtThePlainPortAndNeverPrintsAConfiguredPassword() {
        List<String> lines = new StartupLines(new StartupLines.Facts("gw-7", 8080, 8443, false, false, "/data",
                null, null, false, "s3cret-of-site-it")).lines();
        String all = String.join("\n", lines);
        assertThat(lines.get(0)).startsWith("FloorGate gateway ready, OFFLINE: operations queue here until "
                + "FG_CORE_URL");
        assertThat(all).contains("site IT page:  http://gw-7:8080/admin/").contains("picker app:    "
                + "http://gw-7:8080/pick/").contains("HTTPS is off").doesNotContain("https://")
                .contains("the password set in fg.web.initial-password (FG_WEB_INITIAL_PASSWORD)")
                .doesNotContain("s3cret-of-site-it");
    }
}
