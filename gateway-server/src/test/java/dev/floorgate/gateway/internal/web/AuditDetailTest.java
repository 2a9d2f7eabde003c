package dev.floorgate.gateway.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.lan.DeviceRevocation;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.lan.ErrorBody;
import dev.floorgate.lan.PrintJobResolution;
import dev.floorgate.lan.PrintJobView;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit keeps the same words whatever Java type an answer has: LAN API types, page records, plain maps. */
class AuditDetailTest {
    static ApplicationContext context;
    static JsonMapper json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().eagerInitSingletons(false).start();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aPersonsDecisionOnAJobKeepsTheNewStateThePrinterAndTheReason() {
        PrintJobView job = PrintJobView.builder().jobId("j-1").tenant("acme").printer("pack-1").state("FAILED")
                .createdAt("2026-01-01T00:00:00Z").updatedAt("2026-01-01T00:00:00Z").createdBy("pda-1")
                .resolution(new PrintJobResolution("DISCARD", "admin", "2026-01-01T00:01:00Z", "torn label")).build();
        assertThat(AuditDetail.of(json, job)).isEqualTo("state=FAILED, printer=pack-1, tenant=acme, reason=torn label");
    }

    @Test
    void refusalsCodesAndRevocationsKeepTheirWordsButNeverTheCode() {
        assertThat(AuditDetail.of(json, new ErrorBody("INVALID", "ttlMinutes: must be 1 to 10080", null)))
                .isEqualTo("error=INVALID, message=ttlMinutes: must be 1 to 10080");
        assertThat(AuditDetail.of(json, new EnrollmentCode("ABCDE-FGHIJ", "acme", "SH01", "2026-01-01T00:10:00Z")))
                .isEqualTo("tenant=acme, warehouse=SH01, expiresAt=2026-01-01T00:10:00Z");
        assertThat(AuditDetail.of(json, new DeviceRevocation("pda-9", true))).isEqualTo("revoked=true, deviceId=pda-9");
    }

    @Test
    void pageRecordsAndMapsReadTheSameAndAListCountsItsItems() {
        AdminViews.FoundPrinter found = new AdminViews.FoundPrinter("10.0.0.5", 9100, "tcp://10.0.0.5:9100", "ZD421",
                "S1", null, "BROADCAST", null, "zebra-S1");
        assertThat(AuditDetail.of(json, new AdminViews.Discovery(List.of(found, found), List.of())))
                .isEqualTo("found=2");
        Map<String, Object> refusal = new LinkedHashMap<>();
        refusal.put("error", "NOT_FOUND");
        refusal.put("message", "no printer 'x'");
        refusal.put("details", Map.of("printer", "x"));
        assertThat(AuditDetail.of(json, refusal)).isEqualTo("error=NOT_FOUND, message=no printer 'x'");
        assertThat(AuditDetail.of(json, new AdminViews.SyncRequested(true, "sync started")))
                .isEqualTo("state=sync started");
        assertThat(AuditDetail.of(json, "plain text")).isNull();
        assertThat(AuditDetail.of(json, null)).isNull();
    }
}
