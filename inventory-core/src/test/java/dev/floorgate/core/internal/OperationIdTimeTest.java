package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.OperationIds;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The time inside an opId decides whether the ledger is asked first; ids without one always are. */
class OperationIdTimeTest {
    @Test
    void uuidV7CarriesItsCreationMillis() {
        long before = System.currentTimeMillis();
        String id = OperationIds.newId();
        long after = System.currentTimeMillis();
        assertThat(OperationIdTime.millis(id)).isBetween(before, after);
        assertThat(OperationIdTime.millis("0190f5c2-7e00-7000-8000-000000000000")).isEqualTo(0x0190f5c27e00L);
    }

    @Test
    void ulidCarriesItsCreationMillis() {
        // 01ARZ3NDEK is 1469922850259 ms (the ULID specification's example).
        assertThat(OperationIdTime.millis("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo(1469922850259L);
    }

    @Test
    void otherIdsCarryNoTime() {
        assertThat(OperationIdTime.millis(UUID.randomUUID().toString())).isEqualTo(OperationIdTime.NONE);
        assertThat(OperationIdTime.millis("not an id")).isEqualTo(OperationIdTime.NONE);
        assertThat(OperationIdTime.millis(null)).isEqualTo(OperationIdTime.NONE);
    }
}
