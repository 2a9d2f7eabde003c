package dev.floorgate.core.internal;

import dev.floorgate.protocol.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Signed calls to a core for the command-line tools ({@code call}, {@code import}), with inventory-protocol's
 * RequestSigner: the scheme has one implementation, the one the gateway uses (CORE-API.md, "Request signing").
 * A refusal for a stale timestamp is retried once signed in the core's time (its {@code X-FG-Core-Time}), so a
 * script on a machine with a wrong clock still works, as the gateway's ClockOffset does.
 */
public final class CoreCaller {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String keyId;
    private final String secret;
    private volatile long offsetMillis;

    public CoreCaller(String url, String keyId, String secret) {
        this.base = url.replaceAll("/+$", "");
        this.keyId = keyId;
        this.secret = secret;
    }

    /** A reply: status, body. */
    public record Reply(int status, String body) {
    }

    /** Sends one signed request; the path is sent and signed exactly as given (percent-encoding kept). */
    public Reply send(String method, String path, byte[] body, Duration timeout) throws IOException,
            InterruptedException {
        HttpResponse<String> r = once(method, path, body, timeout);
        if (r.statusCode() == 401 && r.body().contains("STALE_TIMESTAMP")) {
            var coreTime = r.headers().firstValueAsLong("X-FG-Core-Time");
            if (coreTime.isPresent()) {
                offsetMillis = coreTime.getAsLong() - System.currentTimeMillis();
                r = once(method, path, body, timeout);
            }
        }
        return new Reply(r.statusCode(), r.body());
    }

    private HttpResponse<String> once(String method, String path, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        RequestSigner signer = new RequestSigner(keyId, secret, () -> System.currentTimeMillis() + offsetMillis);
        Map<String, String> headers = signer.headers(method, path, body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
