package dev.floorgate.templates.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects preview warnings: each distinct message once with its count, at most {@code max} distinct messages;
 * the rest are only counted. Bounded so that a megabyte of garbage cannot make a megabyte of warnings.
 */
final class PreviewWarnings {
    private final int max;
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private int dropped;

    PreviewWarnings(int max) {
        this.max = max;
    }

    void add(String message) {
        int[] count = counts.get(message);
        if (count != null) {
            count[0]++;
        } else if (counts.size() < max) {
            counts.put(message, new int[] {1});
        } else {
            dropped++;
        }
    }

    List<String> list() {
        List<String> out = new ArrayList<>(counts.size() + 1);
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int n = e.getValue()[0];
            out.add(n == 1 ? e.getKey() : e.getKey() + " (" + n + " times)");
        }
        if (dropped > 0) {
            out.add(dropped + " more warnings not shown (limit " + max + " distinct warnings)");
        }
        return out;
    }
}
