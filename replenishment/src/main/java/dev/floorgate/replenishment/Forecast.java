package dev.floorgate.replenishment;

/**
 * A demand forecast for the days after a history: {@code daily[h]} is the expected demand on the day {@code h + 1}
 * days after the last day of history, never negative. {@code errorSd} is the standard deviation of the model's
 * one-step (one day ahead) errors in the history, the input of the safety stock; {@code method} names the model
 * that made it (see the module README for when each is used).
 */
public record Forecast(String method, double[] daily, double errorSd) {
    public static final String HOLT_WINTERS = "holt-winters-damped-weekly";
    public static final String CROSTON_SBA = "croston-sba";
    public static final String MEAN = "mean";
    public static final String NONE = "no-history";

    public Forecast {
        daily = daily.clone();
    }

    @Override
    public double[] daily() {
        return daily.clone();
    }

    public int horizon() {
        return daily.length;
    }

    /** Expected demand over days {@code from + 1 .. to} (0 <= from <= to <= horizon). */
    public double sum(int from, int to) {
        double s = 0;
        for (int h = from; h < to; h++) {
            s += daily[h];
        }
        return s;
    }
}
