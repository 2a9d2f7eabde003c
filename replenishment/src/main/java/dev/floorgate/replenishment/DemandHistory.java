package dev.floorgate.replenishment;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One SKU's daily demand in one warehouse: day {@code i} is {@code firstDay + i}. A censored day is a stock-out
 * day: the sales that day are only a lower bound of the demand (customers wanted more than was there), so the
 * forecast must not read them as the demand itself, and a day with zero sales because the shelf was empty is not
 * a day of zero demand.
 */
public final class DemandHistory {
    private final LocalDate firstDay;
    private final double[] sales;
    private final boolean[] censored;

    /**
     * @param sales units sold per day, each finite and >= 0
     * @param censored per day, whether the SKU was out of stock (same length as sales)
     * @throws IllegalArgumentException naming the first bad day
     */
    public DemandHistory(LocalDate firstDay, double[] sales, boolean[] censored) {
        if (firstDay == null) {
            throw new IllegalArgumentException("firstDay is required");
        }
        if (sales.length != censored.length) {
            throw new IllegalArgumentException("sales has " + sales.length + " days but censored has "
                    + censored.length);
        }
        for (int i = 0; i < sales.length; i++) {
            if (!Double.isFinite(sales[i]) || sales[i] < 0) {
                throw new IllegalArgumentException("sales on " + firstDay.plusDays(i) + " (day " + i + ") must be "
                        + "a finite number >= 0, was " + sales[i]);
            }
        }
        this.firstDay = firstDay;
        this.sales = sales.clone();
        this.censored = censored.clone();
    }

    /** A history with no stock-out days. */
    public static DemandHistory uncensored(LocalDate firstDay, double... sales) {
        return new DemandHistory(firstDay, sales, new boolean[sales.length]);
    }

    public LocalDate firstDay() {
        return firstDay;
    }

    public int days() {
        return sales.length;
    }

    public double sales(int day) {
        return sales[day];
    }

    public boolean censored(int day) {
        return censored[day];
    }

    public int censoredDays() {
        int n = 0;
        for (boolean c : censored) {
            n += c ? 1 : 0;
        }
        return n;
    }

    /** The first {@code days} days (a training window for evaluation). */
    public DemandHistory head(int days) {
        return new DemandHistory(firstDay, Arrays.copyOf(sales, days), Arrays.copyOf(censored, days));
    }

    /** A copy of the sales per day. */
    public double[] salesArray() {
        return sales.clone();
    }

    /** A copy of the censored flags per day. */
    public boolean[] censoredArray() {
        return censored.clone();
    }
}
