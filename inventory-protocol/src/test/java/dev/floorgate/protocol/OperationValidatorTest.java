package dev.floorgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OperationValidatorTest {

    static Operation.Builder valid() {
        return Operation.builder().opId("0190f5c2-7b1a-7c3e-8f00-000000000001").tenant("acme").warehouse("SH01")
                .type(OperationType.PICK).sku("SKU-123").qty(3L).location("A-01-03")
                .occurredAt("2026-11-22T08:15:30.120Z");
    }

    static Stream<Arguments> validOperations() {
        return Stream.of(
                Arguments.of("pick", valid()),
                Arguments.of("receive without location", valid().type(OperationType.RECEIVE).location(null)),
                Arguments.of("negative adjust", valid().type(OperationType.ADJUST).qty(-4L)),
                Arguments.of("count of zero", valid().type(OperationType.COUNT).qty(0L)),
                Arguments.of("move", valid().type(OperationType.MOVE).toLocation("B-02-01")),
                Arguments.of("reserve", valid().type(OperationType.RESERVE).orderNo("SO-991")),
                Arguments.of("ulid id", valid().opId("01ARZ3NDEKTSV4RRFFQ69G5FAV")),
                Arguments.of("gs1 details", valid().lot("ABC123").serial("S1").expiry("2026-12-31")),
                Arguments.of("no occurredAt", valid().occurredAt(null)));
    }

    @ParameterizedTest(name = "{0} is valid")
    @MethodSource("validOperations")
    void validOperationsHaveNoProblems(String name, Operation.Builder op) {
        assertThat(OperationValidator.problems(op.build())).isEmpty();
    }

    static Stream<Arguments> invalidOperations() {
        return Stream.of(
                bad("missing opId", b -> b.opId(null), "opId"),
                bad("opId not a uuid", b -> b.opId("12345"), "opId"),
                bad("missing tenant", b -> b.tenant(null), "tenant"),
                bad("tenant with a space", b -> b.tenant("ac me"), "tenant"),
                bad("missing warehouse", b -> b.warehouse(""), "warehouse"),
                bad("missing type", b -> b.typeName(null), "type"),
                bad("unknown type", b -> b.typeName("STEAL"), "type"),
                bad("missing sku", b -> b.sku(null), "sku"),
                bad("sku too long", b -> b.sku("S".repeat(129)), "sku"),
                bad("sku with a control char", b -> b.sku("SKU\u0000"), "sku"),
                bad("missing qty", b -> b.qty((Long) null), "qty"),
                bad("zero pick", b -> b.qty(0L), "qty"),
                bad("negative pick", b -> b.qty(-1L), "qty"),
                bad("zero adjust", b -> b.type(OperationType.ADJUST).qty(0L), "qty"),
                bad("negative count", b -> b.type(OperationType.COUNT).qty(-1L), "qty"),
                bad("huge qty", b -> b.qty(5_000_000_000L), "qty"),
                bad("putaway without location", b -> b.type(OperationType.PUTAWAY).location(null), "location"),
                bad("move without toLocation", b -> b.type(OperationType.MOVE), "toLocation"),
                bad("reserve without orderNo", b -> b.type(OperationType.RESERVE), "orderNo"),
                bad("release without orderNo", b -> b.type(OperationType.RELEASE), "orderNo"),
                bad("ship without orderNo", b -> b.type(OperationType.SHIP), "orderNo"),
                bad("bad expiry", b -> b.expiry("31.12.2026"), "expiry"),
                bad("bad occurredAt", b -> b.occurredAt("yesterday"), "occurredAt"));
    }

    static Arguments bad(String name, UnaryOperator<Operation.Builder> change, String field) {
        return Arguments.of(name, change.apply(valid()), field);
    }

    @ParameterizedTest(name = "{0} names {2}")
    @MethodSource("invalidOperations")
    void eachInvalidOperationNamesItsField(String name, Operation.Builder op, String field) {
        List<FieldProblem> problems = OperationValidator.problems(op.build());
        assertThat(problems).extracting(FieldProblem::field).containsExactly(field);
        assertThat(problems.get(0).message()).isNotBlank();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Operation op = Operation.builder().typeName("PICK").qty(0L).build();
        List<String> fields = OperationValidator.problems(op).stream().map(FieldProblem::field)
                .collect(Collectors.toList());
        assertThat(fields).containsExactly("opId", "tenant", "warehouse", "sku", "qty");
    }

    @Test
    void requireValidThrowsWithAllProblemsInTheMessage() {
        Operation op = valid().sku(null).qty(0L).build();
        assertThatThrownBy(() -> OperationValidator.requireValid(op))
                .isInstanceOf(InvalidOperationException.class)
                .hasMessageContaining("sku: is required")
                .hasMessageContaining("qty: must be greater than 0 for PICK, was 0");
    }

    @Test
    void newIdsAreWellFormedTimeOrderedUuids() {
        String a = OperationIds.newId();
        String b = OperationIds.newId();
        assertThat(OperationIds.isWellFormed(a)).isTrue();
        assertThat(a.charAt(14)).isEqualTo('7'); // version nibble of a UUIDv7
        assertThat(a.compareTo(b)).isLessThan(0);
    }

    @Test
    void entryMethodIsScannedOrTypedOrAbsent() {
        assertThat(OperationValidator.problems(valid().entryMethod("scanned").build())).isEmpty();
        assertThat(OperationValidator.problems(valid().entryMethod("typed").build())).isEmpty();
        assertThat(OperationValidator.problems(valid().entryMethod(null).build())).isEmpty();
        assertThat(OperationValidator.problems(valid().entryMethod("guessed").build())).extracting(FieldProblem::toString)
                .containsExactly("entryMethod: must be scanned or typed, was 'guessed'");
    }
}
