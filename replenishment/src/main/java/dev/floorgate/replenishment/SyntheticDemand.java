package dev.floorgate.replenishment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Seeded synthetic daily demand for accuracy tests and the accuracy bench: per SKU a base rate, a linear trend,
 * a weekday pattern, promotions (a few days at two to three times the rate) and stock-outs (the shelf runs empty
 * part way through a day and stays empty one to four more days: the sales are cut, the day is flagged censored).
 * Demand on a day is Poisson around the rate. The true demand is kept beside the observed sales, so accuracy can
 * be measured against what customers wanted, not against what the empty shelf let them buy.
 */
public final class SyntheticDemand {
    /** Probability per day that a promotion starts. */
    static final double PROMOTION_START = 1.0 / 45;
    /** Probability per day that a stock-out starts. */
    static final double STOCK_OUT_START = 1.0 / 40;

    private SyntheticDemand() {
    }

    /** One generated SKU: the history as the ledger would show it, and the demand behind it. */
    public record Series(String sku, DemandHistory observed, double[] trueDemand, boolean[] promotion) {
        public Series {
            trueDemand = trueDemand.clone();
            promotion = promotion.clone();
        }

        @Override
        public double[] trueDemand() {
            return trueDemand.clone();
        }

        @Override
        public boolean[] promotion() {
            return promotion.clone();
        }
    }

    /**
     * {@code skus} series of {@code days} days each from one seed: the same seed gives the same series.
     * Base rates run from 3 to 60 units a day, trends up to +-40% over a year, weekday swings up to +-50%.
     */
    public static List<Series> generate(long seed, int skus, int days, LocalDate firstDay) {
        RandomGenerator random = new MersenneTwister(seed);
        List<Series> out = new ArrayList<>();
        for (int k = 0; k < skus; k++) {
            double base = 3 + random.nextDouble() * 57;
            double slope = base * (random.nextDouble() * 0.8 - 0.4) / 365;
            double amplitude = random.nextDouble() * 0.5;
            double[] weekday = new double[7];
            int peak = random.nextInt(7);
            for (int d = 0; d < 7; d++) {
                // a smooth weekly wave plus a weekend-like bump on two days
                weekday[d] = 1 + amplitude * Math.cos(2 * Math.PI * (d - peak) / 7)
                        + (d == (peak + 3) % 7 || d == (peak + 4) % 7 ? -amplitude / 2 : 0);
            }
            double[] demand = new double[days];
            double[] sales = new double[days];
            boolean[] censored = new boolean[days];
            boolean[] promotion = new boolean[days];
            int promotionLeft = 0;
            double lift = 1;
            int stockOutLeft = 0;
            for (int t = 0; t < days; t++) {
                if (promotionLeft == 0 && random.nextDouble() < PROMOTION_START) {
                    promotionLeft = 3 + random.nextInt(5);
                    lift = 2 + random.nextDouble();
                }
                double rate = Math.max(0.05, (base + slope * t) * weekday[t % 7]) * (promotionLeft > 0 ? lift : 1);
                promotion[t] = promotionLeft > 0;
                promotionLeft = Math.max(0, promotionLeft - 1);
                demand[t] = new PoissonDistribution(random, rate, PoissonDistribution.DEFAULT_EPSILON,
                        PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
                if (stockOutLeft == 0 && random.nextDouble() < STOCK_OUT_START) {
                    // the shelf empties part way through today and stays empty 1-4 more days
                    sales[t] = Math.floor(demand[t] * random.nextDouble());
                    censored[t] = true;
                    stockOutLeft = 1 + random.nextInt(4);
                } else if (stockOutLeft > 0) {
                    sales[t] = 0;
                    censored[t] = true;
                    stockOutLeft--;
                } else {
                    sales[t] = demand[t];
                }
            }
            out.add(new Series("SYN-" + seed + "-" + k, new DemandHistory(firstDay, sales, censored), demand,
                    promotion));
        }
        return out;
    }
}
