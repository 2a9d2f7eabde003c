package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/events} against a real local server: parsing, reconnects with Last-Event-ID, stopping. */
class EventStreamTest {
    private MockWebServer server;
    private GatewayClient client;
    private final List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private final EventListener listener = new EventListener() {
        @Override
        public void onEvent(GatewayEvent event) {
            events.add(event);
        }

        @Override
        public void onFailure(IOException cause, long retryInMillis) {
            failures.add(cause.getMessage());
            retries.add(retryInMillis);
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = new GatewayClient(server.url("/").toString(), GatewayClient.defaultHttpClient(),
                ClientOptions.defaults().eventReconnectMillis(10, 50).eventReadTimeoutMillis(2_000))
                .withToken("fgd_device");
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse sse(String body) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body);
    }

    private static String result(long id, String type, String opId, String status, String code) {
        return "id: " + id + "\nevent: " + type + "\ndata: {\"id\":" + id + ",\"type\":\"" + type
                + "\",\"tenant\":\"acme\",\"deviceId\":\"pda-17\",\"at\":\"2026-11-22T08:15:31Z\",\n"
                + "data: \"data\":{\"opId\":\"" + opId + "\",\"status\":\"" + status + "\""
                + (code == null ? ",\"stock\":{\"onHand\":9,\"usable\":6,\"reserved\":3}" : ",\"code\":\"" + code
                        + "\",\"message\":\"usable 0 < requested 1\"") + "}}\n\n";
    }

    private void awaitEvents(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void eventsArriveTypedAndAReconnectSendsLastEventId() throws Exception {
        server.enqueue(sse(": keep-alive\n\n" + result(1, "op.result", "op-1", "APPLIED", null)
                + ": keep-alive\n\n" + result(2, "op.rejected", "op-2", "REJECTED", "INSUFFICIENT_STOCK")));
        server.enqueue(sse("retry: 20\n" + result(3, "op.result", "op-3", "DUPLICATE", "APPLIED")));
        server.enqueue(new MockResponse().setResponseCode(401)
                .setBody("{\"error\":\"UNAUTHORIZED\",\"message\":\"device token is not known or was revoked\"}"));

        EventStream stream = client.events(0, listener);
        try {
            awaitEvents(3);
            GatewayEvent first = events.get(0);
            assertThat(first.id()).isEqualTo(1);
            assertThat(first.type()).isEqualTo(GatewayEvent.OP_RESULT);
            assertThat(first.deviceId()).isEqualTo("pda-17");
            OperationResult applied = first.operationResult();
            assertThat(applied.opId()).isEqualTo("op-1");
            assertThat(applied.stock().onHand()).isEqualTo(9);
            OperationResult rejected = events.get(1).operationResult();
            assertThat(rejected.status()).isEqualTo(ResultStatus.REJECTED);
            assertThat(rejected.code()).isEqualTo("INSUFFICIENT_STOCK");
            assertThat(events.get(2).operationResult().status()).isEqualTo(ResultStatus.DUPLICATE);

            RecordedRequest r1 = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(r1.getPath()).isEqualTo("/api/v1/events");
            assertThat(r1.getHeader("Accept")).isEqualTo("text/event-stream");
            assertThat(r1.getHeader("Authorization")).isEqualTo("Bearer fgd_device");
            assertThat(r1.getHeader("Last-Event-ID")).isNull();
            assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Last-Event-ID")).isEqualTo("2");
            assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Last-Event-ID")).isEqualTo("3");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (stream.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(stream.isRunning()).as("a 401 stops the stream").isFalse();
            assertThat(stream.lastEventId()).isEqualTo(3);
            assertThat(retries.get(retries.size() - 1)).isEqualTo(-1L);
            assertThat(failures.get(failures.size() - 1)).contains("401 UNAUTHORIZED");
            assertThat(retries.get(1)).as("the server's retry: 20 is a floor for the next delay")
                    .isGreaterThanOrEqualTo(20L);
        } finally {
            stream.close();
        }
    }

    @Test
    void aStoredLastEventIdResumesAndABadEventIsSkipped() throws Exception {
        server.enqueue(sse("id: 8\ndata: not json\n\n" + result(9, "op.result", "op-9", "APPLIED", null)));
        EventStream stream = client.events(7, listener);
        try {
            awaitEvents(1);
            assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Last-Event-ID")).isEqualTo("7");
            assertThat(events.get(0).id()).isEqualTo(9);
            assertThat(events).hasSize(1);
        } finally {
            stream.close();
        }
    }

    @Test
    void closeStopsAStreamThatHangs() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        EventStream stream = client.events(0, listener);
        server.takeRequest(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        stream.close();
        assertThat(stream.isRunning()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        assertThat(stream.isConnected()).isFalse();
    }

    @Test
    void aSilentStreamTimesOutAndReconnects() throws Exception {
        GatewayClient quick = new GatewayClient(server.url("/").toString(), GatewayClient.defaultHttpClient(),
                ClientOptions.defaults().eventReconnectMillis(10, 20).eventReadTimeoutMillis(200))
                .withToken("fgd_device");
        server.enqueue(sse(result(1, "op.result", "op-1", "APPLIED", null))
                .setSocketPolicy(SocketPolicy.KEEP_OPEN).setBodyDelay(0, TimeUnit.MILLISECONDS)
                .throttleBody(100_000, 1, TimeUnit.MILLISECONDS));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        server.enqueue(sse(result(2, "op.result", "op-2", "APPLIED", null)));
        EventStream stream = quick.events(0, listener);
        try {
            awaitEvents(2);
            assertThat(failures).as("failures").anySatisfy(f -> assertThat(f).matches("(?is).*time(d)? ?out.*"));
            server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Last-Event-ID")).isEqualTo("1");
        } finally {
            stream.close();
        }
    }
}
