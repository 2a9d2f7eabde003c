package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Traffic lanes, hot-record isolation and per-tenant switch defaults (issue 14), {@code fg.core.lanes.*},
 * {@code fg.core.hotspot.*} and {@code fg.core.switches.*}. Each lane is a bounded executor: {@code threads}
 * requests run at once, {@code queue} more wait, and one that waited longer than {@code timeout} is answered 429
 * without being applied; a full queue is 429 at once. Both carry Retry-After ({@code fg.core.retry-after}).
 */
public final class TrafficConfiguration {
    private TrafficConfiguration() {
    }

    /** One lane's limits. */
    public abstract static class Lane {
        private int threads;
        private int queue;
        private Duration timeout;

        Lane(int threads, int queue, Duration timeout) {
            this.threads = threads;
            this.queue = queue;
            this.timeout = timeout;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public int getQueue() {
            return queue;
        }

        public void setQueue(int queue) {
            this.queue = queue;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** {@code fg.core.lanes.*}. */
    @ConfigurationProperties("fg.core.lanes")
    public static class Lanes {
        /** {@code fg.core.lanes.bulk-threshold}: a batch with more operations than this is bulk (100). */
        private int bulkThreshold = 100;

        public int getBulkThreshold() {
            return bulkThreshold;
        }

        public void setBulkThreshold(int bulkThreshold) {
            this.bulkThreshold = bulkThreshold;
        }
    }

    /** {@code fg.core.lanes.realtime.*}: PDA batches (32 threads, queue 512, timeout 5s). */
    @ConfigurationProperties("fg.core.lanes.realtime")
    public static class Realtime extends Lane {
        public Realtime() {
            super(32, 512, Duration.ofSeconds(5));
        }
    }

    /** {@code fg.core.lanes.bulk.*}: backlog drains ({@code X-FG-Lane: bulk}), large batches, imports (4, 64, 30s). */
    @ConfigurationProperties("fg.core.lanes.bulk")
    public static class Bulk extends Lane {
        public Bulk() {
            super(4, 64, Duration.ofSeconds(30));
        }
    }

    /** {@code fg.core.lanes.sync.*}: the changes feed and reconciliation on demand (4, 64, 30s). */
    @ConfigurationProperties("fg.core.lanes.sync")
    public static class Sync extends Lane {
        public Sync() {
            super(4, 64, Duration.ofSeconds(30));
        }
    }

    /**
     * {@code fg.core.hotspot.*}: batches touching a hot record run in their own lane (threads 4, queue 256,
     * timeout 2s); a record is hot when it got {@code threshold} operations (2000) within {@code window} (1s,
     * counted in {@code slices} of it, 10), and cools below half of that.
     */
    @ConfigurationProperties("fg.core.hotspot")
    public static class Hotspot extends Lane {
        private Duration window = Duration.ofSeconds(1);
        private int slices = 10;
        private long threshold = 2000;

        public Hotspot() {
            super(4, 256, Duration.ofSeconds(2));
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public int getSlices() {
            return slices;
        }

        public void setSlices(int slices) {
            this.slices = slices;
        }

        public long getThreshold() {
            return threshold;
        }

        public void setThreshold(long threshold) {
            this.threshold = threshold;
        }
    }

    /**
     * {@code fg.core.switches.*}: the per-tenant switches' defaults for tenants without a row, and how often every
     * instance rereads the table ({@code refresh}, 2s).
     */
    @ConfigurationProperties("fg.core.switches")
    public static class Switches {
        private boolean combining = true;
        private boolean hotspotIsolation = true;
        private Duration refresh = Duration.ofSeconds(2);

        public boolean isCombining() {
            return combining;
        }

        public void setCombining(boolean combining) {
            this.combining = combining;
        }

        public boolean isHotspotIsolation() {
            return hotspotIsolation;
        }

        public void setHotspotIsolation(boolean hotspotIsolation) {
            this.hotspotIsolation = hotspotIsolation;
        }

        public Duration getRefresh() {
            return refresh;
        }

        public void setRefresh(Duration refresh) {
            this.refresh = refresh;
        }
    }
}
