package dev.floorgate.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The core answered 429 TOO_BUSY or 503 to a call that has no outcome type of its own (the changes feed): it is
 * up but shedding load, so the caller waits (at least {@link #retryAfter()} when the core said how long) instead of
 * treating the core as down. 429 never moves the gateway to another core ({@link CoreClient}).
 */
final class CoreBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Duration retryAfter;

    CoreBusyException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** The core's Retry-After in seconds form; empty when it sent none (or an unreadable one). */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
