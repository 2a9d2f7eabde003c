package dev.floorgate.devices.internal;

import java.time.Duration;

/** What every transport needs besides its URL: connect timeout, reconnect backoff, connection limit. */
public final class TransportSettings {

    private final Duration connectTimeout;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final int maxClients;

    public TransportSettings(Duration connectTimeout, Duration backoffMin, Duration backoffMax, int maxClients) {
        this.connectTimeout = connectTimeout;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.maxClients = maxClients;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    Backoff newBackoff() {
        return new Backoff(backoffMin, backoffMax);
    }

    /** tcp-listen only: connections served at once. */
    public int maxClients() {
        return maxClients;
    }
}
