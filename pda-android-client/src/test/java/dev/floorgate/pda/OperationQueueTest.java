package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.protocol.InvalidOperationException;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.StockLevels;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDA outbox against a real local HTTP server: resends with the same opIds until 202, rejections to the
 * listener and out of the queue, order, batch splitting, results from events and polling, the sending thread.
 */
class OperationQueueTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private GatewayClient client;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final QueueListener recorder = new QueueListener() {
        @Override
        public void onAccepted(String opId) {
            calls.add("accepted " + opId);
        }

        @Override
        public void onRejected(String opId, String code, String message) {
            calls.add("rejected " + opId + " " + code + ": " + message);
        }

        @Override
        public void onResult(OperationResult result) {
            calls.add("result " + result.opId() + " " + result.status());
        }

        @Override
        public void onSendFailure(IOException cause, int pending, long retryInMillis) {
            calls.add("failure " + pending);
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        // No silent retry inside OkHttp, so each attempt of the queue is one request the test can count.
        OkHttpClient http = GatewayClient.defaultHttpClient().newBuilder().retryOnConnectionFailure(false).build();
        client = new GatewayClient(server.url("/").toString(), http).withToken("fgd_device");
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private OperationQueue queue(String name, OperationQueue.Options options) throws IOException {
        OperationQueue q = new OperationQueue(new FileQueueStorage(new File(dir.toFile(), name)), client, options);
        q.addListener(recorder);
        return q;
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    private static MockResponse accepted(Operation... ops) {
        List<String> ids = new ArrayList<>();
        for (Operation op : ops) {
            ids.add("\"" + op.opId() + "\"");
        }
        return json(202, "{\"accepted\":[" + String.join(",", ids) + "]}");
    }

    /** The opIds of one recorded POST /api/v1/operations. */
    private static List<String> opIds(RecordedRequest r) {
        assertThat(r.getPath()).isEqualTo("/api/v1/operations");
        List<String> ids = new ArrayList<>();
        for (Operation op : OperationJson.readOperations(r.getBody().readUtf8())) {
            ids.add(op.opId());
        }
        return ids;
    }

    private static Operation pick(String sku) {
        return GatewayClientTest.pick(sku);
    }

    @Test
    void resendsWithTheSameOpIdAfterFailuresUntil202() throws Exception {
        OperationQueue q = queue("resend.queue", OperationQueue.Options.defaults());
        Operation op = pick("SKU-1");
        q.enqueue(op);
        assertThat(q.size()).isEqualTo(1);
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST)); // lost 202
        server.enqueue(json(503, "{\"error\":\"UNAVAILABLE\",\"message\":\"starting\"}"));
        server.enqueue(json(507, "{\"error\":\"DISK_FULL\",\"message\":\"2% free\"}"));
        server.enqueue(accepted(op));

        List<IOException> failures = new ArrayList<>();
        int answered = 0;
        for (int attempt = 0; attempt < 10 && answered == 0; attempt++) {
            try {
                answered = q.flush();
            } catch (IOException e) {
                failures.add(e);
                assertThat(q.size()).as("still queued after %s", e.getMessage()).isEqualTo(1);
            }
        }
        assertThat(answered).isEqualTo(1);
        assertThat(failures).hasSize(3);
        assertThat(failures.get(1)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        assertThat(failures.get(2)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.code()).isEqualTo("DISK_FULL"));
        assertThat(server.getRequestCount()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(opIds(server.takeRequest())).containsExactly(op.opId());
        }
        assertThat(q.size()).isZero();
        assertThat(calls).containsExactly("accepted " + op.opId());
        q.close();
    }

