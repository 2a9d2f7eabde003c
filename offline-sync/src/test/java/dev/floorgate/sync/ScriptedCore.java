package dev.floorgate.sync;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Plays the core's batch endpoint on a MockWebServer: verifies every request's signature with the protocol's
 * {@link SignatureVerifier} over the exact body bytes, applies operations idempotently by opId (a repeat gets
 * DUPLICATE with the first result), records what came over the wire, and serves scripted replies first.
 */
final class ScriptedCore extends Dispatcher {
    static final String KEY_ID = "gw-test";
    static final String SECRET = "0123456789abcdef-test-secret";

    /** One request as the core saw it. */
    static final class Received {
        final long atNanos;
        final String method;
        final String path;
        final byte[] body;
        final String signatureProblem;
        final BatchRequest batch;

        Received(long atNanos, String method, String path, byte[] body, String signatureProblem, BatchRequest batch) {
            this.atNanos = atNanos;
            this.method = method;
            this.path = path;
            this.body = body;
            this.signatureProblem = signatureProblem;
            this.batch = batch;
        }

        List<String> opIds() {
            List<String> ids = new ArrayList<>();
            for (Operation op : batch.operations()) {
                ids.add(op.opId());
            }
            return ids;
        }

        String tenant() {
            return batch.operations().get(0).tenant();
        }
    }

    /** A scripted reply; {@code applyFirst}: the core applies the batch before replying (a lost response). */
    static final class Scripted {
        final MockResponse response;
        final boolean applyFirst;

        Scripted(MockResponse response, boolean applyFirst) {
            this.response = response;
            this.applyFirst = applyFirst;
        }
    }

    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    final Map<String, OperationResult> firstResults = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final AtomicInteger maxInFlightPerTenant = new AtomicInteger();
    /** The core's clock minus this machine's (a gateway clock 10 minutes slow: +600 000). */
    volatile long coreSkewMillis;
    /** Whether answers carry X-FG-Core-Time (else only Date, as a core before issue 20). */
    volatile boolean sendsCoreTime = true;
    volatile SignatureVerifier verifier = new SignatureVerifier(ApiKeys.parse(KEY_ID + ":" + SECRET + ":acme|globex"),
            new InMemoryNonceStore(this::coreMillis), this::coreMillis, SignatureVerifier.DEFAULT_WINDOW_MILLIS);
    volatile long delayMillis;
    volatile Function<Operation, OperationResult> decide =
            op -> OperationResult.applied(op.opId(), new StockLevels(10, 10 - op.qty(), op.qty()));
    volatile Predicate<Operation> unreadable = op -> false;

    static SignatureVerifier verifierFor(String secret) {
        return new SignatureVerifier(ApiKeys.parse(KEY_ID + ":" + secret + ":acme|globex"), new InMemoryNonceStore());
    }

    void enqueue(MockResponse response) {
        script.add(new Scripted(response, false));
    }

    long coreMillis() {
        return System.currentTimeMillis() + coreSkewMillis;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        MockResponse response = answer(request);
        long now = coreMillis();
        response.setHeader("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.Instant.ofEpochMilli(now).atZone(java.time.ZoneOffset.UTC)));
        return sendsCoreTime ? response.setHeader(SignedHeaders.CORE_TIME, Long.toString(now)) : response;
    }

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        long at = System.nanoTime();
        byte[] body = request.getBody().readByteArray();
        String problem = null;
        try {
            verifier.verify(request.getMethod(), request.getPath(), request::getHeader, body);
        } catch (SignatureRejectedException e) {
            problem = e.reason() + ": " + e.getMessage(); // as the core words it (RequestGuard)
        }
        BatchRequest batch = OperationJson.readBatch(new String(body, StandardCharsets.UTF_8));
        received.add(new Received(at, request.getMethod(), request.getPath(), body, problem, batch));
        if (problem != null) {
            return error(401, "BAD_SIGNATURE", problem);
        }
        String tenant = batch.operations().get(0).tenant();
        AtomicInteger n = inFlight.computeIfAbsent(tenant, t -> new AtomicInteger());
        maxInFlightPerTenant.accumulateAndGet(n.incrementAndGet(), Math::max);
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Scripted scripted = script.poll();
            if (scripted != null) {
                if (scripted.applyFirst) {
                    apply(batch);
                }
                return scripted.response;
            }
            for (Operation op : batch.operations()) {
                if (unreadable.test(op)) {
                    return error(400, "MALFORMED_JSON", "operations[" + batch.operations().indexOf(op)
                            + "]: cannot read operation " + op.opId());
                }
            }
            return new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody(OperationJson.writeResults(apply(batch)));
        } finally {
            n.decrementAndGet();
        }
    }

    private List<OperationResult> apply(BatchRequest batch) {
        List<OperationResult> results = new ArrayList<>();
        for (Operation op : batch.operations()) {
            OperationResult first = firstResults.get(op.opId());
            if (first != null) {
                results.add(OperationResult.duplicateOf(first));
                continue;
            }
            OperationResult r = decide.apply(op);
            if (r.status().isFinal()) {
                firstResults.put(op.opId(), r);
            }
            results.add(r);
        }
        return results;
    }

    static MockResponse error(int status, String code, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    /** Every opId sent for a tenant, in wire order (repeats included). */
    List<String> wireOrder(String tenant) {
        List<String> ids = new ArrayList<>();
        synchronized (received) {
            for (Received r : received) {
                if (r.tenant().equals(tenant)) {
                    ids.addAll(r.opIds());
                }
            }
        }
        return ids;
    }

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }
}
