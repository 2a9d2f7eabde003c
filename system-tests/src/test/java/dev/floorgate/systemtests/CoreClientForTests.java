package dev.floorgate.systemtests;

import dev.floorgate.protocol.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Signed calls to the real core, as a gateway (or central IT's tooling) makes them. */
public final class CoreClientForTests {
    private final String baseUrl;
    private final RequestSigner signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CoreClientForTests(String baseUrl, String keyId, String secret) {
        this.baseUrl = baseUrl;
        this.signer = new RequestSigner(keyId, secret);
    }

    public HttpResponse<String> send(String method, String pathWithQuery, String body)
            throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathWithQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (Map.Entry<String, String> h : signer.headers(method, pathWithQuery, bytes).entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and insists on a 2xx answer. */
    public String ok(String method, String pathWithQuery, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, pathWithQuery, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + pathWithQuery + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        return r.body();
    }
}
