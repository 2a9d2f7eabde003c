package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sliding window of HotspotDetector, on a clock the test moves: hot at the threshold, cool below half. */
class HotspotDetectorTest {
    private final AtomicLong now = new AtomicLong(10_000);
    private final HotspotDetector detector = new HotspotDetector(Duration.ofSeconds(1), 10, 100, now::get);

    @Test
    void aRecordIsHotWhenItsWindowReachesTheThresholdAndCoolsBelowHalf() {
        assertThat(detector.count("acme:SH01:A", 60)).isFalse();
        now.addAndGet(950);
        assertThat(detector.count("acme:SH01:B", 99)).isFalse();
        assertThat(detector.count("acme:SH01:A", 40)).isTrue();
        assertThat(detector.hot()).containsExactly("acme:SH01:A");
        assertThat(detector.count("acme:SH01:A")).isEqualTo(100);

        // 100 ms later the first slice (60) left the window: 40 remain, below half of 100, so the sweep cools it.
        now.addAndGet(100);
        assertThat(detector.count("acme:SH01:A")).isEqualTo(40);
        detector.sweep();
        assertThat(detector.isHot("acme:SH01:A")).isFalse();
        assertThat(detector.hotCount()).isZero();
    }

    @Test
    void aRecordBetweenHalfAndTheThresholdStaysHotAndIdleRecordsAreForgotten() {
        detector.count("acme:SH01:A", 50);
        now.addAndGet(500);
        assertThat(detector.count("acme:SH01:A", 50)).isTrue();
        now.addAndGet(600); // the first 50 left the window; 50 is not below half of 100
        detector.sweep();
        assertThat(detector.isHot("acme:SH01:A")).isTrue();
        now.addAndGet(1000);
        detector.sweep();
        assertThat(detector.isHot("acme:SH01:A")).isFalse();
        assertThat(detector.tracked()).isZero();
    }

    @Test
    void aSliceReusedAfterATurnOfTheRingStartsFromZero() {
        detector.count("acme:SH01:A", 90);
        now.addAndGet(1000); // same slice index, next turn
        assertThat(detector.count("acme:SH01:A", 20)).isFalse();
        assertThat(detector.count("acme:SH01:A")).isEqualTo(20);
    }

    @Test
    void aWindowShorterThanItsSlicesIsRefused() {
        assertThatThrownBy(() -> new HotspotDetector(Duration.ofMillis(5), 10, 100, now::get))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("5 ms in 10 slices");
    }
}
