package dev.floorgate.bench;

import dev.floorgate.replenishment.AccuracyEvaluation;
import dev.floorgate.replenishment.DemandHistory;
import dev.floorgate.replenishment.Forecaster;
import dev.floorgate.replenishment.ReplenishmentPlanner;
import dev.floorgate.replenishment.ReplenishmentSettings;
import dev.floorgate.replenishment.Suggestion;
import dev.floorgate.replenishment.SyntheticDemand;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecast accuracy of the replenishment module on seeded synthetic demand (trend, weekly season, promotions,
 * stock-outs): MASE on a held-out period against the true demand, for the forecaster and the naive and 7-day
 * moving-average baselines measured in the same run, per seed and over all seeds; and forecasts per second.
 *
 * <pre>./floorgate bench ReplenishmentAccuracyBench [--seeds 12] [--skus 50] [--days 364] [--holdout 28]</pre>
 */
public final class ReplenishmentAccuracyBench {
    private ReplenishmentAccuracyBench() {
    }

    public static void main(String[] args) {
        int seeds = 12;
        int skus = 50;
        int days = 364;
        int holdout = 28;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--seeds" -> seeds = value;
                case "--skus" -> skus = value;
                case "--days" -> days = value;
                case "--holdout" -> holdout = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--seeds, --skus, --days, --holdout)");
            }
        }
        System.out.printf("MASE on a %d-day holdout vs true demand; %d seeds x %d SKUs x %d days%n", holdout, seeds,
                skus, days);
        System.out.printf("%-6s %-22s %-22s %-22s %s%n", "seed", "floorgate mean/median", "naive mean/median",
                "moving-average-7", "floorgate wins vs naive / vs ma7");
        double[][] all = new double[3][];
        List<double[]> perMethod = new ArrayList<>(List.of(new double[0], new double[0], new double[0]));
        for (long seed = 1; seed <= seeds; seed++) {
            List<AccuracyEvaluation.Row> rows = AccuracyEvaluation.evaluate(
                    SyntheticDemand.generate(seed, skus, days, LocalDate.of(2026, 1, 5)), holdout);
            int winsNaive = 0;
            int winsAverage = 0;
            for (int k = 0; k < skus; k++) {
                winsNaive += rows.get(0).perSeries()[k] < rows.get(1).perSeries()[k] ? 1 : 0;
                winsAverage += rows.get(0).perSeries()[k] < rows.get(2).perSeries()[k] ? 1 : 0;
            }
            System.out.printf("%-6d %-22s %-22s %-22s %d/%d  %d/%d%n", seed, cell(rows.get(0)), cell(rows.get(1)),
                    cell(rows.get(2)), winsNaive, skus, winsAverage, skus);
            for (int m = 0; m < 3; m++) {
                perMethod.set(m, concat(perMethod.get(m), rows.get(m).perSeries()));
            }
        }
        for (int m = 0; m < 3; m++) {
            all[m] = perMethod.get(m);
        }
        // ablation: the same series with the stock-out flags dropped (the forecaster reads empty shelves as demand)
        double[] blind = new double[0];
        for (long seed = 1; seed <= seeds; seed++) {
            List<SyntheticDemand.Series> unflagged = new ArrayList<>();
            for (SyntheticDemand.Series s : SyntheticDemand.generate(seed, skus, days, LocalDate.of(2026, 1, 5))) {
                unflagged.add(new SyntheticDemand.Series(s.sku(), DemandHistory.uncensored(s.observed().firstDay(),
                        s.observed().salesArray()), s.trueDemand(), s.promotion()));
            }
            blind = concat(blind, AccuracyEvaluation.evaluate(unflagged, holdout).get(0).perSeries());
        }
        System.out.printf("%-6s %-22s %-22s %-22s%n", "all", summary(all[0]), summary(all[1]), summary(all[2]));
        System.out.printf("%-6s %-22s (floorgate with the stock-out days not flagged)%n", "blind", summary(blind));
        System.out.printf("ratio floorgate/naive %.2f, floorgate/moving-average-7 %.2f (mean MASE)%n",
                mean(all[0]) / mean(all[1]), mean(all[0]) / mean(all[2]));

        // the safety stock's promise: at 95%, the true demand over lead time + review period (7 + 7 days after the
        // cut) should stay within the reorder point in about 95% of the series
        for (double level : new double[] {0.90, 0.95, 0.99}) {
            int covered = 0;
            int total = 0;
            int coveredQuiet = 0;
            int quiet = 0;
            ReplenishmentSettings settings = new ReplenishmentSettings(7, 7, level, 0, 1);
            for (long seed = 1; seed <= seeds; seed++) {
                for (SyntheticDemand.Series s : SyntheticDemand.generate(seed, skus, days, LocalDate.of(2026, 1, 5))) {
                    int train = days - holdout;
                    Suggestion plan = ReplenishmentPlanner.plan(s.sku(), s.observed().head(train), settings, 0);
                    double demand = 0;
                    boolean promotion = false;
                    for (int t = train; t < train + settings.protectionDays(); t++) {
                        demand += s.trueDemand()[t];
                        promotion |= s.promotion()[t];
                    }
                    covered += demand <= plan.reorderPoint() ? 1 : 0;
                    total++;
                    if (!promotion) {
                        coveredQuiet += demand <= plan.reorderPoint() ? 1 : 0;
                        quiet++;
                    }
                }
            }
            System.out.printf("service level %.2f: the reorder point covered the next 14 days' true demand in %.1f%% "
                    + "of %d series; in %.1f%% of the %d without a promotion in those days%n", level,
                    100.0 * covered / total, total, 100.0 * coveredQuiet / quiet, quiet);
        }

        List<SyntheticDemand.Series> timed = SyntheticDemand.generate(99, 200, 182, LocalDate.of(2026, 1, 5));
        for (SyntheticDemand.Series s : timed) {   // warm up
            Forecaster.forecast(s.observed(), 28);
        }
        long start = System.nanoTime();
        for (SyntheticDemand.Series s : timed) {
            Forecaster.forecast(s.observed(), 28);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("forecasts of 182-day histories: %.0f per second (%d in %.2f s, one thread)%n",
                timed.size() / seconds, timed.size(), seconds);
    }

    private static String cell(AccuracyEvaluation.Row row) {
        return String.format("%.3f / %.3f", row.meanMase(), row.medianMase());
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return String.format("%.3f / %.3f", mean(values), sorted[sorted.length / 2]);
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(0);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
