package dev.floorgate.replenishment;

/**
 * What to reorder for one SKU, and every figure it came from, so a planner can check it.
 *
 * @param method the forecast model (Forecast constants)
 * @param dailyForecast the mean forecast demand per day over the protection period
 * @param leadTimeDemand forecast demand over the lead time
 * @param protectionDemand forecast demand over lead time + review period
 * @param errorSd the one-day forecast error's standard deviation
 * @param safetyStock z * errorSd * sqrt(lead time + review period), rounded up
 * @param reorderPoint protection demand + safety stock, rounded up: at or below it, order now
 * @param orderUpTo the reorder point plus one review period's demand: what an order fills the position up to
 * @param position the stock position the decision used (usable stock: on hand minus reserved)
 * @param orderQty 0 when no order is due; otherwise at least the MOQ, in whole packs
 */
public record Suggestion(String sku, String method, double dailyForecast, double leadTimeDemand,
        double protectionDemand, double errorSd, double z, long safetyStock, long reorderPoint, long orderUpTo,
        long position, long orderQty, ReplenishmentSettings settings, int historyDays, int censoredDays) {

    public boolean reorder() {
        return orderQty > 0;
    }
}
