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
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
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
 *
 * <p>Several cores ({@link CoreEndpoints}): every call goes to the core in use; a connection failure, a timeout or a
 * 502/503/504 moves to the next core and the same request (same body, signed again) is sent there at once, each
 * core at most once per call. A batch whose answer was lost is thus resent with the same opIds and bytes, and the
 * core's idempotency answers it DUPLICATE; the caller still has one call, so still one batch in flight per tenant.
 * While another core is in use, the preferred (first) core's {@code /health} is probed in the background (OkHttp's
 * own threads) at most once per probe interval, and a 2xx brings the gateway back to it.
 */
final class CoreClient {
    public static final String BATCH_PATH = "/v1/operations:batch";
    public static final String CHANGES_PATH = "/v1/changes";
    /** Tells the core which traffic lane a batch belongs to; "bulk" for backlog drains. */
    public static final String LANE_HEADER = "X-FG-Lane";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private static final Logger LOG = LoggerFactory.getLogger(CoreClient.class);

    private final CoreEndpoints endpoints;
    private final RequestSigner signer;
    private final OkHttpClient http;
    private final long maxResponseBytes;
    private final Clock clock;
    private final ClockOffset offset;
    private volatile Boolean reachable;
    private volatile String keyRefusal;
    private volatile String tlsRefusal;
    private volatile Instant checkedAt;

