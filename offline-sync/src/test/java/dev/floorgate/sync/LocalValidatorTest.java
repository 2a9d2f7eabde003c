package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalValidatorTest {
    @TempDir
    Path dir;
    MasterDataCache cache;
    LocalValidator validator;

    @BeforeEach
    void open() throws IOException {
        cache = MasterDataCache.open(dir.resolve("cache.db"));
        validator = new LocalValidator(cache);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private void seed() throws IOException {
        cache.apply(List.of(new SkuItem("acme", "SKU-1", "Widget", "EA", List.of(), List.of()),
                new LocationItem("acme", "SH01", "A-01-01", "BIN"),
                new LocationItem("acme", "SH01", "B-02-01", "BIN")));
    }

    @Test
    void anEmptyCacheDoesNotBlockReceiving() {
        Operation op = Ops.receive("acme", "SKU-NEW", 1);

        assertThat(validator.check(op)).isEmpty();
    }

    @Test
    void anUnknownSkuIsRefusedOnceTheCacheKnowsTheTenantsSkus() throws IOException {
        seed();
        Operation op = Ops.receive("acme", "SKU-X", 1);

        List<LocalProblem> problems = validator.check(op);

        assertThat(problems).containsExactly(new LocalProblem("sku", ResultCodes.UNKNOWN_SKU,
                "SKU 'SKU-X' is not in the gateway's cache for tenant acme"));
        assertThat(validator.problems(op)).containsExactly(new FieldProblem("sku",
                "SKU 'SKU-X' is not in the gateway's cache for tenant acme"));
        assertThat(validator.check(Ops.receive("acme", "SKU-1", 1))).isEmpty();
        assertThat(validator.check(Ops.receive("globex", "SKU-X", 1))).as("a tenant not cached yet").isEmpty();
    }

    @Test
    void unknownBinsAreRefusedForLocationAndToLocation() throws IOException {
        seed();
        Operation move = Operation.builder().opId(OperationIds.newId()).tenant("acme")
                .warehouse("SH01").type(OperationType.MOVE).sku("SKU-1").qty(2L).location("A-01-01")
                .toLocation("Z-99-99").build();
        Operation receive = Ops.receive("acme", "SKU-1", 1).toBuilder().location("Q-00-00").build();

        assertThat(validator.check(move)).extracting(LocalProblem::field, LocalProblem::code)
                .containsExactly(tuple("toLocation", ResultCodes.UNKNOWN_LOCATION));
        assertThat(validator.check(receive)).extracting(LocalProblem::field).containsExactly("location");
        assertThat(validator.check(receive.toBuilder().warehouse("SH02").build()))
                .as("no bins cached for SH02").isEmpty();
    }

    @Test
    void fieldRulesComeFirstAsInvalid() throws IOException {
        seed();
        Operation bad = Ops.receive("acme", "SKU-X", 0).toBuilder().opId("not-an-id").build();

        List<LocalProblem> problems = validator.check(bad);

        assertThat(problems).extracting(LocalProblem::field).containsExactly("opId", "qty", "sku");
        assertThat(problems.get(0).code()).isEqualTo(ResultCodes.INVALID);
        assertThat(problems.get(2).code()).isEqualTo(ResultCodes.UNKNOWN_SKU);
        assertThat(validator.check(bad.toBuilder().tenant("bad tenant!").build()))
                .extracting(LocalProblem::code).containsOnly(ResultCodes.INVALID);
    }
}
