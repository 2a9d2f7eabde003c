package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.testing.SchemaPins;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No released migration step of the gateway's SQLite files kept by offline-sync (the outbox, the master-data cache,
 * the parcel book and the photo index) is edited: each step's result is pinned in released-schemas.sha256
 * (SchemaPins says why and what to do). A gateway already past a step never runs it again, so an edited step would
 * give deployed files other tables than new ones.
 */
class ReleasedSchemasTest {
    @TempDir
    Path dir;

    @Test
    void everyReleasedStepMakesWhatItMadeWhenReleased() throws Exception {
        assertThat(SchemaPins.check(ReleasedSchemasTest.class, "/released-schemas.sha256", dir, Outbox.schema(),
                MasterDataCache.SCHEMA, ParcelBook.SCHEMA, PhotoOutbox.SCHEMA)).isEmpty();
    }
}
