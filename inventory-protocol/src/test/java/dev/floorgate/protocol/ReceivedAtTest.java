package dev.floorgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's corrected receive time on an operation (API.md, CORE-API.md; DESIGN.md, "Wrong clocks"). */
class ReceivedAtTest {
    private static final String DEVICE_JSON = "{\"opId\":\"0190f5c2-7b1a-7c3e-8f00-000000000001\",\"tenant\":\"acme\","
            + "\"warehouse\":\"SH01\",\"type\":\"RECEIVE\",\"sku\":\"SKU-1\",\"qty\":3,\"deviceId\":\"pda-17\","
            + "\"occurredAt\":\"1970-01-01T00:03:10Z\"}";

    @Test
    void receivedAtIsWrittenLastAndRoundTrips() {
        Operation device = OperationJson.readOperation(DEVICE_JSON);
        Operation stamped = device.toBuilder().receivedAt("2026-12-05T12:30:00.250Z").build();
        String json = OperationJson.write(stamped);
        assertThat(json).isEqualTo(DEVICE_JSON.substring(0, DEVICE_JSON.length() - 1)
                + ",\"receivedAt\":\"2026-12-05T12:30:00.250Z\"}");
        assertThat(OperationJson.readOperation(json)).isEqualTo(stamped);
        assertThat(OperationJson.readOperation(json).occurredAt()).as("the device's own time is kept")
                .isEqualTo("1970-01-01T00:03:10Z");
    }

    @Test
    void aDifferentReceiveTimeIsTheSameOperationButADifferentBodyIsNot() {
        Operation device = OperationJson.readOperation(DEVICE_JSON);
        Operation first = device.toBuilder().receivedAt("2026-12-05T12:30:00.250Z").build();
        Operation resent = device.toBuilder().receivedAt("2026-12-06T09:00:00Z").build();
        assertThat(OperationJson.fingerprint(first)).isEqualTo(OperationJson.fingerprint(resent))
                .isEqualTo(OperationJson.fingerprint(device));
        assertThat(OperationJson.sameContent(first, resent)).isTrue();
        assertThat(OperationJson.write(first)).isNotEqualTo(OperationJson.write(resent));
        Operation changed = resent.toBuilder().qty(4L).build();
        assertThat(OperationJson.fingerprint(changed)).isNotEqualTo(OperationJson.fingerprint(first));
        assertThat(OperationJson.sameContent(first, changed)).isFalse();
    }

    @Test
    void aReceiveTimeThatIsNotAnInstantIsRefusedNamingTheField() {
        Operation op = OperationJson.readOperation(DEVICE_JSON).toBuilder().receivedAt("yesterday").build();
        assertThat(OperationValidator.problems(op)).extracting(FieldProblem::toString)
                .containsExactly("receivedAt: must be an ISO-8601 UTC timestamp such as 2026-11-22T08:15:30.120Z, "
                        + "was 'yesterday'");
        Operation wrongType = OperationJson.readOperation(DEVICE_JSON.replace("}", ",\"receivedAt\":17}"));
        assertThat(OperationValidator.problems(wrongType)).extracting(FieldProblem::field).contains("receivedAt");
        assertThat(OperationValidator.problems(OperationJson.readOperation(DEVICE_JSON))).isEmpty();
    }

    @Test
    void aSignerGivenACorrectedClockSignsInThatTimeAndTheVerifierAcceptsIt() {
        long coreNow = 1_765_000_000_000L;
        long gatewayLocal = coreNow - 600_000; // the gateway's clock runs 10 minutes slow
        long offset = 600_000; // what the gateway measured
        RequestSigner uncorrected = new RequestSigner("gw-1", "a-secret-of-enough-length", () -> gatewayLocal);
        RequestSigner corrected = new RequestSigner("gw-1", "a-secret-of-enough-length",
                () -> gatewayLocal + offset);
        SignatureVerifier verifier = new SignatureVerifier(ApiKeys.parse("gw-1:a-secret-of-enough-length:acme"),
                new InMemoryNonceStore(() -> coreNow), () -> coreNow, SignatureVerifier.DEFAULT_WINDOW_MILLIS);
        byte[] body = "{}".getBytes();
        Map<String, String> bad = uncorrected.headers("POST", "/v1/operations:batch", body);
        SignatureRejectedException stale = org.junit.jupiter.api.Assertions.assertThrows(
                SignatureRejectedException.class, () -> verifier.verify("POST", "/v1/operations:batch", bad::get,
                        body));
        assertThat(stale.reason()).isEqualTo(SignatureRejectedException.Reason.STALE_TIMESTAMP);
        assertThat(stale.getMessage()).contains("-600000 ms from the core's clock " + coreNow);
        Map<String, String> good = corrected.headers("POST", "/v1/operations:batch", body);
        assertThat(good.get(SignedHeaders.TIMESTAMP)).isEqualTo(Long.toString(coreNow));
        assertThat(verifier.verify("POST", "/v1/operations:batch", good::get, body).keyId()).isEqualTo("gw-1");
    }
}
