package dev.floorgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** min, max, then the ceiling d of each failure in a row; each wait must lie in [d/2, d]. */
    private static final long[][] DOUBLING = {
        {500, 60_000, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000},
        {20, 200, 20, 40, 80, 160, 200, 200},
        {1, 1, 1, 1, 1},
        {1_000, 5_000, 1_000, 2_000, 4_000, 5_000, 5_000},
        {3, 10, 3, 6, 10, 10},
    };

    @Test
    void waitsDoubleFromTheMinimumWithJitterUpToTheMaximum() {
        for (long[] row : DOUBLING) {
            Backoff b = new Backoff(row[0], row[1]);
            for (int i = 2; i < row.length; i++) {
                long ceiling = row[i];
                assertThat(b.next()).as("min %d max %d failure %d", row[0], row[1], i - 1)
                        .isBetween(ceiling / 2, ceiling);
            }
            assertThat(b.failures()).isEqualTo(row.length - 2);
            b.reset();
            assertThat(b.failures()).isZero();
            assertThat(b.next()).as("after reset").isBetween(row[0] / 2, row[0]);
        }
    }

    @Test
    void manyFailuresNeverOverflowPastTheMaximum() {
        Backoff b = new Backoff(1_000, Long.MAX_VALUE / 4);
        long last = 0;
        for (int i = 0; i < 200; i++) {
            last = b.next();
            assertThat(last).isPositive();
        }
        assertThat(last).isBetween(Long.MAX_VALUE / 8, Long.MAX_VALUE / 4);
    }

    /** min, max, server cap, Retry-After ms, lowest and highest wait expected. */
    private static final long[][] RETRY_AFTER = {
        {20, 200, 900_000, 3_000, 3_000, 3_300},                 // above max: the server wins
        {20, 200, 900_000, 86_400_000, 900_000, 990_000},        // a day: capped at 15 minutes
        {500, 60_000, 900_000, -5, 0, 0},                        // negative: no wait
        {500, 60_000, 10_000, 30_000, 10_000, 11_000},           // own cap
        {500, 60_000, 900_000, 100, 100, 110},                   // below min: still the server's value
    };

    @Test
    void retryAfterReplacesTheDrawnWaitWithAtMostTenPercentJitterAndIsCapped() {
        for (long[] row : RETRY_AFTER) {
            Backoff b = new Backoff(row[0], row[1], row[2]);
            assertThat(b.next(Duration.ofMillis(row[3]))).as("Retry-After %d ms", row[3])
                    .isBetween(row[4], row[5]);
            assertThat(b.failures()).isEqualTo(1);
        }
        assertThat(new Backoff(500, 60_000).next((Duration) null)).as("no Retry-After").isBetween(250L, 500L);
        assertThat(new Backoff(500, 60_000).maxServerWaitMillis())
                .isEqualTo(Backoff.DEFAULT_MAX_SERVER_WAIT.toMillis());
    }

    /** min, max, floor, lowest and highest wait expected on the first failure. */
    private static final long[][] FLOOR = {
        {100, 10_000, 3_000, 3_000, 3_000},   // floor above the drawn wait
        {100, 10_000, 0, 50, 100},            // no floor: the drawn wait
        {100, 2_000, 5_000, 2_000, 2_000},    // floor above max: max
    };

    @Test
    void aServerFloorIsTheLeastWaitWithinTheMaximum() {
        for (long[] row : FLOOR) {
            Backoff b = new Backoff(row[0], row[1]);
            assertThat(b.next(row[2])).as("floor %d ms", row[2]).isBetween(row[3], row[4]);
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        Backoff b = new Backoff(10_000, 10_000);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(b.next());
        }
        assertThat(seen.size()).isGreaterThan(10);
    }

    @Test
    void badBoundsAreRefusedWithTheNumbers() {
        assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min 0 ms");
        assertThatThrownBy(() -> new Backoff(10, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max 5 ms");
        assertThat(Backoff.between(Duration.ofNanos(10), Duration.ofMillis(50)).minMillis()).isEqualTo(1);
        assertThat(Backoff.between(Duration.ofMillis(500), Duration.ofMillis(100)).maxMillis()).isEqualTo(500);
    }
}
