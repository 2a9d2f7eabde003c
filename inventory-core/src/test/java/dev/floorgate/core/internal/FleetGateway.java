package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A client that behaves like a gateway in front of several core instances: its own SKUs, one batch in flight, sent
 * to whichever instance {@code target} names at that moment, and whatever was not answered APPLIED or REJECTED
 * resent (to any instance) with the same opId and body. Checks every final answer against its own running figures
 * (nobody else touches its SKUs): an answer that contradicts them is a lost or doubled operation, recorded in
 * {@link #problems} (a test with WAIT requires none; a test without counts them).
 */
final class FleetGateway extends Thread {
    static final int BATCH = 5;
    final AtomicLong applied = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong failedCalls = new AtomicLong();
    /** The first time (nanoTime) an operation sent after {@link #markFrom} was answered APPLIED; 0 until then. */
    final AtomicLong firstAppliedAfterMark = new AtomicLong();
    final List<String> skus;
    final Map<String, Long> expected = new ConcurrentHashMap<>();
    final Map<String, String> finalAnswers = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Supplier<CoreClient> target;
    private final Random random;
    private final List<Operation> outbox = new ArrayList<>();
    private volatile long mark = Long.MAX_VALUE;
    private volatile boolean finishing;

    FleetGateway(Supplier<CoreClient> target, List<String> skus, Random random) {
        super("fleet-gateway-" + skus.get(0));
        setDaemon(true);
        this.target = target;
        this.skus = skus;
        this.random = random;
        skus.forEach(s -> expected.put(s, 0L));
    }

    /** From now on, note the first APPLIED answer to a batch sent after this call. */
    void markFrom(long nanoTime) {
        firstAppliedAfterMark.set(0);
        mark = nanoTime;
    }

    void finish() {
        finishing = true;
    }

    @Override
    public void run() {
        while (!finishing || !outbox.isEmpty()) {
            while (!finishing && outbox.size() < BATCH) {
                outbox.add(nextOperation());
            }
            List<Operation> batch = new ArrayList<>(outbox.subList(0, Math.min(BATCH, outbox.size())));
            long sent = System.nanoTime();
            CoreClient.Reply reply;
            try {
                reply = target.get().post("/v1/operations:batch", CoreHarness.batch(batch));
            } catch (RuntimeException e) {
                failedCalls.incrementAndGet(); // an instance going away mid-call: nothing final, send again
                pause();
                continue;
            }
            if (reply.status() != 200) {
                failedCalls.incrementAndGet();
                pause();
                continue;
            }
            List<OperationResult> results = OperationJson.readResults(reply.body());
            for (int i = 0; i < batch.size(); i++) {
                OperationResult r = results.get(i);
                if (r.status() == ResultStatus.RETRY) {
                    retries.incrementAndGet();
                    continue;
                }
                settle(batch.get(i), r, sent);
                outbox.remove(batch.get(i));
            }
        }
    }

    private void settle(Operation op, OperationResult r, long sent) {
        long before = expected.get(op.sku());
        long delta = op.type() == OperationType.RECEIVE ? op.qty() : -op.qty();
        ResultStatus first = r.status();
        if (first == ResultStatus.DUPLICATE) {
            first = ResultStatus.APPLIED.name().equals(r.code()) ? ResultStatus.APPLIED : ResultStatus.REJECTED;
        }
        if (first == ResultStatus.APPLIED) {
            long after = before + delta;
            if (r.stock() == null || r.stock().onHand() != after || r.stock().usable() != after) {
                problems.add(op.opId() + " " + op.type() + " " + op.qty() + " of " + op.sku() + " answered "
                        + r.stock() + ", expected onHand = usable = " + after + " (lost or doubled operation)");
                if (r.stock() != null) {
                    after = r.stock().onHand(); // follow Redis from here, so one loss is counted once
                }
            }
            expected.put(op.sku(), after);
            applied.incrementAndGet();
            if (sent > mark) {
                firstAppliedAfterMark.compareAndSet(0, System.nanoTime());
            }
        } else if (!ResultCodes.INSUFFICIENT_STOCK.equals(r.code()) || before + delta >= 0) {
            problems.add(op.opId() + " " + op.type() + " " + op.qty() + " of " + op.sku() + " answered "
                    + r.status() + " " + r.code() + " " + r.message() + " with " + before + " usable");
        }
        finalAnswers.put(op.opId(), first.name());
    }

    private Operation nextOperation() {
        String sku = skus.get(random.nextInt(skus.size()));
        boolean receive = random.nextInt(100) < 55;
        return Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01")
                .type(receive ? OperationType.RECEIVE : OperationType.PICK).sku(sku)
                .qty(1 + random.nextInt(5)).deviceId("pda-" + getName()).operator("u-1")
                .occurredAt(Instant.now().toString()).build();
    }

    private void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finishing = true;
            outbox.clear();
        }
    }
}
