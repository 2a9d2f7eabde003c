package dev.floorgate.replenishment.internal;

import java.util.Arrays;

/** Small statistics over arrays that commons-math would make a detour for. */
final class Stats {
    private Stats() {
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