    /** @param baseUrl one base URL, or several separated by commas (the first preferred) */
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
        this(new CoreEndpoints(CoreEndpoints.parse(Objects.requireNonNull(baseUrl, "baseUrl")),
                SyncOptions.defaults().coreProbeInterval().toNanos()), signer, http, maxResponseBytes, clock, offset);
    }

    CoreClient(CoreEndpoints endpoints, RequestSigner signer, OkHttpClient http, long maxResponseBytes, Clock clock,
            ClockOffset offset) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.offset = Objects.requireNonNull(offset, "offset");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.http = Objects.requireNonNull(http, "http");
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
    }

    /** An OkHttp client with the options' timeouts and TLS verification ({@link CoreTls}), for the engine's client. */
    public static OkHttpClient httpClient(SyncOptions options) throws IOException {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(options.httpConnectTimeout())
                .readTimeout(options.httpReadTimeout())
                .writeTimeout(options.httpReadTimeout())
                .callTimeout(options.httpCallTimeout());
        if (options.coreTls() != null) {
            options.coreTls().apply(builder);
        }
        return builder.build();
    }

    /** The base URL of the core in use now. */
    /**
     * A client that talks to the core as the sync engine does: {@code sync}'s core URL(s) with their failover, key,
     * secret with clock correction, timeouts and TLS. For the background loops beside the engine (photos, parcels).
     */
    static CoreClient forSync(SyncOptions sync) throws IOException {
        ClockOffset offset = new ClockOffset(sync.clock());
        return new CoreClient(new CoreEndpoints(sync.coreUrls(), sync.coreProbeInterval().toNanos()),
                new RequestSigner(sync.keyId(), sync.secret(), offset::correctedMillis), httpClient(sync),
                sync.maxResponseBytes(), sync.clock(), offset);
    }

    public String baseUrl() {
        return endpoints.activeUrl();
    }

    /** Every configured core, the preferred first. */
    public List<String> baseUrls() {
        return endpoints.all();
    }

    /** How many times this client switched away from a failing core. */
    public int failovers() {
        return endpoints.failovers();
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
        return postBatchBody(body, false);
    }

    /**
     * Sends a ready batch body; {@code bulk}: the gateway is draining a backlog (more than one batch waits), said to
     * the core with {@code X-FG-Lane: bulk} so it can serve live traffic first.
     */
    public BatchOutcome postBatchBody(byte[] body, boolean bulk) throws IOException {
        if (body.length > BatchRequest.MAX_BYTES) {
            throw new IllegalArgumentException("a batch body of " + body.length + " bytes exceeds "
                    + BatchRequest.MAX_BYTES);
        }
        RequestBody requestBody = RequestBody.create(body, JSON);
        try (Response response = exchange(base -> {
            Request.Builder b = new Request.Builder().url(base + BATCH_PATH).post(requestBody);
            if (bulk) {
                b.header(LANE_HEADER, "bulk");
            }
            return signed(b, "POST", BATCH_PATH, body);
        }, "POST " + BATCH_PATH)) {
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
        HttpUrl.Builder url = HttpUrl.get("http://core" + CHANGES_PATH).newBuilder()
                .addQueryParameter("warehouse", warehouse);
        if (since != null) {
            url.addQueryParameter("since", since);
        }
        String query = url.addQueryParameter("limit", Integer.toString(limit)).build().encodedQuery();
        String pathWithQuery = CHANGES_PATH + "?" + query;
        try (Response response = exchange(base -> signed(new Request.Builder()
                .url(HttpUrl.get(base + CHANGES_PATH + "?" + query)).get(), "GET", pathWithQuery, new byte[0]),
                "GET " + pathWithQuery)) {
            byte[] bytes = read(response, "GET " + pathWithQuery);
            if (response.code() == 429 || response.code() == 503) {
                String[] error = errorBody(bytes);
                Duration wait = retryAfter(response.header("Retry-After"));
                throw new CoreBusyException("core busy: answered " + response.code() + " to GET " + CHANGES_PATH
                        + (error[0] == null ? "" : " " + error[0])
                        + (wait == null ? "" : " (Retry-After " + wait.getSeconds() + " s)"), response.code(), wait);
            }
            if (response.code() != 200) {
                String[] error = errorBody(bytes);
                throw new IOException("core answered " + response.code() + " to GET " + pathWithQuery
                        + (error[0] == null ? "" : ": " + error[0]) + (error[1] == null ? "" : " " + error[1]));
            }
            return ChangesCodec.read(bytes, "changes page for warehouse " + warehouse + " since " + since);
        }
    }

    /** A route's answer: the status, the JSON object (empty when the body is not one) and Retry-After. */
    static final class Answer {
        final int status;
        final Map<?, ?> json;
        final String error;
        final String message;
        final Duration retryAfter;

        Answer(int status, Map<?, ?> json, String error, String message, Duration retryAfter) {
            this.status = status;
            this.json = json;
            this.error = error;
            this.message = message;
            this.retryAfter = retryAfter;
        }

        @Override
        public String toString() {
            return status + (error == null ? "" : " " + error) + (message == null ? "" : ": " + message);
        }
    }

    /**
     * One signed call to a route of the photo or parcel APIs (CORE-API.md "Parcel photos", "Parcels"):
     * {@code body} null for GET; a JSON body, or with {@code octets} the photo's bytes as
     * {@code application/octet-stream}. Signed over exactly those bytes, failing over like every call. The caller
     * decides what each status means.
     */
    Answer call(String method, String pathWithQuery, byte[] body, boolean octets) throws IOException {
        byte[] signedBody = body == null ? new byte[0] : body;
        RequestBody requestBody = body == null ? null : RequestBody.create(body, octets ? OCTETS : JSON);
        String what = method + " " + pathWithQuery;
        try (Response response = exchange(base -> signed(new Request.Builder().url(base + pathWithQuery)
                .method(method, requestBody), method, pathWithQuery, signedBody), what)) {
            byte[] bytes = read(response, what);
            Map<?, ?> json = java.util.Collections.emptyMap();
            try {
                Object doc = JsonTree.parse(bytes, "answer to " + what);
                json = doc instanceof Map ? (Map<?, ?>) doc : json;
            } catch (IOException e) {
                // not JSON (a proxy's page): the status decides, the text goes in the message
            }
            String[] error = errorBody(bytes);
            return new Answer(response.code(), json, error[0], error[1], retryAfter(response.header("Retry-After")));
        }
    }

    /** {@code GET /health}: whether the core answers 2xx now. Never throws. */
    public boolean ping() {
        try (Response response = exchange(base -> new Request.Builder().url(base + "/health").get().build(),
                "GET /health")) {
            return response.isSuccessful();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Why the core's TLS was refused on the last call ("core https://x: TLS refused: the certificate does not match
     * fg.core.tls.pin (...)"), or null when the last call got through TLS or failed otherwise.
     */
    public String tlsRefusal() {
        return tlsRefusal;
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
     * One exchange with the core in use, failing over to the next core on a connection failure, a timeout or a
     * 502/503/504 (each core at most once per call); the request is built (and signed) again for each core.
     */
    private Response exchange(Function<String, Request> request, String what) throws IOException {
        probePreferredIfDue();
        int tries = endpoints.size();
        IOException lastFailure = null;
        Response lastAnswer = null;
        for (int i = 0; i < tries; i++) {
            int index = endpoints.activeIndex();
            String base = endpoints.url(index);
            if (lastAnswer != null) {
                lastAnswer.close();
                lastAnswer = null;
            }
            try {
                Response response = exchangeWith(base, request, what);
                if (!failoverStatus(response.code()) || tries == 1) {
                    return response;
                }
                lastAnswer = response;
                LOG.warn("core at {} answered {} to {}; trying the next core", base, response.code(), what);
            } catch (IOException e) {
                if (tries == 1) {
                    throw e;
                }
                lastFailure = e;
                LOG.warn("{}; trying the next core", e.getMessage());
            }
            int now = endpoints.failedOver(index);
            if (now != index) {
                LOG.warn("core link: failed over from {} to {}", base, endpoints.url(now));
            }
        }
        if (lastAnswer != null) {
            return lastAnswer;
        }
        throw new IOException("no core answered " + what + " (tried " + tries + " of " + endpoints.all() + "): "
                + lastFailure.getMessage(), lastFailure);
    }

    private static boolean failoverStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** While a core other than the preferred one is in use: ask the preferred one's /health, in the background. */
    private void probePreferredIfDue() {
        if (!endpoints.probeDue(System.nanoTime())) {
            return;
        }
        String preferred = endpoints.url(0);
        http.newCall(new Request.Builder().url(preferred + "/health").get().build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (response.isSuccessful() && endpoints.backToPreferred()) {
                        LOG.info("core link: preferred core {} answers /health again; using it", preferred);
                    }
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                LOG.debug("core link: preferred core {} still unreachable: {}", preferred, e.toString());
            }
        });
    }

    /**
     * One signed exchange, sampling the core's clock from the answer. Refused with {@code STALE_TIMESTAMP}, it takes
     * the core's time from that very answer and signs again at once: a clock set by hand or a resumed VM costs one
     * round trip, not a backoff.
     */
    private Response exchangeWith(String base, Function<String, Request> request, String what) throws IOException {
        long t0 = offset.localMillis();
        Response response = execute(request.apply(base), base, what);
        long t3 = offset.localMillis();
        if (response.code() == 401 && staleTimestamp(response) && sample(response, t0, t3, true)) {
            LOG.warn("core refused the gateway's time for {} ({}); offset to the core now {} ms, signing again",
                    what, response.header(SignedHeaders.CORE_TIME), offset.offsetMillis());
            response.close();
            t0 = offset.localMillis();
            response = execute(request.apply(base), base, what);
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

    private Response execute(Request request, String baseUrl, String what) throws IOException {
        try {
            Response r = http.newCall(request).execute();
            reachable = Boolean.TRUE;
            tlsRefusal = null;
            checkedAt = clock.instant();
            return r;
        } catch (IOException e) {
            reachable = Boolean.FALSE;
            checkedAt = clock.instant();
            String refusal = CoreTls.refusal(e);
            if (refusal != null) {
                tlsRefusal = "core " + baseUrl + ": TLS refused: " + refusal;
                throw new IOException("core " + baseUrl + ": TLS refused (" + what + "): " + refusal, e);
            }
            tlsRefusal = null;
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
