package dev.floorgate.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Listens to a gateway's server-sent events as a device would and keeps the text it received. */
final class EventRecorder implements AutoCloseable {
    private final StringBuffer text = new StringBuffer();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    EventRecorder(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(10)).build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            Thread reader = new Thread(() -> r.body().forEach(line -> text.append(line).append('\n')),
                    "sse-recorder");
            reader.setDaemon(true);
            reader.start();
        });
    }

    String text() {
        return text.toString();
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
