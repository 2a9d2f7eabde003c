package dev.floorgate.replenishment.internal;

import dev.floorgate.replenishment.Forecast;

/**
 * Croston's method with the Syntetos-Boylan bias correction for intermittent demand (most days zero): smooth the
 * size of the non-zero demands and the interval between them separately, forecast (1 - alpha/2) * size / interval
 * per day. Holt-Winters on such a series chases the last spike; this does not. Stock-out days are skipped: they
 * are neither a zero nor a demand, and the interval does not count them.
 */
public final class CrostonSba {
    static final double ALPHA = 0.1;

    private CrostonSba() {
    }

    public static Forecast forecast(double[] y, boolean[] censored, int horizon) {
        double sizeSum = 0;
        int nonZero = 0;
        int observed = 0;
        for (int t = 0; t < y.length; t++) {
            if (!censored[t]) {
                observed++;
                if (y[t] > 0) {
                    sizeSum += y[t];
                    nonZero++;
                }
            }
        }
        if (nonZero == 0) {
            return new Forecast(Forecast.CROSTON_SBA, new double[horizon], 0);
        }
        double size = sizeSum / nonZero;
        double interval = (double) observed / nonZero;
        int sinceLast = 1;
        double squares = 0;
        int errors = 0;
        for (int t = 0; t < y.length; t++) {
            if (censored[t]) {
                continue;
            }
            double forecast = (1 - ALPHA / 2) * size / interval;
            double error = y[t] - forecast;
            squares += error * error;
            errors++;
            if (y[t] > 0) {
                size += ALPHA * (y[t] - size);
                interval += ALPHA * (sinceLast - interval);
                sinceLast = 1;
            } else {
                sinceLast++;
            }
        }
        double perDay = Math.max(0, (1 - ALPHA / 2) * size / interval);
        double[] daily = new double[horizon];
        java.util.Arrays.fill(daily, perDay);
        return new Forecast(Forecast.CROSTON_SBA, daily, Math.sqrt(squares / errors));
    }
}
