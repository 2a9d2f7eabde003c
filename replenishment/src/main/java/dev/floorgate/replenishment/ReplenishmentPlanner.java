package dev.floorgate.replenishment;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A periodic-review (R, s, S) policy from a forecast: with protection period P = lead time L + review period R,
 * <pre>
 *   safety stock  SS = z(service level) * sigma_1 * sqrt(P)        sigma_1 = one-day forecast error sd
 *   reorder point s  = forecast demand over P + SS
 *   order-up-to   S  = s + forecast demand over the R days after P
 *   order qty        = S - position, at least the MOQ, rounded up to whole packs; 0 while position > s
 *                      (and 0 when s is 0: no demand expected, no order, whatever the MOQ)
 * </pre>
 * sqrt(P) treats the daily errors as independent: the README says where that is optimistic. z is the standard
 * normal inverse (commons-math). Every figure is finite and non-negative; quantities saturate at
 * {@link #MAX_QUANTITY} rather than overflow.
 */
public final class ReplenishmentPlanner {
    /** A quantity no warehouse orders; bigger figures are clamped to it. */
    public static final long MAX_QUANTITY = 1_000_000_000_000L;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1,
            NormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);

    private ReplenishmentPlanner() {
    }

    /** Forecasts the history and suggests an order for the given stock position. */
    public static Suggestion plan(String sku, DemandHistory history, ReplenishmentSettings settings, long position) {
        int p = settings.protectionDays();
        Forecast forecast = Forecaster.forecast(history, Math.max(1, p + settings.reviewPeriodDays()));
        return plan(sku, forecast, settings, position, history.days(), history.censoredDays());
    }

    static Suggestion plan(String sku, Forecast forecast, ReplenishmentSettings settings, long position,
            int historyDays, int censoredDays) {
        int l = settings.leadTimeDays();
        int p = settings.protectionDays();
        if (forecast.horizon() < p + settings.reviewPeriodDays()) {
            throw new IllegalStateException("a forecast of " + forecast.horizon() + " days cannot cover lead time "
                    + l + " + twice the review period " + settings.reviewPeriodDays());
        }
        double z = STANDARD_NORMAL.inverseCumulativeProbability(settings.serviceLevel());
        double leadTimeDemand = forecast.sum(0, l);
        double protectionDemand = forecast.sum(0, p);
        double cycleDemand = forecast.sum(p, p + settings.reviewPeriodDays());
        long safetyStock = ceil(Math.max(0, z) * forecast.errorSd() * Math.sqrt(p));
        long reorderPoint = ceil(protectionDemand + safetyStock);
        long orderUpTo = ceil(reorderPoint + cycleDemand);
        long qty = 0;
        // a SKU nobody is expected to want gets no order, whatever its MOQ
        if (reorderPoint > 0 && position <= reorderPoint) {
            long need = Math.max(1, Math.max(orderUpTo - Math.max(position, 0), settings.moq()));
            qty = Math.min(MAX_QUANTITY, roundUp(need, settings.packSize()));
        }
        double daily = p == 0 ? forecast.sum(0, 1) : protectionDemand / p;
        return new Suggestion(sku, forecast.method(), daily, leadTimeDemand, protectionDemand, forecast.errorSd(), z,
                safetyStock, reorderPoint, orderUpTo, position, qty, settings, historyDays, censoredDays);
    }

    private static long ceil(double value) {
        if (!(value > 0)) {
            return 0;
        }
        return value >= MAX_QUANTITY ? MAX_QUANTITY : (long) Math.ceil(value - 1e-9);
    }

    private static long roundUp(long quantity, long pack) {
        long packs = quantity / pack + (quantity % pack == 0 ? 0 : 1);
        return packs > MAX_QUANTITY / pack ? MAX_QUANTITY / pack * pack : packs * pack;
    }
}
