package dev.floorgate.systemtests;

import dev.floorgate.protocol.OperationIds;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Devices posting RECEIVE operations concurrently through the gateway, as PDAs do: each remembers every op it
 * made and which ones the gateway acknowledged (202), and can resend the unacknowledged ones with the same
 * opId and body, as a PDA's queue does after a failure.
 */
final class LoadClients {
    final Map<String, String> bodies = new ConcurrentHashMap<>();
    final Map<String, int[]> skuAndQty = new ConcurrentHashMap<>();
    final Map<String, Boolean> acked = new ConcurrentHashMap<>();
    /** Which device made each op: a resend comes from the same device, as a PDA's own queue resends. */
    final Map<String, String> madeBy = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();
    /** Milliseconds each acknowledged request took, for a soak's latency graph (taken and cleared by it). */
    final java.util.concurrent.ConcurrentLinkedQueue<Long> ackMillis = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Chain chain;
    private final List<String> tokens = new ArrayList<>();
    private final int skus;

    LoadClients(Chain chain, int devices, String tenant, int skus) throws Exception {
        this.chain = chain;
        this.skus = skus;
        for (int i = 0; i < devices; i++) {
            tokens.add(chain.enroll("load-" + i, tenant));
        }
    }

    /** Each device posts {@code perDevice} new operations (batches of {@code batch}); returns when all are done. */
    void run(int perDevice, int batch, String tenant) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        List<Future<?>> done = new ArrayList<>();
        for (String token : tokens) {
            done.add(pool.submit(() -> {
                for (int sent = 0; sent < perDevice; sent += batch) {
                    List<String> ids = new ArrayList<>();
                    StringBuilder body = new StringBuilder("{\"operations\":[");
                    for (int k = 0; k < Math.min(batch, perDevice - sent); k++) {
                        String id = OperationIds.newId();
                        int sku = ThreadLocalRandom.current().nextInt(skus);
                        int qty = 1 + ThreadLocalRandom.current().nextInt(5);
                        String op = Chain.receive(id, tenant, sku, qty);
                        bodies.put(id, op);
                        skuAndQty.put(id, new int[] {sku, qty});
                        madeBy.put(id, token);
                        ids.add(id);
                        body.append(k == 0 ? "" : ",").append(op);
                    }
                    post(token, ids, body.append("]}").toString());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    /**
     * Each device posts batches of {@code batch} new operations, pausing {@code pauseMillis} between them, until
     * {@code keepGoing} says stop (a steady trickle of picks while a test breaks something else).
     */
    void runWhile(java.util.function.BooleanSupplier keepGoing, int batch, long pauseMillis, String tenant)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        List<Future<?>> done = new ArrayList<>();
        for (String token : tokens) {
            done.add(pool.submit(() -> {
                while (keepGoing.getAsBoolean()) {
                    List<String> ids = new ArrayList<>();
                    StringBuilder body = new StringBuilder("{\"operations\":[");
                    for (int k = 0; k < batch; k++) {
                        String id = OperationIds.newId();
                        int sku = ThreadLocalRandom.current().nextInt(skus);
                        int qty = 1 + ThreadLocalRandom.current().nextInt(5);
                        String op = Chain.receive(id, tenant, sku, qty);
                        bodies.put(id, op);
                        skuAndQty.put(id, new int[] {sku, qty});
                        madeBy.put(id, token);
                        ids.add(id);
                        body.append(k == 0 ? "" : ",").append(op);
                    }
                    post(token, ids, body.append("]}").toString());
                    Thread.sleep(pauseMillis);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    /** Resends every op that never got a 202, with its original opId and body, until each is acknowledged. */
    void resendUnacknowledged() throws Exception {
        for (int round = 0; round < 20; round++) {
            List<String> missing = new ArrayList<>();
            for (String id : bodies.keySet()) {
                if (!acked.containsKey(id)) {
                    missing.add(id);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (String id : missing) {
                post(madeBy.get(id), List.of(id), bodies.get(id));
            }
        }
        throw new AssertionError("some operations were never acknowledged after 20 rounds");
    }

    private void post(String token, List<String> ids, String body) {
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = chain.gatewayPost("/api/v1/operations", token, body);
            if (r.statusCode() == 202) {
                ackMillis.add((System.nanoTime() - t0) / 1_000_000);
                for (String id : ids) {
                    acked.put(id, Boolean.TRUE);
                }
            } else {
                failures.incrementAndGet();
            }
        } catch (Exception e) {
            failures.incrementAndGet(); // the gateway is down (killed in the test): the op stays unacknowledged
        }
    }

    /** Expected onHand per SKU if every op made is applied exactly once. */
    long[] expectedOnHand() {
        long[] sums = new long[skus];
        for (int[] sq : skuAndQty.values()) {
            sums[sq[0]] += sq[1];
        }
        return sums;
    }
}
