package dev.floorgate.replenishment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Histories that try to break the forecast: every answer is finite, non-negative and sane. */
class ForecastRobustnessTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Test
    void anAllZeroHistoryForecastsZeroAndOrdersNothingEvenWithAnMoq() {
        Forecast f = Forecaster.forecast(DemandHistory.uncensored(DAY, new double[200]), 14);
        assertSane(f);
        assertThat(f.sum(0, 14)).isZero();
        Suggestion s = ReplenishmentPlanner.plan("Z", DemandHistory.uncensored(DAY, new double[200]),
                new ReplenishmentSettings(5, 7, 0.99, 48, 12), 0);
        assertThat(s.orderQty()).isZero();
        assertThat(s.reorderPoint()).isZero();
    }

    @Test
    void anEmptyHistoryAndAOneDayHistoryGiveAFlatForecastOfWhatWasSeen() {
        assertThat(Forecaster.forecast(DemandHistory.uncensored(DAY), 7).sum(0, 7)).isZero();
        Forecast one = Forecaster.forecast(DemandHistory.uncensored(DAY, 6), 7);
        assertSane(one);
        assertThat(one.method()).isEqualTo(Forecast.MEAN);
        assertThat(one.daily()).containsOnly(6.0);
        assertThat(one.errorSd()).as("one day shows no spread: at least Poisson's").isEqualTo(Math.sqrt(6));
    }

    @Test
    void intermittentDemandGetsCrostonAndARateNearTheTrueOne() {
        Random random = new Random(7);
        double[] y = new double[300];
        for (int t = 0; t < y.length; t++) {
            y[t] = random.nextDouble() < 0.1 ? 1 + random.nextInt(9) : 0;   // mean 0.1 * 5 = 0.5 a day
        }
        Forecast f = Forecaster.forecast(DemandHistory.uncensored(DAY, y), 28);
        assertSane(f);
        assertThat(f.method()).isEqualTo(Forecast.CROSTON_SBA);
        assertThat(f.sum(0, 28) / 28).isBetween(0.25, 0.9);
    }

    @Test
    void hugeOutliersDoNotDragTheForecast() {
        double[] y = new double[182];
        Arrays.fill(y, 20);
        y[100] = 1e12;
        y[150] = 5e9;
        y[181] = 1e15;   // even on the last day
        Forecast f = Forecaster.forecast(DemandHistory.uncensored(DAY, y), 14);
        assertSane(f);
        assertThat(f.method()).isEqualTo(Forecast.HOLT_WINTERS);
        for (double d : f.daily()) {
            assertThat(d).isBetween(10.0, 40.0);
        }
        Suggestion s = ReplenishmentPlanner.plan("X", DemandHistory.uncensored(DAY, y), ReplenishmentSettings.DEFAULTS,
                0);
        assertThat(s.orderQty()).isBetween(1L, 2000L);
    }

    @Test
    void stockOutDaysAreNotReadAsZeroDemand() {
        double[] sales = new double[140];
        boolean[] censored = new boolean[140];
        Arrays.fill(sales, 30);
        for (int t = 100; t < 140; t += 3) {   // every third day of the last six weeks the shelf ran empty midday
            sales[t] = 12;
            censored[t] = true;
        }
        for (int t = 126; t < 140; t++) {   // and the last two weeks it was empty
            sales[t] = 0;
            censored[t] = true;
        }
        Forecast aware = Forecaster.forecast(new DemandHistory(DAY, sales, censored), 7);
        Forecast blind = Forecaster.forecast(DemandHistory.uncensored(DAY, sales), 7);
        assertSane(aware);
        assertThat(aware.sum(0, 7) / 7).isCloseTo(30, org.assertj.core.data.Offset.offset(1.5));
        assertThat(blind.sum(0, 7) / 7).as("reading stock-outs as zeros under-forecasts").isLessThan(20);
    }

    @Test
    void everyDayOutOfStockStillForecastsTheSalesSeen() {
        double[] sales = {4, 0, 2, 0};
        Forecast f = Forecaster.forecast(new DemandHistory(DAY, sales, new boolean[] {true, true, true, true}), 3);
        assertSane(f);
        assertThat(f.daily()).containsOnly(1.5);
    }

    @Test
    void randomHistoriesOfEveryShapeGiveSaneForecasts() {
        Random random = new Random(2026);
        for (int i = 0; i < 300; i++) {
            int days = random.nextInt(120);
            double[] y = new double[days];
            boolean[] c = new boolean[days];
            double scale = Math.pow(10, random.nextInt(12));
            for (int t = 0; t < days; t++) {
                y[t] = random.nextInt(4) == 0 ? 0 : Math.floor(random.nextDouble() * scale);
                c[t] = random.nextInt(6) == 0;
            }
            ReplenishmentSettings settings = new ReplenishmentSettings(random.nextInt(30), random.nextInt(14),
                    0.5 + random.nextDouble() * 0.4999, random.nextInt(100), 1 + random.nextInt(50));
            DemandHistory history = new DemandHistory(DAY, y, c);
            assertSane(Forecaster.forecast(history, 1 + random.nextInt(40)));
            Suggestion s = ReplenishmentPlanner.plan("R" + i, history, settings, random.nextInt(1000));
            assertThat(s.dailyForecast()).isFinite().isNotNegative();
            assertThat(s.orderQty()).isBetween(0L, ReplenishmentPlanner.MAX_QUANTITY);
            assertThat(s.orderQty() % s.settings().packSize()).isZero();
            assertThat(s.safetyStock()).isNotNegative();
        }
    }

    @Test
    void negativeOrNanSalesAreRefusedNamingTheDay() {
        assertThatThrownBy(() -> DemandHistory.uncensored(DAY, 1, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-03-03").hasMessageContaining("-2.0");
        assertThatThrownBy(() -> DemandHistory.uncensored(DAY, Double.NaN))
                .hasMessageContaining("finite number >= 0, was NaN");
        assertThatThrownBy(() -> Forecaster.forecast(DemandHistory.uncensored(DAY, 1), 0))
                .hasMessageContaining("horizon must be at least 1 day, was 0");
    }

    private static void assertSane(Forecast f) {
        for (double d : f.daily()) {
            assertThat(d).isFinite().isNotNegative();
        }
        assertThat(f.errorSd()).isFinite().isNotNegative();
    }
}
