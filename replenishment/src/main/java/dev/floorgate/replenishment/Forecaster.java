package dev.floorgate.replenishment;

import dev.floorgate.replenishment.internal.CrostonSba;
import dev.floorgate.replenishment.internal.HoltWinters;
import java.util.Arrays;

/**
 * Picks the model for a history and forecasts it (the README says why these models and these thresholds):
 * <ul>
 *   <li>no day with sales: zero ({@link Forecast#NONE});</li>
 *   <li>fewer than {@link #MIN_SEASONAL_DAYS} days, or fewer than {@link #MIN_OBSERVED_DAYS} days not out of
 *       stock: the mean of the observed days ({@link Forecast#MEAN}), its spread at least the Poisson one;</li>
 *   <li>at least {@link #INTERMITTENT_ZERO_SHARE} of the observed days zero: Croston-SBA;</li>
 *   <li>otherwise robust, censoring-aware Holt-Winters with damped trend and weekly seasonality.</li>
 * </ul>
 * The result is never negative or NaN, whatever the input (DemandHistory refuses NaN and negative sales).
 */
public final class Forecaster {
    public static final int MIN_SEASONAL_DAYS = 28;
    public static final int MIN_OBSERVED_DAYS = 21;
    public static final double INTERMITTENT_ZERO_SHARE = 0.4;

    private Forecaster() {
    }

    public static Forecast forecast(DemandHistory history, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 day, was " + horizon);
        }
        double[] y = history.salesArray();
        boolean[] censored = history.censoredArray();
        int observed = 0;
        int zeros = 0;
        double observedSum = 0;
        double censoredSum = 0;
        for (int t = 0; t < y.length; t++) {
            if (censored[t]) {
                censoredSum += y[t];
            } else {
                observed++;
                observedSum += y[t];
                zeros += y[t] == 0 ? 1 : 0;
            }
        }
        if (observedSum == 0 && censoredSum == 0) {
            return new Forecast(Forecast.NONE, new double[horizon], 0);
        }
        if (observed == 0) {
            // every day was a stock-out: the sales are all we know, and demand was at least that
            return flat(censoredSum / y.length, 0, horizon);
        }
        if (y.length < MIN_SEASONAL_DAYS || observed < MIN_OBSERVED_DAYS) {
            double mean = observedSum / observed;
            double squares = 0;
            for (int t = 0; t < y.length; t++) {
                if (!censored[t]) {
                    squares += (y[t] - mean) * (y[t] - mean);
                }
            }
            double sd = observed > 1 ? Math.sqrt(squares / (observed - 1)) : 0;
            return flat(mean, sd, horizon);
        }
        if ((double) zeros / observed >= INTERMITTENT_ZERO_SHARE) {
            return CrostonSba.forecast(y, censored, horizon);
        }
        return new HoltWinters(y, censored).forecast(horizon);
    }

    private static Forecast flat(double mean, double sd, int horizon) {
        double[] daily = new double[horizon];
        Arrays.fill(daily, mean);
        // a few days cannot show the spread: assume at least Poisson noise (variance = mean)
        return new Forecast(Forecast.MEAN, daily, Math.max(sd, Math.sqrt(mean)));
    }
}
