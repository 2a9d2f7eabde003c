package dev.floorgate.gateway.internal.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
                out.append(labels[i]).append("=\"");
                appendEscaped(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            out.append((long) value);
        } else {
            appendSixDecimals(value);
        }
        out.append('\n');
        return this;
    }

    /**
     * One series of histogram {@code name} ({@code _bucket}, {@code _sum} or {@code _count}, given as
     * {@code suffix}); HELP and TYPE name the histogram itself, once.
     */
    public PrometheusText histogramSample(String name, String help, String suffix, double value, String... labels) {
        if (described.add(name)) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(" histogram\n");
        }
        described.add(name + suffix);
        return sample(name + suffix, "histogram", help, value, labels);
    }

    /** A bucket bound as Prometheus clients write it: {@code 0.005}, {@code 1.0}. */
    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) + ".0" : BigDecimal.valueOf(v).stripTrailingZeros()
                .toPlainString();
    }

    public PrometheusText gauge(String name, String help, double value, String... labels) {
        return sample(name, "gauge", help, value, labels);
    }

    public PrometheusText counter(String name, String help, double value, String... labels) {
        return sample(name, "counter", help, value, labels);
    }

    /** Backslash, quote and newline escaped, straight into the output (no copies per label). */
    private void appendEscaped(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '"') {
                out.append("\\\"");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
    }

    /**
     * What {@code String.format(Locale.ROOT, "%.6f", value)} writes (HALF_UP to six places), without a Formatter
     * per sample: a scrape writes a few dozen of these. NaN and infinities keep Formatter's words.
     */
    private void appendSixDecimals(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append(String.format(Locale.ROOT, "%.6f", value));
            return;
        }
        BigDecimal rounded = new BigDecimal(Double.toString(value)).setScale(6, RoundingMode.HALF_UP);
        if (rounded.signum() == 0 && (value < 0 || 1 / value < 0)) {
            out.append('-'); // Formatter keeps the sign of a negative value that rounds to zero
        }
        out.append(rounded.toPlainString());
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
