package dev.floorgate.sqlite;

/**
 * How hard a commit is pushed to the disk ({@code PRAGMA synchronous}); the journal is always WAL.
 */
public enum Durability {
    /**
     * {@code synchronous=FULL}: COMMIT returns after the WAL is fsynced, so a committed transaction survives
     * kill -9 and power loss. For data that exists nowhere else (the outbox, the print spool, devices).
     */
    FULL,
    /**
     * {@code synchronous=NORMAL}: a crash never corrupts the file, but power loss may undo the last commits. For
     * copies that can be fetched again (the master-data cache) and for read connections.
     */
    NORMAL
}
