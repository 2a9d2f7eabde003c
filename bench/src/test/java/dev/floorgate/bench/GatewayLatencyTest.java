package dev.floorgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GatewayLatencyTest {
    private static String metrics(long le10ms, long le50ms, long inf) {
        return "# TYPE floorgate_operation_submit_seconds histogram\n"
                + "floorgate_operation_submit_seconds_bucket{le=\"0.01\"} " + le10ms + "\n"
                + "floorgate_operation_submit_seconds_bucket{le=\"0.05\"} " + le50ms + "\n"
                + "floorgate_operation_submit_seconds_bucket{le=\"+Inf\"} " + inf + "\n"
                + "floorgate_operation_submit_seconds_count " + inf + "\n";
    }

    @Test
    void theWindowsQuantilesComeFromTheBucketDifferencesInterpolatedInsideABucket() {
        GatewayLatency before = GatewayLatency.parse(metrics(100, 100, 100));
        GatewayLatency after = GatewayLatency.parse(metrics(190, 200, 200));
        GatewayLatency window = after.minus(before);
        assertThat(window.count()).isEqualTo(100);
        // 90 of 100 within 10 ms: the median is at 50/90 of the first bucket
        assertThat(window.quantileMillis(0.5)).isCloseTo(10 * 50 / 90.0, within(1e-9));
        // the 99th is the 9th of the 10 requests between 10 and 50 ms
        assertThat(window.quantileMillis(0.99)).isCloseTo(10 + 40 * 0.9, within(1e-9));
    }

    @Test
    void aQuantileInTheOpenBucketIsTheLastBoundAndNoRequestsIsMinusOne() {
        GatewayLatency slow = GatewayLatency.parse(metrics(0, 0, 10));
        assertThat(slow.quantileMillis(0.99)).isEqualTo(50.0);
        assertThat(GatewayLatency.parse(metrics(5, 5, 5)).minus(GatewayLatency.parse(metrics(5, 5, 5)))
                .quantileMillis(0.99)).isEqualTo(-1);
        assertThat(GatewayLatency.parse("floorgate_operations_accepted_total 3\n").present()).isFalse();
    }
}
