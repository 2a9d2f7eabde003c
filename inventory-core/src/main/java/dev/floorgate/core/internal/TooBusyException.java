package dev.floorgate.core.internal;

import java.time.Duration;

/**
 * A request refused before anything of it was applied because its lane (or the hot-record lane) is full or it
 * waited longer than the lane's timeout: HTTP 429 with Retry-After (TooBusyHandler). The gateway backs off and
 * sends the same batch again.
 */
final class TooBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final String CODE = "TOO_BUSY";
    private final transient Duration retryAfter;

    TooBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
