package dev.floorgate.gateway.internal.metrics;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the Prometheus text exposition format (version 0.0.4). The gateway's metrics are a few dozen gauges and
 * counters read from snapshots at scrape time, so writing the format directly is simpler than registering
 * callbacks with a metrics library and costs nothing between scrapes.
 */
public final class PrometheusText {
    private final StringBuilder out = new StringBuilder(4096);
    private final Set<String> described = new LinkedHashSet<>();

    /** One sample; {@code labels} alternate name, value. HELP and TYPE are written once per metric name. */
    public PrometheusText sample(String name, String type, String help, double value, String... labels) {
        if (described.add(name)) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ');
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%.6f", value));
        }
        out.append('\n');
        return this;
    }

    public PrometheusText gauge(String name, String help, double value, String... labels) {
        return sample(name, "gauge", help, value, labels);
    }

    public PrometheusText counter(String name, String help, double value, String... labels) {
        return sample(name, "counter", help, value, labels);
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
