package dev.floorgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationJsonTest {
    private static final String CANONICAL = "{\"opId\":\"0190f5c2-7b1a-7c3e-8f00-000000000001\",\"tenant\":\"acme\","
            + "\"warehouse\":\"SH01\",\"type\":\"MOVE\",\"sku\":\"SKU-123\",\"qty\":3,\"location\":\"A-01-03\","
            + "\"toLocation\":\"B-02-01\",\"orderNo\":\"SO-991\",\"lot\":\"ABC123\",\"serial\":\"S123\","
            + "\"expiry\":\"2026-12-31\",\"deviceId\":\"pda-17\",\"operator\":\"u-42\","
            + "\"occurredAt\":\"2026-11-22T08:15:30.120Z\"}";

    @Test
    void canonicalJsonRoundTripsByteForByte() {
        Operation op = OperationJson.readOperation(CANONICAL);
        assertThat(op.type()).isEqualTo(OperationType.MOVE);
        assertThat(op.qty()).isEqualTo(3L);
        assertThat(op.expiry()).isEqualTo("2026-12-31");
        assertThat(OperationJson.write(op)).isEqualTo(CANONICAL);
        assertThat(OperationJson.readOperation(OperationJson.write(op))).isEqualTo(op);
    }

    @Test
    void fieldOrderAndWhitespaceOfTheInputDoNotChangeTheCanonicalForm() {
        String shuffled = "{ \"qty\": 3, \"sku\": \"SKU-1\", \"type\": \"RECEIVE\", \"extra\": {\"a\": [1, 2]},\n"
                + " \"warehouse\": \"SH01\", \"tenant\": \"acme\", \"opId\": \"0190f5c2-7b1a-7c3e-8f00-000000000002\" }";
        Operation op = OperationJson.readOperation(shuffled);
        assertThat(OperationJson.write(op)).isEqualTo("{\"opId\":\"0190f5c2-7b1a-7c3e-8f00-000000000002\","
                + "\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\",\"sku\":\"SKU-1\",\"qty\":3}");
        assertThat(OperationJson.fingerprint(op)).hasSize(64)
                .isEqualTo(OperationJson.fingerprint(OperationJson.readOperation(OperationJson.write(op))));
    }

    @Test
    void fingerprintChangesWithTheBody() {
        Operation a = OperationJson.readOperation(CANONICAL);
        Operation b = a.toBuilder().qty(4L).build();
        assertThat(OperationJson.fingerprint(a)).isNotEqualTo(OperationJson.fingerprint(b));
    }

    @Test
    void wrongJsonTypesAreRecordedOnTheOperationNotThrown() {
        Operation op = OperationJson.readOperation("{\"opId\":\"0190f5c2-7b1a-7c3e-8f00-000000000003\","
                + "\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"PICK\",\"sku\":7,\"qty\":\"three\"}");
        assertThat(OperationValidator.problems(op)).extracting(FieldProblem::toString)
                .contains("sku: must be a string, found VALUE_NUMBER_INT",
                        "qty: must be an integer, found VALUE_STRING");
        Operation decimal = OperationJson.readOperation("{\"qty\":1.5}");
        assertThat(decimal.readProblems()).extracting(FieldProblem::toString)
                .containsExactly("qty: must be an integer, found a decimal number");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> OperationJson.readOperation("{\"opId\": \"x\",\n \"qty\": }"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> OperationJson.readOperation(""))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> OperationJson.readOperation("[1,2]"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("expected an operation object");
        assertThatThrownBy(() -> OperationJson.readOperation("{} {}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("after the JSON document");
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsMalformedNotANullPointer() {
        // Jackson's nesting constraint throws without a location; the message must still be ours.
        String deep = "{\"opId\": " + "[".repeat(100_000);
        assertThatThrownBy(() -> OperationJson.readOperation(deep))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("malformed JSON")
                .hasMessageContaining("32");
        assertThatThrownBy(() -> OperationJson.readOperations("{\"operations\": [" + deep + "]}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void devicePostsOneOperationOrAWrapper() {
        assertThat(OperationJson.readOperations(CANONICAL)).hasSize(1);
        List<Operation> many = OperationJson.readOperations("{\"operations\":[" + CANONICAL + "," + CANONICAL + "]}");
        assertThat(many).hasSize(2);
        assertThatThrownBy(() -> OperationJson.readOperations("{\"sku\":\"x\",\"operations\":[]}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("not both");
    }

    @Test
    void batchRoundTripsAndANonObjectElementBecomesAnInvalidOperation() {
        Operation op = OperationJson.readOperation(CANONICAL);
        String json = OperationJson.writeBatch(new BatchRequest("gw-1", Arrays.asList(op, op)));
        BatchRequest back = OperationJson.readBatch(json);
        assertThat(back.gatewayId()).isEqualTo("gw-1");
        assertThat(back.operations()).containsExactly(op, op);

        BatchRequest withJunk = OperationJson.readBatch("{\"operations\":[" + CANONICAL + ", 42]}");
        assertThat(withJunk.operations()).hasSize(2);
        assertThat(OperationValidator.problems(withJunk.operations().get(1))).extracting(FieldProblem::field)
                .contains("operations[1]");
        assertThatThrownBy(() -> OperationJson.readBatch("{\"gatewayId\":\"g\"}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("operations: is required");
    }

    @Test
    void resultsRoundTrip() {
        OperationResult applied = OperationResult.applied("id-1", new StockLevels(10, 7, 3));
        OperationResult rejected = OperationResult.rejected("id-2", ResultCodes.INSUFFICIENT_STOCK,
                "usable 2 < requested 3 for acme/SH01/SKU-123");
        OperationResult counted = new OperationResult("id-3", ResultStatus.APPLIED, null, null,
                new StockLevels(5, 5, 0), -2L);
        String json = OperationJson.writeResults(Arrays.asList(applied, rejected, counted));
        assertThat(json).startsWith("{\"results\":[{\"opId\":\"id-1\",\"status\":\"APPLIED\","
                + "\"stock\":{\"onHand\":10,\"usable\":7,\"reserved\":3}}");
        assertThat(OperationJson.readResults(json)).containsExactly(applied, rejected, counted);
    }

    @Test
    void aDuplicateCarriesTheFirstResultsDetail() {
        OperationResult first = OperationResult.applied("id-1", new StockLevels(10, 7, 3));
        OperationResult dup = OperationResult.duplicateOf(first);
        assertThat(dup.status()).isEqualTo(ResultStatus.DUPLICATE);
        assertThat(dup.stock()).isEqualTo(first.stock());
        assertThat(dup.code()).isEqualTo("APPLIED");
        OperationResult rejected = OperationResult.rejected("id-2", ResultCodes.UNKNOWN_SKU, "no SKU X");
        assertThat(OperationResult.duplicateOf(rejected).code()).isEqualTo(ResultCodes.UNKNOWN_SKU);
    }

    @Test
    void theEntryMethodIsReadAndWrittenAfterTheOtherFields() {
        String typed = CANONICAL.substring(0, CANONICAL.length() - 1) + ",\"entryMethod\":\"typed\"}";
        Operation op = OperationJson.readOperation(typed);
        assertThat(op.entryMethod()).isEqualTo("typed");
        assertThat(OperationJson.write(op)).isEqualTo(typed);
        assertThat(op).isNotEqualTo(OperationJson.readOperation(CANONICAL));
        assertThat(op.toBuilder().build()).isEqualTo(op);
        assertThat(OperationJson.readOperation(CANONICAL).entryMethod()).isNull();
    }
}
