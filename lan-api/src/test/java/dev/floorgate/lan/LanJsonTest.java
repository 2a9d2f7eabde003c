package dev.floorgate.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanJsonTest {
    @Test
    void aFieldOfTheWrongKindIsNamedWithWhatWasWrong() {
        assertThatThrownBy(() -> LanJson.read("{\"jobId\":\"j-1\",\"copies\":\"two\"}", PrintJobRequest.class))
                .isInstanceOfSatisfying(LanJsonException.class, e -> {
                    assertThat(e.field()).isEqualTo("copies");
                    assertThat(e).hasMessage("copies: expected a whole number, got the string \"two\"");
                });
        assertThatThrownBy(() -> LanJson.read("{\"jobId\":\"j-1\",\"copies\":1.5}", PrintJobRequest.class))
                .hasMessage("copies: expected a whole number, got 1.5");
        assertThatThrownBy(() -> LanJson.read("{\"jobId\":\"j-1\",\"data\":{\"a\":{\"b\":1}}}", PrintJobRequest.class))
                .isInstanceOfSatisfying(LanJsonException.class, e -> assertThat(e.field()).isEqualTo("data.a"))
                .hasMessage("data.a: expected a string or a number, got an object");
        assertThatThrownBy(() -> LanJson.read("{\"jobId\":7}", PrintJobRequest.class))
                .hasMessage("jobId: expected a string, got the number 7");
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        String body = "{\"error\":\"INVALID_OPERATIONS\",\"accepted\":[],\"rejected\":[{\"opId\":\"a\",\"code\":"
                + "\"INVALID\",\"problems\":[{\"field\":\"qty\",\"message\":3}]}]}";
        assertThatThrownBy(() -> LanJson.read(body, SubmitResult.class))
                .isInstanceOfSatisfying(LanJsonException.class,
                        e -> assertThat(e.field()).isEqualTo("rejected[0].problems[0].message"));
        assertThatThrownBy(() -> LanJson.read("{\"accepted\":[\"a\",1]}", SubmitResult.class))
                .hasMessage("accepted[1]: expected a string, got the number 1");
    }

    @Test
    void requiredFieldsMustBeThereAndNotNull() {
        assertThatThrownBy(() -> LanJson.read("{\"symbology\":\"]C1\"}", ScanRequest.class))
                .hasMessage("data: is required");
        assertThatThrownBy(() -> LanJson.read("{\"data\":null}", ScanRequest.class))
                .hasMessage("data: must not be null");
        assertThatThrownBy(() -> LanJson.read("{\"name\":\"p\"}", PrinterAdoption.class))
                .isInstanceOfSatisfying(LanJsonException.class, e -> assertThat(e.field()).isEqualTo("url"));
    }

    @Test
    void unknownFieldsAreSkippedForForwardCompatibility() throws Exception {
        Session s = LanJson.read("{\"operator\":\"U-42\",\"shift\":{\"from\":\"06:00\"},\"deviceId\":\"pda-17\","
                + "\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"badges\":[1,2]}", Session.class);
        assertThat(s).isEqualTo(new Session("U-42", "pda-17", "acme", "SH01"));
        assertThat(LanJson.write(s))
                .isEqualTo("{\"operator\":\"U-42\",\"deviceId\":\"pda-17\",\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
    }

    @Test
    void notJsonNotAnObjectAndTrailingContentAreRefusedWithWhere() {
        assertThatThrownBy(() -> LanJson.read("{\"badge\":", BadgeLogin.class))
                .isInstanceOf(LanJsonException.class).hasMessageContaining("malformed JSON at line 1");
        assertThatThrownBy(() -> LanJson.read("[1]", BadgeLogin.class))
                .hasMessage("expected a JSON object (BadgeLogin), got an array");
        assertThatThrownBy(() -> LanJson.read("{\"badge\":\"U-1\"} {}", BadgeLogin.class))
                .hasMessageContaining("unexpected content after a JSON object (BadgeLogin)");
        assertThatThrownBy(() -> LanJson.read("", BadgeLogin.class)).hasMessageContaining("empty body");
        StringBuilder deep = new StringBuilder("{\"badge\":\"x\",\"a\":");
        for (int i = 0; i < 100; i++) {
            deep.append('[');
        }
        assertThatThrownBy(() -> LanJson.read(deep.toString(), BadgeLogin.class))
                .isInstanceOf(LanJsonException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void misuseNamesTheClass() {
        assertThatThrownBy(() -> LanJson.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> LanJson.read("{}", String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
        assertThat(LanJson.handles(PrintJobView.class)).isTrue();
        assertThat(LanJson.handles(Map.class)).isFalse();
        assertThat(LanJson.types()).contains(GatewayEvent.class, ScanResult.class).doesNotContain(OperationResult.class);
    }

    @Test
    void eventDataIsTypedByTheEventType() throws Exception {
        OperationResult applied = new OperationResult("op-1", ResultStatus.APPLIED, null, null,
                new StockLevels(9, 6, 3), null);
        GatewayEvent e = new GatewayEvent(3, GatewayEvent.OP_RESULT, "acme", "pda-17", "2026-11-22T08:15:31Z",
                applied);
        String json = LanJson.write(e);
        assertThat(json).isEqualTo("{\"id\":3,\"type\":\"op.result\",\"tenant\":\"acme\",\"deviceId\":\"pda-17\","
                + "\"at\":\"2026-11-22T08:15:31Z\",\"data\":{\"opId\":\"op-1\",\"status\":\"APPLIED\",\"stock\":"
                + "{\"onHand\":9,\"usable\":6,\"reserved\":3}}}");
        GatewayEvent back = LanJson.read(json, GatewayEvent.class);
        assertThat(back.operationResult()).isEqualTo(applied);
        assertThat(back.printJob()).isNull();

        GatewayEvent job = LanJson.read(JsonTrees.resource("golden/event-print-job-held.json"), GatewayEvent.class);
        assertThat(job.printJob().state()).isEqualTo("HELD");
        assertThat(job.printJob().fault()).isEqualTo("disconnected");
        assertThat(job.operationResult()).isNull();
        assertThat(LanJson.read(JsonTrees.resource("golden/event-device-held-back.json"), GatewayEvent.class)
                .device().heldBack()).isEqualTo(12L);
        assertThat(LanJson.read(JsonTrees.resource("golden/event-station.json"), GatewayEvent.class)
                .station().outcome()).isEqualTo("NO_MATCH");
    }

    @Test
    void aResultStatusThisVersionDoesNotKnowIsNoResultYetNotAnError() throws Exception {
        GatewayEvent e = LanJson.read("{\"id\":4,\"type\":\"op.result\",\"at\":\"t\",\"data\":{\"opId\":\"op-1\","
                + "\"status\":\"PARKED\"}}", GatewayEvent.class);
        assertThat(e.operationResult()).isNull();
        assertThat(e.data()).isInstanceOf(Map.class);
        OperationStatus s = LanJson.read("{\"opId\":\"op-1\",\"state\":\"PARKED\",\"result\":{\"opId\":\"op-1\","
                + "\"status\":\"PARKED\"}}", OperationStatus.class);
        assertThat(s.state()).isNull();
        assertThat(s.stateName()).isEqualTo("PARKED");
        assertThat(s.isFinal()).isFalse();
        assertThat(s.result()).isNull();
    }

    @Test
    void sseIdAndEventLinesStandInForMissingIdAndType() throws Exception {
        GatewayEvent bare = LanJson.read("{\"at\":\"t\",\"data\":{\"opId\":\"op-1\",\"status\":\"APPLIED\"}}",
                GatewayEvent.class);
        assertThat(bare.id()).isEqualTo(-1);
        assertThat(bare.type()).isNull();
        GatewayEvent filled = bare.withSseFallbacks("17", "op.result");
        assertThat(filled.id()).isEqualTo(17);
        assertThat(filled.type()).isEqualTo("op.result");
        GatewayEvent full = new GatewayEvent(5, "device", null, null, "t", Collections.emptyMap());
        assertThat(full.withSseFallbacks("9", "other")).isSameAs(full);
    }

    @Test
    void aRejectionWithoutAMessageJoinsItsProblemsButWritesNone() throws Exception {
        OperationRejection r = new OperationRejection("op-2", "UNKNOWN_SKU", null,
                Arrays.asList(new FieldProblem("sku", "unknown SKU SKU-9 in acme")));
        assertThat(r.message()).isEqualTo("sku: unknown SKU SKU-9 in acme");
        assertThat(LanJson.write(r)).isEqualTo("{\"opId\":\"op-2\",\"code\":\"UNKNOWN_SKU\",\"problems\":"
                + "[{\"field\":\"sku\",\"message\":\"unknown SKU SKU-9 in acme\"}]}");
        SubmitResult partly = new SubmitResult("INVALID_OPERATIONS", "1 of 2", Arrays.asList("op-1"),
                Arrays.asList(r));
        assertThat(partly.status()).isEqualTo(422);
        assertThat(partly.rejectionOf("op-2")).isSameAs(r);
        assertThat(partly.rejectionOf("op-1")).isNull();
        assertThat(new SubmitResult(null, null, Arrays.asList("op-1"), null).status()).isEqualTo(202);
    }

    @Test
    void theScanMatchWritesTheFieldsOfItsKindOnly() {
        assertThat(LanJson.write(ScanMatch.sku("SKU-1", "Pen", null)))
                .isEqualTo("{\"kind\":\"SKU\",\"sku\":\"SKU-1\",\"name\":\"Pen\",\"unit\":null}");
        assertThat(LanJson.write(ScanMatch.location("A-01", null)))
                .isEqualTo("{\"kind\":\"LOCATION\",\"location\":\"A-01\",\"type\":null}");
        assertThat(LanJson.write(ScanMatch.none())).isEqualTo("{\"kind\":\"NONE\"}");
    }

    @Test
    void printFieldValuesThatAreNumbersOrBooleansAreReadAsTheirText() throws Exception {
        PrintJobRequest r = LanJson.read("{\"jobId\":\"j\",\"data\":{\"qty\":5,\"weight\":12.50,\"fragile\":true,"
                + "\"note\":null}}", PrintJobRequest.class);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("qty", "5");
        expected.put("weight", "12.50");
        expected.put("fragile", "true");
        assertThat(r.data()).isEqualTo(expected);
    }

    @Test
    void fieldValuesOnTheirOwnAreReadAsTextAndTheirErrorsNameTheField() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("order", "SO-1");
        expected.put("lines", "3");
        assertThat(LanJson.readFieldValues("{\"order\":\"SO-1\",\"lines\":3,\"note\":null}", "data"))
                .isEqualTo(expected);
        assertThatThrownBy(() -> LanJson.readFieldValues("{\"order\":", "data"))
                .isInstanceOfSatisfying(LanJsonException.class, e -> assertThat(e.field()).isNull())
                .hasMessageStartingWith("data: malformed JSON");
        assertThatThrownBy(() -> LanJson.readFieldValues("[1,2]", "data"))
                .isInstanceOfSatisfying(LanJsonException.class, e -> assertThat(e.field()).isEqualTo("data"));
        assertThatThrownBy(() -> LanJson.readFieldValues("{\"a\":[1]}", "data"))
                .hasMessage("data.a: expected a string or a number, got an array");
    }

    @Test
    void aTypeAsAPlainTreeHasItsFieldsAsWritten() {
        Object tree = LanJson.toTree(new DeviceRevocation("pda-1", true));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("deviceId", "pda-1");
        expected.put("revoked", true);
        assertThat(tree).isEqualTo(expected);
    }

    @Test
    void theTokenStaysOutOfToString() {
        assertThat(new EnrollResult("fgd_secret", "pda-17").toString()).doesNotContain("fgd_secret")
                .contains("pda-17");
    }
}
