package dev.floorgate.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies as today's gateway writes them (golden/*.json: captured from a running gateway-server, or written from its
 * controllers' code for shapes a test gateway without a core cannot produce) read into the types and written back.
 * "exact" bodies must come back byte for byte; the others come from {@code Map.of} in the gateway, whose key order
 * changes from run to run, and must come back JSON-equal.
 */
class GoldenBodiesTest {
    static Stream<Arguments> bodies() {
        return Stream.of(
                // enrollment and sessions
                exact("request-enrollment-code.json", EnrollmentCodeRequest.class),
                exact("enrollment-code-201.json", EnrollmentCode.class),
                exact("request-enroll.json", EnrollRequest.class),
                exact("enroll.json", EnrollResult.class),
                equal("admin-device-revoke.json", DeviceRevocation.class),
                exact("request-session.json", BadgeLogin.class),
                exact("session-post.json", Session.class),
                equal("session-delete.json", Logout.class),
                // the picker app on offer (AppDownloadController; an APK without its version file: nulls written)
                exact("app.json", AppRelease.class),
                exact("app-unversioned.json", AppRelease.class),
                // operations
                exact("operations-202.json", SubmitResult.class),
                equal("operations-422.json", SubmitResult.class),
                exact("operation-pending.json", OperationStatus.class),
                equal("operation-applied.json", OperationStatus.class),
                exact("operation-rejected.json", OperationStatus.class),
                // tasks and scans
                exact("tasks-empty.json", PickTasks.class),
                exact("tasks.json", PickTasks.class),
                exact("request-scan.json", ScanRequest.class),
                exact("scan-gs1.json", ScanResult.class),
                exact("scan-gs1-problem.json", ScanResult.class),
                exact("scan-no-match.json", ScanResult.class),
                exact("scan-sku.json", ScanResult.class),
                exact("scan-sku-without-unit.json", ScanResult.class),
                exact("scan-location.json", ScanResult.class),
                exact("scan-order.json", ScanResult.class),
                exact("scan-sscc.json", ScanResult.class),
                // printing
                exact("request-print-job-template.json", PrintJobRequest.class),
                exact("request-print-job-raw.json", PrintJobRequest.class),
                exact("print-job-202.json", PrintJobView.class),
                exact("print-job-raw-202.json", PrintJobView.class),
                exact("print-job-get.json", PrintJobView.class),
                exact("request-print-job-decision.json", PrintJobDecision.class),
                exact("print-job-discard.json", PrintJobView.class),
                exact("print-jobs-list.json", PrintJobList.class),
                // devices and templates
                exact("devices-printer-and-pda.json", DeviceList.class),
                exact("devices-scanner-and-station.json", DeviceList.class),
                exact("request-admin-printer.json", PrinterAdoption.class),
                equal("admin-printers-201.json", AdoptedPrinter.class),
                exact("template.json", TemplateView.class),
                exact("templates-list.json", TemplateList.class),
                exact("request-preview.json", PreviewRequest.class),
                // health (written from HealthController's code: its LinkedHashMap order, nulls written)
                exact("health-offline.json", Health.class),
                exact("health-online.json", Health.class),
                exact("health-degraded.json", Health.class),
                // errors and events
                exact("error-404.json", ErrorBody.class),
                exact("error-400.json", ErrorBody.class),
                exact("event-print-job-queued.json", GatewayEvent.class),
                exact("event-print-job-printing.json", GatewayEvent.class),
                exact("event-print-job-held.json", GatewayEvent.class),
                exact("event-device-print-failed.json", GatewayEvent.class),
                exact("event-device-state.json", GatewayEvent.class),
                exact("event-device-held-back.json", GatewayEvent.class),
                exact("event-station.json", GatewayEvent.class),
                equal("event-op-result.json", GatewayEvent.class),
                exact("event-op-rejected.json", GatewayEvent.class),
                exact("event-future-type.json", GatewayEvent.class));
    }

    private static Arguments exact(String file, Class<?> type) {
        return Arguments.of(file, type, true);
    }

    private static Arguments equal(String file, Class<?> type) {
        return Arguments.of(file, type, false);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("bodies")
    void readsAndWritesBackWhatTheGatewayWrites(String file, Class<?> type, boolean exact) throws Exception {
        String golden = JsonTrees.resource("golden/" + file);
        Object read = LanJson.read(golden, type);
        assertThat(read).isInstanceOf(type);
        String written = LanJson.write(read);
        if (exact) {
            assertThat(written).isEqualTo(golden);
        } else {
            assertThat(JsonTrees.parse(written)).isEqualTo(JsonTrees.parse(golden));
        }
        assertThat(LanJson.read(written, type)).as("read back equals the first read").isEqualTo(read)
                .hasSameHashCodeAs(read);
    }

    @ParameterizedTest(name = "every file is in the table")
    @MethodSource("bodies")
    void theGoldenFileExists(String file, Class<?> type, boolean exact) {
        assertThat(JsonTrees.resource("golden/" + file)).startsWith("{");
    }

    @org.junit.jupiter.api.Test
    void theAdminDeviceListIsAnArrayOfDevicesWithNullFieldsLeftOut() throws Exception {
        String golden = JsonTrees.resource("golden/admin-devices.json");
        List<EnrolledDevice> devices = LanJson.readList(golden, EnrolledDevice.class);
        assertThat(devices).hasSize(1);
        assertThat(devices.get(0).revokedAt()).isEqualTo("2026-12-04T18:07:59.320557621Z");
        assertThat(LanJson.write(devices)).isEqualTo(golden);
        EnrolledDevice active = new EnrolledDevice("pda-1", "acme", "SH01", "pda", "2026-11-22T08:00:00Z", null, null);
        assertThat(LanJson.write(active)).isEqualTo("{\"deviceId\":\"pda-1\",\"tenant\":\"acme\",\"warehouse\":"
                + "\"SH01\",\"kind\":\"pda\",\"enrolledAt\":\"2026-11-22T08:00:00Z\"}");
    }
}
