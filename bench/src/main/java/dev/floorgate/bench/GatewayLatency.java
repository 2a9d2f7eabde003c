package dev.floorgate.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's own time to answer {@code POST /api/v1/operations}, from its /metrics histogram
 * {@code floorgate_operation_submit_seconds}: two readings, the quantiles of the window between them. On this
 * 2-core box the generator's threads wait for CPU before they see an answer, so its time to 202 includes its own
 * scheduling; the gateway's figure does not (it leaves out only TLS and the socket).
 */
final class GatewayLatency {
    static final String NAME = "floorgate_operation_submit_seconds";
    /** Cumulative counts by upper bound in seconds (+Inf as POSITIVE_INFINITY). */
    final TreeMap<Double, Long> cumulative;

    private GatewayLatency(TreeMap<Double, Long> cumulative) {
        this.cumulative = cumulative;
    }

    /** The histogram in a /metrics text; empty when the gateway has none (an older jar). */
    static GatewayLatency parse(String metrics) {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        String prefix = NAME + "_bucket{le=\"";
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                String le = line.substring(prefix.length(), line.indexOf('"', prefix.length()));
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.put(bound, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim()));
            }
        }
        return new GatewayLatency(buckets);
    }

    boolean present() {
        return !cumulative.isEmpty();
    }

    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** This reading minus an earlier one: the requests answered between them. */
    GatewayLatency minus(GatewayLatency earlier) {
        TreeMap<Double, Long> d = new TreeMap<>();
        for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
            d.put(e.getKey(), e.getValue() - earlier.cumulative.getOrDefault(e.getKey(), 0L));
        }
        return new GatewayLatency(d);
    }

    /**
     * The q-quantile in ms, interpolated linearly inside its bucket as Prometheus' histogram_quantile does; in the
     * +Inf bucket the last finite bound (a floor). -1 with no requests.
     */
    double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        double rank = q * total;
        double lower = 0;
        long below = 0;
        for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lower * 1000;
                }
                long inBucket = e.getValue() - below;
                double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return (lower + (e.getKey() - lower) * fraction) * 1000;
            }
            lower = e.getKey().isInfinite() ? lower : e.getKey();
            below = e.getValue();
        }
        return lower * 1000;
    }
}