    @Test
    void rejectionsReachTheListenerAndLeaveTheQueueInOrder() throws Exception {
        OperationQueue q = queue("reject.queue", OperationQueue.Options.defaults().batch(3, 512 * 1024));
        Operation[] ops = {pick("SKU-1"), pick("SKU-NOPE"), pick("SKU-3"), pick("SKU-4"), pick("SKU-5")};
        for (Operation op : ops) {
            q.enqueue(op);
        }
        server.enqueue(json(422, "{\"error\":\"INVALID_OPERATIONS\",\"message\":\"1 rejected\",\"accepted\":[\""
                + ops[0].opId() + "\",\"" + ops[2].opId() + "\"],\"rejected\":[{\"opId\":\"" + ops[1].opId()
                + "\",\"code\":\"UNKNOWN_SKU\",\"problems\":[{\"field\":\"sku\",\"message\":\"unknown SKU-NOPE\"}]}]}"));
        server.enqueue(accepted(ops[3], ops[4]));

        assertThat(q.flush()).isEqualTo(5);
        assertThat(q.size()).isZero();
        assertThat(opIds(server.takeRequest())).containsExactly(ops[0].opId(), ops[1].opId(), ops[2].opId());
        assertThat(opIds(server.takeRequest())).containsExactly(ops[3].opId(), ops[4].opId());
        assertThat(calls).containsExactly(
                "accepted " + ops[0].opId(),
                "rejected " + ops[1].opId() + " UNKNOWN_SKU: sku: unknown SKU-NOPE",
                "accepted " + ops[2].opId(),
                "accepted " + ops[3].opId(),
                "accepted " + ops[4].opId());
        q.close();
    }

    @Test
    void aBatchRefusedAsAWholeGoesAgainOneByOneSoTheRefusalLandsOnItsOperation() throws Exception {
        OperationQueue q = queue("split.queue", OperationQueue.Options.defaults());
        Operation a = pick("SKU-1");
        Operation other = pick("SKU-2").toBuilder().tenant("globex").build();
        Operation c = pick("SKU-3");
        q.enqueue(a);
        q.enqueue(other);
        q.enqueue(c);
        String forbidden = "{\"error\":\"TENANT_FORBIDDEN\",\"message\":\"this device belongs to acme, not globex\"}";
        server.enqueue(json(403, forbidden));
        server.enqueue(accepted(a));
        server.enqueue(json(403, forbidden));
        server.enqueue(accepted(c));

        assertThat(q.flush()).isEqualTo(3);
        assertThat(opIds(server.takeRequest())).containsExactly(a.opId(), other.opId(), c.opId());
        assertThat(opIds(server.takeRequest())).containsExactly(a.opId());
        assertThat(opIds(server.takeRequest())).containsExactly(other.opId());
        assertThat(opIds(server.takeRequest())).containsExactly(c.opId());
        assertThat(calls).containsExactly("accepted " + a.opId(),
                "rejected " + other.opId() + " TENANT_FORBIDDEN: this device belongs to acme, not globex",
                "accepted " + c.opId());
        q.close();
    }

