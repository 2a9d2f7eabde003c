package dev.floorgate.core.internal;

import dev.floorgate.protocol.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Talks HTTP to a running core with java.net.http and real request signing, as a gateway does. */
final class CoreClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final RequestSigner signer;

    CoreClient(String base, RequestSigner signer) {
        this.base = base;
        this.signer = signer;
    }

    String base() {
        return base;
    }

    /** A reply: status, body and headers. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    }

    Reply post(String path, String body) {
        return signed("POST", path, body);
    }

    Reply put(String path, String body) {
        return signed("PUT", path, body);
    }

    Reply get(String path) {
        return signed("GET", path, null);
    }

    Reply signed(String method, String path, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return send(method, path, bytes, signer.headers(method, path, bytes));
    }

    /** The signature headers for a request (tests replay or tamper with them). */
    Map<String, String> headersFor(String method, String path, byte[] body) {
        return signer.headers(method, path, body);
    }

    Reply send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null || body.length == 0 && !method.equals("POST") && !method.equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Reply unsigned(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), headers);
    }
}
