package dev.floorgate.replenishment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecast accuracy on a held-out period: each series is cut {@code holdout} days before its end, every method
 * forecasts those days from the cut, and MASE (mean absolute scaled error, Hyndman and Koehler 2006) compares the
 * forecast with the true demand of those days, scaled by the in-sample mean absolute one-day change of the
 * observed sales. MASE 1 is as good in the holdout as the naive one-day-ahead forecast was in the history.
 * The baselines read the sales as a plain system would (stock-out days as they are):
 * <ul>
 *   <li>{@code naive}: the last day's sales, repeated;</li>
 *   <li>{@code moving-average-7}: the mean of the last seven days' sales, repeated.</li>
 * </ul>
 */
public final class AccuracyEvaluation {
    public static final String FORECASTER = "floorgate";
    public static final String NAIVE = "naive";
    public static final String MOVING_AVERAGE = "moving-average-7";

    private AccuracyEvaluation() {
    }

    /** One method's MASE over all series: the mean, the median, and the MASE of each series. */
    public record Row(String method, double meanMase, double medianMase, double[] perSeries) {
    }

    /** Rows in the order floorgate, naive, moving average. */
    public static List<Row> evaluate(List<SyntheticDemand.Series> series, int holdout) {
        Map<String, double[]> mase = new LinkedHashMap<>();
        for (String m : List.of(FORECASTER, NAIVE, MOVING_AVERAGE)) {
            mase.put(m, new double[series.size()]);
        }
        for (int i = 0; i < series.size(); i++) {
            SyntheticDemand.Series s = series.get(i);
            int train = s.observed().days() - holdout;
            if (train < 2) {
                throw new IllegalArgumentException("series " + s.sku() + " has " + s.observed().days()
                        + " days, too few for a holdout of " + holdout);
            }
            DemandHistory history = s.observed().head(train);
            double[] actual = Arrays.copyOfRange(s.trueDemand(), train, train + holdout);
            double scale = naiveScale(history);
            mase.get(FORECASTER)[i] = mae(Forecaster.forecast(history, holdout).daily(), actual) / scale;
            mase.get(NAIVE)[i] = mae(flat(history.sales(train - 1), holdout), actual) / scale;
            double sum = 0;
            for (int t = train - 7; t < train; t++) {
                sum += history.sales(t);
            }
            mase.get(MOVING_AVERAGE)[i] = mae(flat(sum / 7, holdout), actual) / scale;
        }
        List<Row> rows = new ArrayList<>();
        mase.forEach((method, values) -> rows.add(new Row(method, Arrays.stream(values).average().orElse(0),
                median(values), values)));
        return rows;
    }

    /** Mean absolute one-day change of the observed sales: the in-sample naive error, MASE's denominator. */
    static double naiveScale(DemandHistory history) {
        double sum = 0;
        for (int t = 1; t < history.days(); t++) {
            sum += Math.abs(history.sales(t) - history.sales(t - 1));
        }
        double scale = sum / (history.days() - 1);
        if (scale == 0) {
            throw new IllegalArgumentException("a constant history has no naive error to scale by");
        }
        return scale;
    }

    private static double mae(double[] forecast, double[] actual) {
        double sum = 0;
        for (int t = 0; t < actual.length; t++) {
            sum += Math.abs(forecast[t] - actual[t]);
        }
        return sum / actual.length;
    }

    private static double[] flat(double value, int days) {
        double[] out = new double[days];
        Arrays.fill(out, value);
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