    @Test
    void a422ThatDoesNotNameEveryOperationIsAskedAgainOneByOne() throws Exception {
        OperationQueue q = queue("unnamed.queue", OperationQueue.Options.defaults());
        Operation a = pick("SKU-1");
        Operation b = pick("SKU-2");
        q.enqueue(a);
        q.enqueue(b);
        server.enqueue(json(422, "{\"error\":\"INVALID_OPERATIONS\",\"message\":\"bad\",\"accepted\":[\""
                + a.opId() + "\"],\"rejected\":[]}"));
        server.enqueue(accepted(a));
        server.enqueue(json(422, "{\"error\":\"INVALID_OPERATIONS\",\"message\":\"qty out of range\"}"));
        assertThat(q.flush()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(calls).containsExactly("accepted " + a.opId(),
                "rejected " + b.opId() + " INVALID: qty out of range");
        q.close();
    }

    @Test
    void aRevokedTokenKeepsTheOperationsQueued() throws Exception {
        OperationQueue q = queue("revoked.queue", OperationQueue.Options.defaults());
        Operation op = pick("SKU-1");
        q.enqueue(op);
        server.enqueue(json(401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"device token was revoked\"}"));
        assertThatThrownBy(q::flush).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(q.size()).isEqualTo(1);
        assertThat(calls).isEmpty();
        // After enrolling again the app hands the queue a client with the new token.
        q.useClient(client.withToken("fgd_new"));
        server.enqueue(accepted(op));
        assertThat(q.flush()).isEqualTo(1);
        server.takeRequest();
        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer fgd_new");
        q.close();
    }

    @Test
    void operationsSurviveARestartAndGoWithTheirOpIds() throws Exception {
        Operation op = pick("SKU-1");
        OperationQueue before = queue("restart.queue", OperationQueue.Options.defaults());
        before.enqueue(op);
        before.close(); // the app dies before sending

        OperationQueue after = queue("restart.queue", OperationQueue.Options.defaults());
        assertThat(after.size()).isEqualTo(1);
        server.enqueue(accepted(op));
        assertThat(after.flush()).isEqualTo(1);
        assertThat(opIds(server.takeRequest())).containsExactly(op.opId());
        assertThat(OperationJson.readOperations(OperationJson.write(op))).containsExactly(op);
        after.close();
    }

    @Test
    void anInvalidOperationIsRefusedAtEnqueueAndNotStored() throws Exception {
        OperationQueue q = queue("invalid.queue", OperationQueue.Options.defaults());
        Operation noQty = pick("SKU-1").toBuilder().qty((Long) null).build();
        assertThatThrownBy(() -> q.enqueue(noQty)).isInstanceOf(InvalidOperationException.class)
                .hasMessageContaining("qty: is required");
        assertThat(q.size()).isZero();
        q.close();
    }

    @Test
    void resultsFromEventsAreReportedOncePerOperationAndOnlyForOurs() throws Exception {
        OperationQueue q = queue("results.queue", OperationQueue.Options.defaults());
        Operation applied = pick("SKU-1");
        Operation taken = pick("SKU-2");
        q.enqueue(applied);
        q.enqueue(taken);
        server.enqueue(accepted(applied, taken));
        q.flush();
        calls.clear();
        assertThat(q.awaitingResults()).isEqualTo(2);

        q.offerEvent(event(1, "op.result", "pda-17", applied.opId(), "APPLIED", null));
        q.offerEvent(event(1, "op.result", "pda-17", applied.opId(), "APPLIED", null)); // replayed on reconnect
        q.offerEvent(event(2, "op.result", "pda-99", "someone-elses-op", "APPLIED", null));
        q.offerEvent(event(3, "op.rejected", "pda-17", taken.opId(), "REJECTED", "INSUFFICIENT_STOCK"));
        assertThat(calls).containsExactly("result " + applied.opId() + " APPLIED",
                "result " + taken.opId() + " REJECTED",
                "rejected " + taken.opId() + " INSUFFICIENT_STOCK: usable 0 < requested 1");
        assertThat(q.awaitingResults()).isZero();
        q.close();
    }

    @Test
    void withTheDeviceIdResultsOfOperationsSentBeforeARestartAreReportedToo() throws Exception {
        OperationQueue q = queue("device.queue", OperationQueue.Options.defaults().deviceId("pda-17"));
        q.offerEvent(event(5, "op.result", "pda-17", "op-sent-before-restart", "APPLIED", null));
        q.offerEvent(event(6, "op.result", "pda-18", "op-of-another-device", "APPLIED", null));
        q.offerEvent(event(7, "print-job", "pda-17", "job", "PRINTED", null));
        assertThat(calls).containsExactly("result op-sent-before-restart APPLIED");
        q.close();
    }

    @Test
    void aResultThatOvertakesThe202IsReportedAfterTheAcceptance() throws Exception {
        OperationQueue q = queue("race.queue", OperationQueue.Options.defaults());
        Operation op = pick("SKU-1");
        q.enqueue(op);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // the gateway publishes the result while its 202 is still on the way
                q.offerEvent(event(1, "op.result", "pda-17", op.opId(), "APPLIED", null));
                return accepted(op);
            }
        });
        q.flush();
        assertThat(calls).containsExactly("accepted " + op.opId(), "result " + op.opId() + " APPLIED");
        q.close();
    }

    @Test
    void pollingFindsResultsTheEventStreamMissed() throws Exception {
        OperationQueue q = queue("poll.queue", OperationQueue.Options.defaults());
        Operation op = pick("SKU-1");
        Operation pending = pick("SKU-2");
        q.enqueue(op);
        q.enqueue(pending);
        server.enqueue(accepted(op, pending));
        q.flush();
        calls.clear();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().endsWith(op.opId())) {
                    return json(200, "{\"opId\":\"" + op.opId() + "\",\"state\":\"DUPLICATE\",\"result\":{\"opId\":\""
                            + op.opId() + "\",\"status\":\"DUPLICATE\",\"code\":\"INSUFFICIENT_STOCK\","
                            + "\"message\":\"first answer\"}}");
                }
                return json(200, "{\"opId\":\"" + pending.opId() + "\",\"state\":\"PENDING\",\"result\":null}");
            }
        });
        assertThat(q.pollResults()).isEqualTo(1);
        assertThat(calls).containsExactly("result " + op.opId() + " DUPLICATE",
                "rejected " + op.opId() + " INSUFFICIENT_STOCK: first answer");
        assertThat(q.awaitingResults()).isEqualTo(1);
        q.close();
    }

    @Test
    void theSendingThreadSendsOnEnqueueAndRetriesWithBackoff() throws Exception {
        OperationQueue q = queue("thread.queue", OperationQueue.Options.defaults().retryMillis(20, 100));
        Operation a = pick("SKU-1");
        Operation b = pick("SKU-2");
        Map<String, Integer> seen = new HashMap<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public synchronized MockResponse dispatch(RecordedRequest request) {
                List<String> ids = opIds(request);
                for (String id : ids) {
                    seen.merge(id, 1, Integer::sum);
                }
                if (seen.get(ids.get(0)) < 3) {
                    return json(503, "{\"error\":\"UNAVAILABLE\",\"message\":\"warming up\"}");
                }
                StringBuilder body = new StringBuilder("{\"accepted\":[");
                for (int i = 0; i < ids.size(); i++) {
                    body.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
                }
                return json(202, body.append("]}").toString());
            }
        });
        q.start();
        q.enqueue(a);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (q.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        q.enqueue(b);
        while (q.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(q.size()).isZero();
        assertThat(calls).contains("accepted " + a.opId(), "accepted " + b.opId());
        assertThat(calls).filteredOn(c -> c.startsWith("failure")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(calls.indexOf("accepted " + a.opId())).isLessThan(calls.indexOf("accepted " + b.opId()));
        q.close();
        assertThatThrownBy(() -> q.enqueue(pick("SKU-3"))).isInstanceOf(IllegalStateException.class);
    }

    static GatewayEvent event(long id, String type, String deviceId, String opId, String status, String code) {
        Map<String, Object> data = new HashMap<>();
        data.put("opId", opId);
        data.put("status", status);
        if (code != null) {
            data.put("code", code);
            data.put("message", "usable 0 < requested 1");
        } else if (status.equals("APPLIED")) {
            Map<String, Object> stock = new HashMap<>();
            stock.put("onHand", 9L);
            stock.put("usable", 6L);
            stock.put("reserved", 3L);
            data.put("stock", stock);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("tenant", "acme");
        event.put("deviceId", deviceId);
        event.put("at", "2026-11-22T08:15:31Z");
        event.put("data", data);
        try {
            return LanJson.read(LanJson.write(event), GatewayEvent.class); // as the event stream reads it
        } catch (LanJsonException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventResultsCarryTheStock() {
        OperationResult r = event(1, "op.result", "pda-17", "op-1", "APPLIED", null).operationResult();
        assertThat(r.stock()).isEqualTo(new StockLevels(9, 6, 3));
    }
}
