package dev.floorgate.sync;

import java.time.Instant;

/** A snapshot of the outbox's counters (for health and metrics). */
public final class OutboxStats {
    private final long unsynced;
    private final Instant oldestUnsyncedAcceptedAt;
    private final long acceptedTotal;
    private final long commits;
    private final int writeQueueDepth;
    private final long diskFreeBytes;

    public OutboxStats(long unsynced, Instant oldestUnsyncedAcceptedAt, long acceptedTotal, long commits,
            int writeQueueDepth, long diskFreeBytes) {
        this.unsynced = unsynced;
        this.oldestUnsyncedAcceptedAt = oldestUnsyncedAcceptedAt;
        this.acceptedTotal = acceptedTotal;
        this.commits = commits;
        this.writeQueueDepth = writeQueueDepth;
        this.diskFreeBytes = diskFreeBytes;
    }

    /** Operations not yet answered by the core (PENDING or SYNCING): the queue depth. */
    public long unsynced() {
        return unsynced;
    }

    /** When the oldest unsynced operation was acknowledged; null when none is waiting. */
    public Instant oldestUnsyncedAcceptedAt() {
        return oldestUnsyncedAcceptedAt;
    }

    /** New operations acknowledged since the outbox was opened. */
    public long acceptedTotal() {
        return acceptedTotal;
    }

    /** Write transactions committed since the outbox was opened (group commit: far fewer than appends). */
    public long commits() {
        return commits;
    }

    /** Writes waiting for the writer thread. */
    public int writeQueueDepth() {
        return writeQueueDepth;
    }

    /** Usable bytes on the data directory's disk, or -1 if unknown. */
    public long diskFreeBytes() {
        return diskFreeBytes;
    }

    @Override
    public String toString() {
        return "OutboxStats{unsynced=" + unsynced + ", oldest=" + oldestUnsyncedAcceptedAt + ", accepted="
                + acceptedTotal + ", commits=" + commits + ", queue=" + writeQueueDepth + ", diskFree="
                + diskFreeBytes + "}";
    }
}
