package dev.floorgate.gateway.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP client reading {@code /api/v1/events} line by line on its own thread, as a PDA does: the lines it
 * got, and whether the server ended the response.
 */
final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private volatile InputStream body;

    SseClient(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        response.thenAccept(r -> {
            body = r.body();
            Thread reader = new Thread(() -> read(r.body()), "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }).exceptionally(e -> {
            ended.countDown();
            return null;
        });
    }

    private void read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("! " + e);
        } finally {
            ended.countDown();
        }
    }

    /** The status once the headers came, waiting up to {@code seconds}. */
    int status(int seconds) throws Exception {
        return response.get(seconds, TimeUnit.SECONDS).statusCode();
    }

    /** Whether the server ended the response within {@code millis}. */
    boolean endsWithin(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    /** Whether a data line carrying {@code text} arrived. */
    boolean received(String text) {
        return lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(text));
    }

    /** Waits up to {@code millis} for a data line carrying {@code text}. */
    boolean receives(String text, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            if (received(text)) {
                return true;
            }
            Thread.sleep(20);
        }
        return received(text);
    }

    @Override
    public void close() {
        response.cancel(true);
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // the test is over; the stream may already be gone
            }
        }
    }
}
