package dev.floorgate.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds hot stock records (issue 14 item 2): per record, operation counts over a sliding window cut into slices
 * (1s in 10 slices of 100ms by default). A record becomes hot when its window count reaches the threshold and
 * cools when a sweep finds it below half the threshold (the gap keeps a record at the edge from flapping). Both
 * transitions log one line naming the record. Counting is a few atomic adds, on the request path; the sweep (which
 * also forgets records idle for a whole window, so the map does not grow with every record ever seen) runs from
 * {@link #sweep()}, called by the lanes' timer.
 */
final class HotspotDetector {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotDetector.class);

    /** One record's counts: slice i holds the count of the slice number in stamps[i]. */
    private static final class Window {
        final AtomicLongArray counts;
        final AtomicLongArray stamps;

        Window(int slices) {
            counts = new AtomicLongArray(slices);
            stamps = new AtomicLongArray(slices);
        }
    }

    private final int slices;
    private final long sliceMillis;
    private final long threshold;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Set<String> hot = ConcurrentHashMap.newKeySet();

    HotspotDetector(Duration window, int slices, long threshold, LongSupplier clock) {
        if (slices < 1 || window.toMillis() < slices || threshold < 1) {
            throw new IllegalStateException("hotspot window " + window.toMillis() + " ms in " + slices
                    + " slices with threshold " + threshold + ": need at least 1 ms per slice and a threshold >= 1");
        }
        this.slices = slices;
        this.sliceMillis = window.toMillis() / slices;
        this.threshold = threshold;
        this.clock = clock;
    }

    /** Counts n operations on the record now; returns whether the record is hot (after counting). */
    boolean count(String rec, int n) {
        long slice = clock.getAsLong() / sliceMillis;
        Window w = windows.computeIfAbsent(rec, r -> new Window(slices));
        int i = (int) (slice % slices);
        long stamp = w.stamps.get(i);
        if (stamp != slice && w.stamps.compareAndSet(i, stamp, slice)) {
            w.counts.set(i, 0); // a slice from a former turn of the ring: start it again
        }
        w.counts.addAndGet(i, n);
        if (hot.contains(rec)) {
            return true;
        }
        long total = total(w, slice);
        if (total >= threshold && hot.add(rec)) {
            LOG.info("stock record {} is hot: {} operations within {} ms (threshold {}); its batches go to the hot "
                    + "lane", rec, total, sliceMillis * slices, threshold);
        }
        return total >= threshold;
    }

    boolean isHot(String rec) {
        return hot.contains(rec);
    }

    /** The records hot now. */
    Set<String> hot() {
        return Set.copyOf(hot);
    }

    int hotCount() {
        return hot.size();
    }

    /** Operations counted on the record within the window ending now. */
    long count(String rec) {
        Window w = windows.get(rec);
        return w == null ? 0 : total(w, clock.getAsLong() / sliceMillis);
    }

    /** Cools records below half the threshold and forgets records idle for a whole window. */
    void sweep() {
        long slice = clock.getAsLong() / sliceMillis;
        List<String> idle = new ArrayList<>();
        windows.forEach((rec, w) -> {
            long total = total(w, slice);
            if (hot.contains(rec) && total < threshold / 2 && hot.remove(rec)) {
                LOG.info("stock record {} cooled: {} operations within {} ms (threshold {})", rec, total,
                        sliceMillis * slices, threshold);
            }
            if (total == 0) {
                idle.add(rec);
            }
        });
        for (String rec : idle) {
            // A count racing this removal lands in a window about to be dropped: at most one slice's count of one
            // record is lost, which only delays a record becoming hot.
            windows.computeIfPresent(rec, (r, w) -> total(w, clock.getAsLong() / sliceMillis) == 0 ? null : w);
        }
    }

    int tracked() {
        return windows.size();
    }

    private long total(Window w, long slice) {
        long sum = 0;
        for (int i = 0; i < slices; i++) {
            long stamp = w.stamps.get(i);
            if (stamp > slice - slices && stamp <= slice) {
                sum += w.counts.get(i);
            }
        }
        return sum;
    }
}
