package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The RabbitMQ side of the core, {@code fg.bus.*}: events out (EVENTS.md), order commands and parcel announcements
 * in. The bus exists only when {@code fg.bus.uri} is set; without it nothing is written to the outbox and no
 * command queue is read.
 */
@ConfigurationProperties(BusConfiguration.PREFIX)
public class BusConfiguration {
    public static final String PREFIX = "fg.bus";

    /** {@code fg.bus.uri}: {@code amqp://user:password@host:5672/vhost} of the core's own account (unset = no bus). */
    private String uri;
    /** {@code fg.bus.exchange}: the durable topic exchange the events go to ({@code floorgate.events}). */
    private String exchange = "floorgate.events";
    /** {@code fg.bus.orders-exchange}: the durable topic exchange order commands are published to. */
    private String ordersExchange = "floorgate.orders";
    /** {@code fg.bus.orders-queue}: the durable queue the core reads order commands from (bound with {@code #}). */
    private String ordersQueue = "floorgate.core.orders";
    /** {@code fg.bus.parcels-exchange}: the durable topic exchange parcel announcements are published to
     * (EVENTS.md "Parcels in"; its own, so the orders queue's {@code #} binding does not receive them). */
    private String parcelsExchange = "floorgate.parcels";
    /** {@code fg.bus.parcels-queue}: the durable queue the core reads parcel announcements from (bound with {@code #}). */
    private String parcelsQueue = "floorgate.core.parcels";
    /** {@code fg.bus.parcels-enabled}: false = no parcel announcements are read from the bus (HTTP only). */
    private boolean parcelsEnabled = true;
    /** {@code fg.bus.publish-batch}: outbox rows sent per confirm round (500). */
    private int publishBatch = 500;
    /** {@code fg.bus.poll-interval}: how often the publisher looks for new outbox rows when not woken (50ms). */
    private Duration pollInterval = Duration.ofMillis(50);
    /** {@code fg.bus.confirm-timeout}: bound on waiting for the broker's confirms of one round (15s; a loaded broker
     * fsyncing 500 persistent messages can take seconds, and a timeout sends the whole round again). */
    private Duration confirmTimeout = Duration.ofSeconds(15);
    /** {@code fg.bus.outbox-retention}: how long published rows stay in the outbox (1d; replays dedupe on them). */
    private Duration outboxRetention = Duration.ofDays(1);
    /** {@code fg.bus.prefetch}: unacknowledged messages each command queue (orders, parcels) may hand the core at
     * once (16). */
    private int prefetch = 16;
    /** {@code fg.bus.retry-delay}: wait before a command (an order step, a parcel announcement) that hit a busy or
     * failing store, or a tenant not added yet, is requeued (1s). */
    private Duration retryDelay = Duration.ofSeconds(1);

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public boolean isEnabled() {
        return uri != null && !uri.isBlank();
    }

    public String getExchange() {
        return exchange;
    }

    public void setExchange(String exchange) {
        this.exchange = exchange;
    }

    public String getOrdersExchange() {
        return ordersExchange;
    }

    public void setOrdersExchange(String ordersExchange) {
        this.ordersExchange = ordersExchange;
    }

    public String getOrdersQueue() {
        return ordersQueue;
    }

    public void setOrdersQueue(String ordersQueue) {
        this.ordersQueue = ordersQueue;
    }

    public String getParcelsExchange() {
        return parcelsExchange;
    }

    public void setParcelsExchange(String parcelsExchange) {
        this.parcelsExchange = parcelsExchange;
    }

    public String getParcelsQueue() {
        return parcelsQueue;
    }

    public void setParcelsQueue(String parcelsQueue) {
        this.parcelsQueue = parcelsQueue;
    }

    public boolean isParcelsEnabled() {
        return parcelsEnabled;
    }

    public void setParcelsEnabled(boolean parcelsEnabled) {
        this.parcelsEnabled = parcelsEnabled;
    }

    public int getPublishBatch() {
        return publishBatch;
    }

    public void setPublishBatch(int publishBatch) {
        this.publishBatch = publishBatch;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getConfirmTimeout() {
        return confirmTimeout;
    }

    public void setConfirmTimeout(Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }

    public Duration getOutboxRetention() {
        return outboxRetention;
    }

    public void setOutboxRetention(Duration outboxRetention) {
        this.outboxRetention = outboxRetention;
    }

    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }
}
