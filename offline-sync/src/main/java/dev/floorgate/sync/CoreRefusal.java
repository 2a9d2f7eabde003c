package dev.floorgate.sync;

import java.io.IOException;
import java.time.Duration;

/**
 * The core did not take a call now (unreachable, busy, refusing the key, a route it does not have): the background
 * loops of the photo uploader and the parcel sync try again after a back-off, at least the core's Retry-After.
 */
final class CoreRefusal extends IOException {
    private static final long serialVersionUID = 1L;
    final transient Duration retryAfter;

    CoreRefusal(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** "core answered 503 TOO_BUSY: ... to {@code what}", with the answer's Retry-After. */
    static CoreRefusal of(CoreClient.Answer a, String what) {
        return new CoreRefusal("core answered " + a + " to " + what, a.retryAfter);
    }
}
