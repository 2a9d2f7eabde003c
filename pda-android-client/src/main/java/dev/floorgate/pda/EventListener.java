package dev.floorgate.pda;

import dev.floorgate.lan.GatewayEvent;
import java.io.IOException;

/**
 * Receives the gateway's server-sent events ({@link GatewayClient#events}). Called on the stream's own thread,
 * one call at a time; a listener that throws is logged and the stream goes on. On Android, post to the main
 * thread before touching views.
 */
public interface EventListener {
    /** One event, in the gateway's order. */
    void onEvent(GatewayEvent event);

    /** The stream is connected (again); events missed while it was down follow (Last-Event-ID). */
    default void onOpen() {
    }

    /**
     * The stream broke or was refused; it reconnects after {@code retryInMillis}, or, when that is negative,
     * has stopped for good (a 401: the token was revoked; a 403 or 404).
     */
    default void onFailure(IOException cause, long retryInMillis) {
    }
}
