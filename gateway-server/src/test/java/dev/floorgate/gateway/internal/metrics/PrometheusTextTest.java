package dev.floorgate.gateway.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void writesHelpAndTypeOncePerNameAndEscapesLabelValues() {
        String text = new PrometheusText()
                .gauge("fg_printer_up", "Printer reachable.", 1, "printer", "dock \"1\"\\a\nb")
                .gauge("fg_printer_up", "Printer reachable.", 0, "printer", "p2", "site", "SH01")
                .counter("fg_ops_total", "Operations.", 12345678901L)
                .toString();
        assertThat(text).isEqualTo("# HELP fg_printer_up Printer reachable.\n"
                + "# TYPE fg_printer_up gauge\n"
                + "fg_printer_up{printer=\"dock \\\"1\\\"\\\\a\\nb\"} 1\n"
                + "fg_printer_up{printer=\"p2\",site=\"SH01\"} 0\n"
                + "# HELP fg_ops_total Operations.\n"
                + "# TYPE fg_ops_total counter\n"
                + "fg_ops_total 12345678901\n");
    }

    @Test
    void fractionalValuesAreWrittenExactlyAsFormatterWroteThem() {
        double[] fixed = {0.5, -0.5, 0.0000005, 0.0000004999, -0.0000001, 1.0E-7, 2.5E-6, 123.4567895, 0.1 + 0.2,
                1.0E20 + 0.5, 9_007_199_254_740_993.5, 3.14159265358979, -2.718281828, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE};
        for (double v : fixed) {
            assertThat(valueOf(v)).as("value %s", v).isEqualTo(expected(v));
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 12));
            assertThat(valueOf(v)).as("value %s", v).isEqualTo(expected(v));
        }
    }

    private static String expected(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String valueOf(double v) {
        String line = new PrometheusText().gauge("g", "h", v).toString().split("\n")[2];
        return line.substring("g ".length());
    }
}
