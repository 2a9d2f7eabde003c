package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.sync.SyncEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's server parts: the site's time zone (fg.site.time-zone) reaches both pages and a wrong name stops the
 * start; a pick's entryMethod (scanned or typed) is checked and recorded with the operation.
 */
class SiteTimeAndEntryMethodTest {
    @TempDir
    Path dataDir;

    @Test
    void bothPagesLearnTheSitesTimeZone() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.site.time-zone", "America/Chicago"))) {
            String device = gateway.enroll("pda-z", "acme", "SH01");
            assertThat(gateway.get("/api/v1/pick/context", device).body())
                    .contains("\"siteTimeZone\":\"America/Chicago\"");
            assertThat(gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).body())
                    .contains("\"timeZone\":\"America/Chicago\"");
        }
    }

    @Test
    void withoutTheSettingTheGatewayMachinesZoneIsTheSites() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String device = gateway.enroll("pda-z", "acme", "SH01");
            assertThat(gateway.get("/api/v1/pick/context", device).body())
                    .contains("\"siteTimeZone\":\"" + java.time.ZoneId.systemDefault().getId() + "\"");
        }
    }

    @Test
    void aTimeZoneJavaDoesNotKnowStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new TestGateway(dataDir, Map.of("fg.site.time-zone", "Mars/Olympus_Mons")).close())
                .hasStackTraceContaining("fg.site.time-zone: is not a time zone, was 'Mars/Olympus_Mons'");
    }

    @Test
    void aTypedPickIsRecordedAsTypedAndAnUnknownEntryMethodIsRefusedByName() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String device = gateway.enroll("pda-t", "acme", "SH01");
            String opId = "0190f5c2-7b1a-7c3e-8f00-0000000000a1";
            HttpResponse<String> r = gateway.post("/api/v1/operations", device, "{\"operations\":[{\"opId\":\""
                    + opId + "\",\"type\":\"PICK\",\"sku\":\"SKU-1\",\"qty\":1,\"location\":\"A-01-03\","
                    + "\"entryMethod\":\"typed\"}]}");
            assertThat(r.statusCode()).as(r.body()).isLessThan(300);
            SyncEngine sync = gateway.context().getBean(SyncEngine.class);
            assertThat(sync.outbox().find(opId).orElseThrow().operation().entryMethod()).isEqualTo("typed");

            HttpResponse<String> bad = gateway.post("/api/v1/operations", device, "{\"operations\":[{\"opId\":\""
                    + "0190f5c2-7b1a-7c3e-8f00-0000000000a2\",\"type\":\"PICK\",\"sku\":\"SKU-1\",\"qty\":1,"
                    + "\"entryMethod\":\"guessed\"}]}");
            assertThat(bad.body()).contains("{\"field\":\"entryMethod\",\"message\":\"must be scanned or typed, "
                    + "was 'guessed'\"}");
            assertThat(sync.outbox().find("0190f5c2-7b1a-7c3e-8f00-0000000000a2")).isEmpty();
        }
    }
}
