package dev.floorgate.lan;

import java.util.Objects;

/**
 * The core link in GET /health: whether a core is configured and reachable, when it was checked and last synced,
 * and the last error. Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class HealthCore {
    private final boolean configured;
    private final Boolean reachable;
    private final String checkedAt;
    private final String lastSyncAt;
    private final String lastError;
    private final String url;
    private final Integer failovers;

    public HealthCore(boolean configured, Boolean reachable, String checkedAt, String lastSyncAt, String lastError) {
        this(configured, reachable, checkedAt, lastSyncAt, lastError, null, null);
    }

    /**
     * @param url       the core instance in use (of several in fg.core.url), or null
     * @param failovers how often the gateway switched away from a failing core since it started, or null
     */
    public HealthCore(boolean configured, Boolean reachable, String checkedAt, String lastSyncAt, String lastError,
            String url, Integer failovers) {
        this.url = url;
        this.failovers = failovers;
        this.configured = configured;
        this.reachable = reachable;
        this.checkedAt = checkedAt;
        this.lastSyncAt = lastSyncAt;
        this.lastError = lastError;
    }

    public boolean configured() {
        return configured;
    }

    /** Whether the core answered its last check; null before the first check (or with no core). */
    public Boolean reachable() {
        return reachable;
    }

    /** ISO-8601 UTC of the last reachability check, or null. */
    public String checkedAt() {
        return checkedAt;
    }

    /** ISO-8601 UTC of the last successful sync, or null. */
    public String lastSyncAt() {
        return lastSyncAt;
    }

    /** The last sync error, or null. */
    public String lastError() {
        return lastError;
    }

    /** The base URL of the core instance in use, or null (offline, or not said). */
    public String url() {
        return url;
    }

    /** How often the gateway failed over to another core instance since it started, or null. */
    public Integer failovers() {
        return failovers;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthCore)) {
            return false;
        }
        HealthCore that = (HealthCore) o;
        return configured == that.configured
                && Objects.equals(reachable, that.reachable)
                && Objects.equals(checkedAt, that.checkedAt)
                && Objects.equals(lastSyncAt, that.lastSyncAt)
                && Objects.equals(lastError, that.lastError)
                && Objects.equals(url, that.url)
                && Objects.equals(failovers, that.failovers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(configured, reachable, checkedAt, lastSyncAt, lastError, url, failovers);
    }

    @Override
    public String toString() {
        return "HealthCore{" + "configured=" + configured
                + ", reachable=" + reachable
                + ", checkedAt=" + checkedAt
                + ", lastSyncAt=" + lastSyncAt
                + ", lastError=" + lastError
                + ", url=" + url
                + ", failovers=" + failovers + "}";
    }
}
