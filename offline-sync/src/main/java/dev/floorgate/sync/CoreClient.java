package dev.floorgate.sync;

import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.MalformedJsonException;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.SignedHeaders;
import dev.floorgate.sync.internal.ChangesCodec;
import dev.floorgate.sync.internal.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of the core sync API (API.md): signed {@code POST /v1/operations:batch}, signed
 * {@code GET /v1/changes}, and {@code GET /health}. Each call is one synchronous OkHttp exchange; retries and
 * backoff are the caller's (the uploader decides when, this class decides nothing). Remembers whether the core
 * answered the last call, for health. Thread-safe.
 *
 * <p>The path that is signed is the API path ({@code /v1/operations:batch}, {@code /v1/changes?<raw query>}),
 * the query exactly as sent (OkHttp's percent-encoding); a base URL with a path prefix (behind a proxy) does not
 * change it. Response bodies are read up to {@code maxResponseBytes}.
 */
final class CoreClient {
    public static final String BATCH_PATH = "/v1/operations:batch";
    public static final String CHANGES_PATH = "/v1/changes";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Logger LOG = LoggerFactory.getLogger(CoreClient.class);

    private final String baseUrl;
    private final RequestSigner signer;
    private final OkHttpClient http;
    private final long maxResponseBytes;
    private final Clock clock;
    private final ClockOffset offset;
    private volatile Boolean reachable;
    private volatile String keyRefusal;
    private volatile Instant checkedAt;

    public CoreClient(String baseUrl, RequestSigner signer, OkHttpClient http) {
        this(baseUrl, signer, http, SyncOptions.defaults().maxResponseBytes(), Clock.systemUTC());
    }

    public CoreClient(String baseUrl, RequestSigner signer, OkHttpClient http, long maxResponseBytes, Clock clock) {
        this(baseUrl, signer, http, maxResponseBytes, clock, new ClockOffset(clock));
    }

    /**
     * @param offset measured from every answer; {@code signer} should sign with {@link ClockOffset#correctedMillis}
     *               so that a refused timestamp is corrected by signing again ({@link #exchange})
     */
    public CoreClient(String baseUrl, RequestSigner signer, OkHttpClient http, long maxResponseBytes, Clock clock,
            ClockOffset offset) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.offset = Objects.requireNonNull(offset, "offset");
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        if (HttpUrl.parse(this.baseUrl + BATCH_PATH) == null) {
            throw new IllegalArgumentException("core base URL '" + baseUrl + "' is not an http(s) URL");
        }
        this.signer = Objects.requireNonNull(signer, "signer");
        this.http = Objects.requireNonNull(http, "http");
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
    }

    /** An OkHttp client with the options' timeouts, for a CoreClient of the engine. */
    public static OkHttpClient httpClient(SyncOptions options) {
        return new OkHttpClient.Builder()
                .connectTimeout(options.httpConnectTimeout())
                .readTimeout(options.httpReadTimeout())
                .writeTimeout(options.httpReadTimeout())
                .callTimeout(options.httpCallTimeout())
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Sends a batch written by {@link OperationJson#writeBatch}. */
    public BatchOutcome postBatch(BatchRequest batch) throws IOException {
        if (batch.operations().size() > BatchRequest.MAX_OPERATIONS) {
            throw new IllegalArgumentException("a batch of " + batch.operations().size()
                    + " operations exceeds " + BatchRequest.MAX_OPERATIONS);
        }
        return postBatchBody(OperationJson.writeBatch(batch).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a ready batch body, signed over exactly these bytes. */
    public BatchOutcome postBatchBody(byte[] body) throws IOException {
        if (body.length > BatchRequest.MAX_BYTES) {
            throw new IllegalArgumentException("a batch body of " + body.length + " bytes exceeds "
                    + BatchRequest.MAX_BYTES);
        }
        RequestBody requestBody = RequestBody.create(body, JSON);
        try (Response response = exchange(() -> signed(new Request.Builder().url(baseUrl + BATCH_PATH)
                .post(requestBody), "POST", BATCH_PATH, body), "POST " + BATCH_PATH)) {
            int status = response.code();
            byte[] bytes = read(response, "POST " + BATCH_PATH);
            Duration retryAfter = retryAfter(response.header("Retry-After"));
            if (status == 200) {
                try {
                    List<OperationResult> results = OperationJson.readResults(new String(bytes,
                            StandardCharsets.UTF_8));
                    return new BatchOutcome(BatchOutcome.Kind.RESULTS, status, results, null, null, null);
                } catch (MalformedJsonException e) {
                    return new BatchOutcome(BatchOutcome.Kind.FAILED, status, null, null,
                            "200 without a readable results document: " + e.getMessage(), retryAfter);
                }
            }
            String[] error = errorBody(bytes);
            return new BatchOutcome(kindOf(status), status, null, error[0], error[1], retryAfter);
        }
    }

    /** One page of changes for a warehouse since a cursor (null: from the beginning). */
    public ChangesPage changes(String warehouse, String since, int limit) throws IOException {
        HttpUrl.Builder url = HttpUrl.get(baseUrl + CHANGES_PATH).newBuilder()
                .addQueryParameter("warehouse", warehouse);
        if (since != null) {
            url.addQueryParameter("since", since);
        }
        HttpUrl built = url.addQueryParameter("limit", Integer.toString(limit)).build();
        String pathWithQuery = CHANGES_PATH + "?" + built.encodedQuery();
        try (Response response = exchange(() -> signed(new Request.Builder().url(built).get(), "GET", pathWithQuery,
                new byte[0]), "GET " + pathWithQuery)) {
            byte[] bytes = read(response, "GET " + pathWithQuery);
            if (response.code() != 200) {
                String[] error = errorBody(bytes);
                throw new IOException("core answered " + response.code() + " to GET " + pathWithQuery
                        + (error[0] == null ? "" : ": " + error[0]) + (error[1] == null ? "" : " " + error[1]));
            }
            return ChangesCodec.read(bytes, "changes page for warehouse " + warehouse + " since " + since);
        }
    }

    /** {@code GET /health}: whether the core answers 2xx now. Never throws. */
    public boolean ping() {
        Request request = new Request.Builder().url(baseUrl + "/health").get().build();
        try (Response response = exchange(() -> request, "GET /health")) {
            return response.isSuccessful();
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the core answered the last call (any HTTP status); null before the first call. */
    public Boolean reachable() {
        return reachable;
    }

    /** When the last call ended; null before the first call. */
    public Instant checkedAt() {
        return checkedAt;
    }

    /** The offset to the core's clock, measured from every answer. */
    public ClockOffset clockOffset() {
        return offset;
    }

    /**
     * Why the core refused the gateway's key on the last signed call ({@code "401 BAD_SIGNATURE: ..."}), or null
     * when the last signed call was let in (or none was made yet).
     */
    public String keyRefusal() {
        return keyRefusal;
    }

    /**
     * One signed exchange, sampling the core's clock from the answer. Refused with {@code STALE_TIMESTAMP}, it takes
     * the core's time from that very answer and signs again at once: a clock set by hand or a resumed VM costs one
     * round trip, not a backoff.
     */
    private Response exchange(Supplier<Request> request, String what) throws IOException {
        long t0 = offset.localMillis();
        Response response = execute(request.get(), what);
        long t3 = offset.localMillis();
        if (response.code() == 401 && staleTimestamp(response) && sample(response, t0, t3, true)) {
            LOG.warn("core refused the gateway's time for {} ({}); offset to the core now {} ms, signing again",
                    what, response.header(SignedHeaders.CORE_TIME), offset.offsetMillis());
            response.close();
            t0 = offset.localMillis();
            response = execute(request.get(), what);
            t3 = offset.localMillis();
        }
        sample(response, t0, t3, false);
        if (response.request().header(SignedHeaders.SIGNATURE) != null) {
            keyRefusal = response.code() == 401 || response.code() == 403
                    ? response.code() + " " + errorText(response) : null;
        }
        return response;
    }

    /** Feeds the answer's clock to the offset; false when the answer carries none. */
    private boolean sample(Response response, long t0, long t3, boolean reset) {
        long core;
        String exact = response.header(SignedHeaders.CORE_TIME);
        try {
            if (exact != null) {
                core = Long.parseLong(exact.trim());
            } else {
                java.util.Date date = response.headers().getDate("Date");
                if (date == null) {
                    return false;
                }
                // Whole seconds: widen the round trip by the second the header cannot say.
                core = date.getTime() + 500;
                t0 -= 500;
                t3 += 500;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        if (reset) {
            offset.reset(t0, core, t3);
        } else {
            offset.sample(t0, core, t3);
        }
        return true;
    }

    private static boolean staleTimestamp(Response response) {
        try {
            return response.peekBody(4096).string().contains("STALE_TIMESTAMP");
        } catch (IOException e) {
            return false;
        }
    }

    private static String errorText(Response response) {
        try {
            String[] error = errorBody(response.peekBody(4096).bytes());
            return (error[0] == null ? "" : error[0] + ": ") + (error[1] == null ? "" : error[1]);
        } catch (IOException e) {
            return "(unreadable answer)";
        }
    }

    private Request signed(Request.Builder builder, String method, String pathWithQuery, byte[] body) {
        for (Map.Entry<String, String> h : signer.headers(method, pathWithQuery, body).entrySet()) {
            builder.header(h.getKey(), h.getValue());
        }
        return builder.build();
    }

    private Response execute(Request request, String what) throws IOException {
        try {
            Response r = http.newCall(request).execute();
            reachable = Boolean.TRUE;
            checkedAt = clock.instant();
            return r;
        } catch (IOException e) {
            reachable = Boolean.FALSE;
            checkedAt = clock.instant();
            throw new IOException("core at " + baseUrl + " unreachable for " + what + ": " + e, e);
        }
    }

    private byte[] read(Response response, String what) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return new byte[0];
        }
        BufferedSource source = body.source();
        try {
            if (!source.request(maxResponseBytes + 1)) { // fewer bytes than the bound: all of it is buffered
                return source.readByteArray();
            }
        } catch (IOException e) {
            reachable = Boolean.FALSE;
            throw new IOException("reading the core's answer to " + what + " failed: " + e, e);
        }
        throw new IOException("core's answer to " + what + " exceeds " + maxResponseBytes + " bytes");
    }

    private static BatchOutcome.Kind kindOf(int status) {
        switch (status) {
            case 400:
                return BatchOutcome.Kind.BAD_REQUEST;
            case 401:
            case 403:
                return BatchOutcome.Kind.NOT_AUTHORIZED;
            case 413:
                return BatchOutcome.Kind.TOO_LARGE;
            case 429:
            case 503:
                return BatchOutcome.Kind.BUSY;
            default:
                return BatchOutcome.Kind.FAILED;
        }
    }

    /** {error, message} of a {@code {"error":..,"message":..}} body; a non-JSON body becomes the message. */
    private static String[] errorBody(byte[] bytes) {
        try {
            Object doc = JsonTree.parse(bytes, "error body");
            if (doc instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) doc;
                return new String[] {JsonTree.string(m, "error"), JsonTree.string(m, "message")};
            }
        } catch (IOException e) {
            // not JSON: fall through and quote the text
        }
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        return new String[] {null, text.isEmpty() ? null : text.length() > 200 ? text.substring(0, 200) + "..." : text};
    }

    /** Retry-After in its seconds form; the HTTP-date form and garbage are ignored (the backoff applies). */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
