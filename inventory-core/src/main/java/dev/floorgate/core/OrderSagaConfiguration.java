package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The order saga's compensation task and stuck-order scan, {@code fg.core.orders.*} (OrderSagaMonitor). */
@ConfigurationProperties(OrderSagaConfiguration.PREFIX)
public class OrderSagaConfiguration {
    public static final String PREFIX = "fg.core.orders";

    /**
     * {@code fg.core.orders.pending-timeout}: an order still PENDING (being reserved) or with a cancel started this
     * long ago was abandoned half-way (core stopped, compensation failed); the compensation task finishes it (30s).
     */
    private Duration pendingTimeout = Duration.ofSeconds(30);
    /** {@code fg.core.orders.stuck-after}: an open order (RESERVED, PARTIAL, PICKED) unchanged this long is stuck (24h). */
    private Duration stuckAfter = Duration.ofHours(24);
    /** {@code fg.core.orders.scan-interval}: how often the compensation task and the scan run (10s; 0 = on demand). */
    private Duration scanInterval = Duration.ofSeconds(10);

    public Duration getPendingTimeout() {
        return pendingTimeout;
    }

    public void setPendingTimeout(Duration pendingTimeout) {
        this.pendingTimeout = pendingTimeout;
    }

    public Duration getStuckAfter() {
        return stuckAfter;
    }

    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    public Duration getScanInterval() {
        return scanInterval;
    }

    public void setScanInterval(Duration scanInterval) {
        this.scanInterval = scanInterval;
    }
}
