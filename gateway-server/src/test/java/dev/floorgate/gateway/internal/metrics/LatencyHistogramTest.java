package dev.floorgate.gateway.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void eachDurationLandsInTheFirstBucketItFitsAndTheBucketsAreWrittenCumulatively() {
        LatencyHistogram h = new LatencyHistogram("fg_t_seconds", "Test.");
        h.record(500_000); // 0.5 ms -> le 0.001
        h.record(1_000_000); // exactly 1 ms -> le 0.001 (bounds are inclusive, as Prometheus' le)
        h.record(49_000_000); // -> le 0.05
        h.record(51_000_000); // -> le 0.06
        h.record(60_000_000_000L); // a minute -> only +Inf
        h.record(-5); // a clock step backwards counts as 0
        String text = h.writeToString();
        assertThat(text).startsWith("# HELP fg_t_seconds Test.\n# TYPE fg_t_seconds histogram\n")
                .contains("fg_t_seconds_bucket{le=\"0.001\"} 3\n")
                .contains("fg_t_seconds_bucket{le=\"0.04\"} 3\n")
                .contains("fg_t_seconds_bucket{le=\"0.05\"} 4\n")
                .contains("fg_t_seconds_bucket{le=\"0.06\"} 5\n")
                .contains("fg_t_seconds_bucket{le=\"10.0\"} 5\n")
                .contains("fg_t_seconds_bucket{le=\"+Inf\"} 6\n")
                .contains("fg_t_seconds_sum 60.101500\n")
                .contains("fg_t_seconds_count 6\n");
        assertThat(text.split("# TYPE").length).as("TYPE written once").isEqualTo(2);
        assertThat(h.count()).isEqualTo(6);
    }
}
