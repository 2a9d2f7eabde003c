package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.floorgate.protocol.ApiKeys;
import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.InMemoryNonceStore;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.SignatureRejectedException;
import dev.floorgate.protocol.SignatureVerifier;
import dev.floorgate.protocol.SignedHeaders;
import dev.floorgate.protocol.StockLevels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with a clock 10 minutes off the core's (issue 20), in process: the core here checks signatures with the
 * protocol's verifier and its strict 300 s window against a clock 10 minutes ahead. The real jars under libfaketime
 * are system-tests' WrongClocksEndToEndTest.
 */
class WrongClocksApiTest {
    private static final String SECRET = "secret-0123456789abcdef";
    private static final long CORE_AHEAD = 600_000;
    @TempDir
    Path dataDir;
    private SkewedCore core;
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (core != null) {
            core.close();
        }
    }

    private void start(String coreSecret) throws IOException {
        core = new SkewedCore(coreSecret);
        gateway = new TestGateway(dataDir, Map.of("fg.core.url", core.url(), "fg.core.key-id", "gw-test",
                "fg.core.secret", SECRET, "fg.sync.backoff-min", "5s", "fg.sync.backoff-max", "60s",
                "fg.sync.poll-interval", "1s", "fg.clock.max-offset", "60s"));
    }

    @Test
    void aGatewayTenMinutesSlowSyncsStampsCoreTimeAndSaysItIsOff() throws Exception {
        start(SECRET);
        String pda = gateway.enroll("pda-1970", "acme", "SH01");
        String id = "0190f5c2-7b1a-7c3e-8f00-0000000000c1";
        String body = "{\"opId\":\"" + id + "\",\"type\":\"RECEIVE\",\"sku\":\"SKU-1\",\"qty\":2,"
                + "\"location\":\"A-01-01\",\"occurredAt\":\"1970-01-01T00:03:10Z\"}";

        // the engine pings the core as it starts: core time is known within the first second
        await().atMost(Duration.ofSeconds(3)).until(() -> gateway.get("/health", null).body()
                .contains("\"measured\":true"));
        HttpResponse<String> first = postAsPda(pda, body, 190_000L);
        await().atMost(Duration.ofSeconds(4)).until(() -> core.arrivals(id) >= 1);
        HttpResponse<String> resent = postAsPda(pda, body, 200_000L);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(resent.statusCode()).as("a resend is the same operation: " + resent.body()).isEqualTo(202);
        Operation arrived = core.applied.get(0);
        assertThat(arrived.occurredAt()).as("the device's own time is kept").isEqualTo("1970-01-01T00:03:10Z");
        long stamped = Instant.parse(arrived.receivedAt()).toEpochMilli();
        assertThat(stamped).as("stamped in core time").isBetween(core.millis() - 10_000, core.millis() + 1_000);
        Thread.sleep(300);
        assertThat(core.arrivals(id)).as("applied once").isEqualTo(1);
        assertThat(core.refusals.get()).as("one refusal taught the gateway the offset").isLessThanOrEqualTo(1);

        HttpResponse<String> health = gateway.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"DEGRADED\"").contains("\"measured\":true")
                .contains("\"maxOffsetSeconds\":60").contains("s behind the core");
        long offsetSeconds = Long.parseLong(health.body().replaceAll(".*\"offsetSeconds\":(-?\\d+).*", "$1"));
        assertThat(offsetSeconds).isBetween(598L, 601L);
        long gatewayTime = Long.parseLong(health.headers().firstValue(SignedHeaders.CORE_TIME).orElseThrow());
        assertThat(gatewayTime).as("the gateway answers in core time").isBetween(core.millis() - 5_000,
                core.millis() + 1_000);

        String metrics = gateway.get("/metrics", null).body();
        assertThat(metrics).containsPattern("floorgate_clock_offset_seconds 59\\d\\.|floorgate_clock_offset_seconds 600")
                .contains("floorgate_clock_problem 1")
                .containsPattern("floorgate_pda_clock_offset_seconds\\{device=\"pda-1970\"} -17\\d{8}");
    }

    @Test
    void aKeyTheCoreRefusesMakesHealthDegradedAndSaysWhatToCheck() throws Exception {
        start("some-other-secret-0123456789");
        String pda = gateway.enroll("pda-1", "acme", "SH01");
        postAsPda(pda, "{\"opId\":\"0190f5c2-7b1a-7c3e-8f00-0000000000c2\",\"type\":\"RECEIVE\",\"sku\":\"SKU-1\","
                + "\"qty\":1,\"location\":\"A-01-01\"}", System.currentTimeMillis());

        // the core's clock (10 minutes ahead) makes health DEGRADED from the first ping, before the first batch has
        // met the refused key: wait for the key's own message (a loaded machine sends the batch seconds later)
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.get("/health", null).body()
                .contains("the core refuses the gateway's key"));

        assertThat(gateway.get("/health", null).body()).contains("\"status\":\"DEGRADED\"")
                .contains("fg.core.key-id");
    }

    private HttpResponse<String> postAsPda(String token, String body, long deviceMillis) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/operations")))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header(SignedHeaders.DEVICE_TIME, Long.toString(deviceMillis))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A core 10 minutes ahead of this machine that checks signatures as the real one does. */
    private static final class SkewedCore implements AutoCloseable {
        final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        final List<Operation> applied = new CopyOnWriteArrayList<>();
        final AtomicInteger refusals = new AtomicInteger();
        private final SignatureVerifier verifier;
        private final HttpServer server;

        SkewedCore(String secret) throws IOException {
            verifier = new SignatureVerifier(ApiKeys.parse("gw-test:" + secret + ":acme"),
                    new InMemoryNonceStore(this::millis), this::millis, SignatureVerifier.DEFAULT_WINDOW_MILLIS);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/health", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
            server.createContext("/v1/operations:batch", this::batch);
            server.start();
        }

        long millis() {
            return System.currentTimeMillis() + CORE_AHEAD;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int arrivals(String opId) {
            AtomicInteger n = arrivals.get(opId);
            return n == null ? 0 : n.get();
        }

        private void batch(HttpExchange ex) throws IOException {
            byte[] body = ex.getRequestBody().readAllBytes();
            try {
                verifier.verify("POST", ex.getRequestURI().getRawPath(), ex.getRequestHeaders()::getFirst, body);
            } catch (SignatureRejectedException e) {
                refusals.incrementAndGet();
                answer(ex, 401, "{\"error\":\"BAD_SIGNATURE\",\"message\":\"" + e.reason() + ": "
                        + e.getMessage() + "\"}");
                return;
            }
            BatchRequest batch = OperationJson.readBatch(new String(body, StandardCharsets.UTF_8));
            List<OperationResult> results = new ArrayList<>();
            for (Operation op : batch.operations()) {
                if (arrivals.computeIfAbsent(op.opId(), k -> new AtomicInteger()).incrementAndGet() == 1) {
                    applied.add(op);
                    results.add(OperationResult.applied(op.opId(), new StockLevels(2, 2, 0)));
                } else {
                    results.add(OperationResult.duplicateOf(OperationResult.applied(op.opId(),
                            new StockLevels(2, 2, 0))));
                }
            }
            answer(ex, 200, OperationJson.writeResults(results));
        }

        private void answer(HttpExchange ex, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.getResponseHeaders().set(SignedHeaders.CORE_TIME, Long.toString(millis()));
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
