package dev.floorgate.pda;

import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.LanJson;
import dev.floorgate.pda.internal.SseParser;
import dev.floorgate.protocol.Backoff;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A live subscription to {@code GET /api/v1/events}, made by {@link GatewayClient#events}. Runs on its own
 * daemon thread: connects, hands each event to the {@link EventListener}, and when the stream breaks (Wi-Fi
 * lost between aisles, gateway restart, 45 s of silence) reconnects with backoff, sending
 * {@code Last-Event-ID} so the gateway replays what was missed. Stops on {@link #close()} or on a refusal
 * that retrying cannot cure (401, 403, 404).
 */
public final class EventStream implements Closeable {
    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

    private final OkHttpClient http;
    private final Request request;
    private final EventListener listener;
    private final ClientOptions options;
    private final Thread thread;
    private final Object lock = new Object();
    private volatile String lastEventId;
    private volatile boolean connected;
    private volatile boolean closed;
    private Call call;
    private long serverRetryMillis;
    private boolean opened;

    EventStream(OkHttpClient http, Request request, long lastEventId, EventListener listener, ClientOptions options) {
        this.http = http.newBuilder()
                .readTimeout(options.eventReadTimeoutMillis, TimeUnit.MILLISECONDS)
                .callTimeout(0, TimeUnit.MILLISECONDS) // the stream is meant to last; the read timeout guards it
                .build();
        this.request = request;
        this.listener = listener;
        this.options = options;
        this.lastEventId = lastEventId > 0 ? Long.toString(lastEventId) : null;
        this.thread = new Thread(this::run, "fg-events " + request.url().host());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The id of the last event received (0 before any); store it to resume after an app restart. */
    public long lastEventId() {
        String id = lastEventId;
        if (id == null) {
            return 0;
        }
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether the stream is connected now. */
    public boolean isConnected() {
        return connected;
    }

    /** Whether the stream is still running (not closed and not stopped by a refusal). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops the stream and waits up to 2 s for its thread. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (call != null) {
                call.cancel();
            }
        }
        thread.interrupt();
        if (Thread.currentThread() == thread) {
            return; // closed by a listener on the stream's own thread: it ends when the listener returns
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Backoff backoff = new Backoff(options.eventReconnectInitialMillis, options.eventReconnectMaxMillis);
        while (!closed) {
            IOException failure;
            opened = false;
            try {
                connectAndRead();
                failure = new EOFException("event stream from " + request.url() + " ended");
            } catch (GatewayException e) {
                failure = e;
                if (!e.retryable()) { // 401 revoked token, 403, 404: retrying cannot help
                    connected = false;
                    notifyFailure(e, -1);
                    return;
                }
            } catch (IOException e) {
                failure = e;
            }
            connected = false;
            if (closed) {
                return;
            }
            if (opened) {
                backoff.reset(); // the gateway answered: a drop after that (Wi-Fi between aisles) retries soon
            }
            long delay = backoff.next(serverRetryMillis);
            notifyFailure(failure, delay);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return; // close() interrupts
            }
        }
    }

    /** One connection: returns when the gateway ends the stream. */
    private void connectAndRead() throws IOException {
        Request.Builder b = request.newBuilder();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        Call c = http.newCall(b.build());
        synchronized (lock) {
            if (closed) {
                throw new InterruptedIOException("event stream closed");
            }
            call = c;
        }
        try (Response response = c.execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                throw GatewayClient.errorOf(response.code(), body == null ? "" : GatewayClient.readBounded(
                        body, options.maxResponseBytes, "GET " + request.url().encodedPath()),
                        "GET " + request.url().encodedPath());
            }
            connected = true;
            opened = true;
            safely(listener::onOpen);
            SseParser parser = new SseParser(options.maxEventLineChars, options.maxEventDataChars, lastEventId,
                    new SseParser.Handler() {
                        @Override
                        public void onEvent(String id, String type, String data) {
                            lastEventId = id;
                            deliver(id, type, data);
                        }

                        @Override
                        public void onRetry(long millis) {
                            serverRetryMillis = millis;
                        }

                        @Override
                        public void onDiscarded(String reason) {
                            LOG.warning("event stream " + request.url() + ": dropped an event: " + reason);
                        }
                    });
            parser.read(new InputStreamReader(body.byteStream(), StandardCharsets.UTF_8));
            lastEventId = parser.lastEventId();
        }
    }

    private void deliver(String id, String type, String data) {
        GatewayEvent event;
        try {
            // the frame's id: and event: lines stand in for a document without id and type
            event = LanJson.read(data, GatewayEvent.class).withSseFallbacks(id, type);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event stream " + request.url() + ": event " + id + " is not a gateway event; "
                    + "skipped", e);
            return;
        }
        safely(() -> listener.onEvent(event));
    }

    private void notifyFailure(IOException cause, long retryInMillis) {
        safely(() -> listener.onFailure(cause, retryInMillis));
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event listener " + listener + " threw; the stream goes on", e);
        }
    }
}
