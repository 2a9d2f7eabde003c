package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.testing.SchemaPins;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No released migration step of gateway.db (GatewaySchema) is edited: each step's result is pinned in
 * released-schemas.sha256 (SchemaPins says why and what to do).
 */
class ReleasedGatewaySchemaTest {
    @TempDir
    Path dir;

    @Test
    void everyReleasedStepMakesWhatItMadeWhenReleased() throws Exception {
        assertThat(SchemaPins.check(ReleasedGatewaySchemaTest.class, "/released-schemas.sha256", dir,
                GatewaySchema.SCHEMA)).isEmpty();
    }
}
