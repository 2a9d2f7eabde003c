package dev.floorgate.replenishment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The (R, s, S) arithmetic on a known forecast: safety stock, reorder point, order-up-to, MOQ and packs. */
class ReplenishmentPlannerTest {
    /** 10 a day, one-day error sd 4. */
    private static Forecast flat(double perDay, double sd, int days) {
        double[] daily = new double[days];
        Arrays.fill(daily, perDay);
        return new Forecast(Forecast.HOLT_WINTERS, daily, sd);
    }

    @Test
    void figuresFollowTheFormulaAtNinetyFivePercent() {
        // L = 5, R = 4: P = 9; z(0.95) = 1.6449; SS = 1.6449 * 4 * 3 = 19.74 -> 20; s = 90 + 20 = 110; S = 110 + 40
        Suggestion s = ReplenishmentPlanner.plan("A", flat(10, 4, 13), new ReplenishmentSettings(5, 4, 0.95, 0, 1),
                60, 180, 3);
        assertThat(s.z()).isCloseTo(1.6449, Offset.offset(1e-4));
        assertThat(s.safetyStock()).isEqualTo(20);
        assertThat(s.leadTimeDemand()).isEqualTo(50);
        assertThat(s.protectionDemand()).isEqualTo(90);
        assertThat(s.reorderPoint()).isEqualTo(110);
        assertThat(s.orderUpTo()).isEqualTo(150);
        assertThat(s.orderQty()).isEqualTo(90);
        assertThat(s.censoredDays()).isEqualTo(3);
    }

    @Test
    void aPositionAboveTheReorderPointOrdersNothingAndOneAtItOrders() {
        ReplenishmentSettings settings = new ReplenishmentSettings(5, 4, 0.95, 0, 1);
        assertThat(ReplenishmentPlanner.plan("A", flat(10, 4, 13), settings, 111, 180, 0).orderQty()).isZero();
        assertThat(ReplenishmentPlanner.plan("A", flat(10, 4, 13), settings, 110, 180, 0).orderQty()).isEqualTo(40);
    }

    @Test
    void theOrderIsAtLeastTheMoqAndWholePacks() {
        // needs 40 (S 150 - position 110): MOQ 100 lifts it to 100, packs of 24 round it up to 120
        Suggestion s = ReplenishmentPlanner.plan("A", flat(10, 4, 13), new ReplenishmentSettings(5, 4, 0.95, 100, 24),
                110, 180, 0);
        assertThat(s.orderQty()).isEqualTo(120);
        // needs 90: packs of 24 -> 96
        assertThat(ReplenishmentPlanner.plan("A", flat(10, 4, 13), new ReplenishmentSettings(5, 4, 0.95, 0, 24), 60,
                180, 0).orderQty()).isEqualTo(96);
    }

    @Test
    void aHigherServiceLevelHoldsMoreSafetyStock() {
        long previous = -1;
        for (double level : new double[] {0.5, 0.8, 0.9, 0.95, 0.99, 0.999}) {
            long ss = ReplenishmentPlanner.plan("A", flat(10, 4, 13), new ReplenishmentSettings(5, 4, level, 0, 1), 0,
                    180, 0).safetyStock();
            assertThat(ss).isGreaterThan(previous);
            previous = ss;
        }
        assertThat(previous).as("z(0.999) = 3.09: 3.09 * 4 * 3 = 37.1 -> 38").isEqualTo(38);
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new ReplenishmentSettings(-1, 7, 0.95, 0, 1))
                .hasMessage("leadTimeDays must be 0..365, was -1");
        assertThatThrownBy(() -> new ReplenishmentSettings(7, 7, 1.0, 0, 1))
                .hasMessage("serviceLevel must be 0.5..0.9999, was 1.0");
        assertThatThrownBy(() -> new ReplenishmentSettings(7, 7, Double.NaN, 0, 1))
                .hasMessageContaining("serviceLevel");
        assertThatThrownBy(() -> new ReplenishmentSettings(7, 7, 0.95, 0, 0))
                .hasMessage("packSize must be >= 1, was 0");
        assertThatThrownBy(() -> ReplenishmentPlanner.plan("A", flat(10, 4, 3),
                new ReplenishmentSettings(5, 4, 0.95, 0, 1), 0, 180, 0)).isInstanceOf(IllegalStateException.class);
    }
}
