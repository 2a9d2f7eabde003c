package dev.floorgate.lan;

/**
 * The sync queue in GET /health: how many operations wait for the core and how old the oldest is.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class HealthQueue {
    private final long unsynced;
    private final long oldestUnsyncedAgeSeconds;

    public HealthQueue(long unsynced, long oldestUnsyncedAgeSeconds) {
        this.unsynced = unsynced;
        this.oldestUnsyncedAgeSeconds = oldestUnsyncedAgeSeconds;
    }

    public long unsynced() {
        return unsynced;
    }

    /** 0 when nothing waits. */
    public long oldestUnsyncedAgeSeconds() {
        return oldestUnsyncedAgeSeconds;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthQueue)) {
            return false;
        }
        HealthQueue that = (HealthQueue) o;
        return unsynced == that.unsynced && oldestUnsyncedAgeSeconds == that.oldestUnsyncedAgeSeconds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(unsynced) * 31 + Long.hashCode(oldestUnsyncedAgeSeconds);
    }

    @Override
    public String toString() {
        return "HealthQueue{" + "unsynced=" + unsynced
                + ", oldestUnsyncedAgeSeconds=" + oldestUnsyncedAgeSeconds + "}";
    }
}
