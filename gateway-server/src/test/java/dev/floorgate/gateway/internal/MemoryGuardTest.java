package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryGuardTest {
    @Test
    void refusesWithBusyNamingTheFloorWhileTheFreeShareIsBelowIt() {
        AtomicLong used = new AtomicLong(50);
        MemoryGuard guard = new MemoryGuard(15, used::get, 100);
        guard.require("a preview");
        assertThat(guard.freePercent()).isEqualTo(50);

        used.set(90);
        assertThatThrownBy(() -> guard.require("a preview")).isInstanceOfSatisfying(GatewayProblem.class, e -> {
            assertThat(e.code()).isEqualTo(ProblemCode.BUSY);
            assertThat(e.getMessage()).contains("a preview refused: 10% of the heap is free")
                    .contains("fg.limits.min-free-heap-percent 15%");
        });
        used.set(85);
        guard.require("a preview"); // exactly at the floor passes
    }

    @Test
    void zeroTurnsTheGuardOffAndNonsenseIsRefused() {
        new MemoryGuard(0, () -> 100, 100).require("anything");
        assertThatThrownBy(() -> new MemoryGuard(95, () -> 0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 90");
    }

    @Test
    void theRealHeapIsMeasured() {
        assertThat(new MemoryGuard(15).freePercent()).isBetween(1, 100);
    }
}
