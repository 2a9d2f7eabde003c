package dev.floorgate.gateway.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.function.LongSupplier;

/**
 * Refuses new heavy work (previews, event streams) while the heap is nearly full, so that no client request can
 * take the last of it and an OutOfMemoryError lands in the spool or outbox threads instead (issue 22 finding 4).
 * The heap in use is the survivor and old pools' current use plus what eden held after its last collection (eden
 * fills with garbage between young collections; counting it would refuse work on a healthy heap).
 */
public final class MemoryGuard {
    private final int minFreePercent;
    private final LongSupplier used;
    private final long max;

    /** @param minFreePercent {@code fg.limits.min-free-heap-percent}, 0 to 90; 0 turns the guard off */
    public MemoryGuard(int minFreePercent) {
        this(minFreePercent, MemoryGuard::liveHeap, Runtime.getRuntime().maxMemory());
    }

    MemoryGuard(int minFreePercent, LongSupplier used, long max) {
        if (minFreePercent < 0 || minFreePercent > 90) {
            throw new IllegalArgumentException("fg.limits.min-free-heap-percent must be 0 to 90, got "
                    + minFreePercent);
        }
        this.minFreePercent = minFreePercent;
        this.used = used;
        this.max = max;
    }

    /** The free share of the heap, 0 to 100. */
    public int freePercent() {
        long u = Math.min(used.getAsLong(), max);
        return (int) ((max - u) * 100 / max);
    }

    /**
     * Passes while the free share is at least the floor.
     *
     * @throws GatewayProblem BUSY naming {@code what}, the free share and the floor
     */
    public void require(String what) {
        int free = freePercent();
        if (free < minFreePercent) {
            throw new GatewayProblem(ProblemCode.BUSY, what + " refused: " + free + "% of the heap is free, below "
                    + "fg.limits.min-free-heap-percent " + minFreePercent + "%; try again later");
        }
    }

    private static long liveHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isValid()) {
                continue;
            }
            // Eden is emptied by every young collection: its current use is mostly garbage-to-be, so it counts with
            // what it held after the last collection. Survivor and old pools count in full (the old pool's
            // after-collection figure can be many promotions old).
            MemoryUsage afterGc = pool.getName().contains("Eden") ? pool.getCollectionUsage() : null;
            MemoryUsage now = pool.getUsage();
            total += afterGc != null ? afterGc.getUsed() : now == null ? 0 : now.getUsed();
        }
        return total;
    }
}
