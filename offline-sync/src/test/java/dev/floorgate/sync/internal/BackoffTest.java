package dev.floorgate.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void waitsDoubleFromTheMinimumWithJitterUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
        for (long ceiling : ceilings) {
            long d = b.nextDelayMillis(null);
            assertThat(d).isBetween(ceiling / 2, ceiling);
        }
        assertThat(b.failures()).isEqualTo(ceilings.length);
        b.reset();
        assertThat(b.nextDelayMillis(null)).isBetween(250L, 500L);
    }

    @Test
    void retryAfterReplacesTheDrawnWaitWithAtMostTenPercentJitterAndIsCapped() {
        Backoff b = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
        assertThat(b.nextDelayMillis(Duration.ofSeconds(3))).isBetween(3000L, 3300L);
        assertThat(b.nextDelayMillis(Duration.ofDays(1))).isBetween(Backoff.MAX_RETRY_AFTER.toMillis(),
                Backoff.MAX_RETRY_AFTER.toMillis() * 11 / 10);
    }

    @Test
    void jitterSpreadsTheWaits() {
        Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(b.nextDelayMillis(null));
        }
        assertThat(seen.size()).isGreaterThan(10);
    }
}
