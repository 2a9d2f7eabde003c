package dev.floorgate.pda;

/**
 * Bounds and timings of a {@link GatewayClient} beyond what its {@code OkHttpClient} sets (connect, read and
 * call timeouts of ordinary requests). Immutable; start from {@link #defaults()}.
 */
public final class ClientOptions {
    /** Largest response body read: 8 MiB (a long task list is far smaller). */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 8 << 20;
    /** Silence after which the event stream counts as dead: 45 s, three of the gateway's 15 s keep-alives. */
    public static final long DEFAULT_EVENT_READ_TIMEOUT_MILLIS = 45_000;
    /** First delay before reconnecting the event stream: 1 s, doubling per failure. */
    public static final long DEFAULT_EVENT_RECONNECT_INITIAL_MILLIS = 1_000;
    /** Longest delay between event stream reconnects: 30 s. */
    public static final long DEFAULT_EVENT_RECONNECT_MAX_MILLIS = 30_000;
    /** Longest SSE line: 64 KiB characters. */
    public static final int DEFAULT_MAX_EVENT_LINE_CHARS = 64 * 1024;
    /** Largest SSE event data: 1 MiB characters. */
    public static final int DEFAULT_MAX_EVENT_DATA_CHARS = 1 << 20;

    final int maxResponseBytes;
    final long eventReadTimeoutMillis;
    final long eventReconnectInitialMillis;
    final long eventReconnectMaxMillis;
    final int maxEventLineChars;
    final int maxEventDataChars;

    private ClientOptions(int maxResponseBytes, long eventReadTimeoutMillis, long eventReconnectInitialMillis,
            long eventReconnectMaxMillis, int maxEventLineChars, int maxEventDataChars) {
        if (maxResponseBytes < 1 || eventReadTimeoutMillis < 1 || eventReconnectInitialMillis < 1
                || eventReconnectMaxMillis < eventReconnectInitialMillis || maxEventLineChars < 1
                || maxEventDataChars < 1) {
            throw new IllegalArgumentException("client options out of range: maxResponseBytes " + maxResponseBytes
                    + ", eventReadTimeout " + eventReadTimeoutMillis + " ms, eventReconnect "
                    + eventReconnectInitialMillis + ".." + eventReconnectMaxMillis + " ms, maxEventLineChars "
                    + maxEventLineChars + ", maxEventDataChars " + maxEventDataChars);
        }
        this.maxResponseBytes = maxResponseBytes;
        this.eventReadTimeoutMillis = eventReadTimeoutMillis;
        this.eventReconnectInitialMillis = eventReconnectInitialMillis;
        this.eventReconnectMaxMillis = eventReconnectMaxMillis;
        this.maxEventLineChars = maxEventLineChars;
        this.maxEventDataChars = maxEventDataChars;
    }

    public static ClientOptions defaults() {
        return new ClientOptions(DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_EVENT_READ_TIMEOUT_MILLIS,
                DEFAULT_EVENT_RECONNECT_INITIAL_MILLIS, DEFAULT_EVENT_RECONNECT_MAX_MILLIS,
                DEFAULT_MAX_EVENT_LINE_CHARS, DEFAULT_MAX_EVENT_DATA_CHARS);
    }

    public ClientOptions maxResponseBytes(int bytes) {
        return new ClientOptions(bytes, eventReadTimeoutMillis, eventReconnectInitialMillis,
                eventReconnectMaxMillis, maxEventLineChars, maxEventDataChars);
    }

    public ClientOptions eventReadTimeoutMillis(long millis) {
        return new ClientOptions(maxResponseBytes, millis, eventReconnectInitialMillis, eventReconnectMaxMillis,
                maxEventLineChars, maxEventDataChars);
    }

    public ClientOptions eventReconnectMillis(long initialMillis, long maxMillis) {
        return new ClientOptions(maxResponseBytes, eventReadTimeoutMillis, initialMillis, maxMillis,
                maxEventLineChars, maxEventDataChars);
    }

    public ClientOptions maxEventChars(int lineChars, int dataChars) {
        return new ClientOptions(maxResponseBytes, eventReadTimeoutMillis, eventReconnectInitialMillis,
                eventReconnectMaxMillis, lineChars, dataChars);
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    public long eventReadTimeoutMillis() {
        return eventReadTimeoutMillis;
    }
}
