package dev.floorgate.pda.tools;

import dev.floorgate.lan.EnrollResult;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.pda.EventStream;
import dev.floorgate.pda.FileQueueStorage;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.OperationQueue;
import dev.floorgate.lan.PickTask;
import dev.floorgate.pda.QueueListener;
import dev.floorgate.lan.Session;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** One simulated picker with its PDA: enroll, badge login, tasks, scans, PICKs through a real queue file. */
final class VirtualPda implements Runnable {
    private final int index;
    private final String deviceId;
    private final VirtualPdas.Options options;
    private final GatewayClient base;
    private final File work;
    private final OpLedger ledger;
    private final VirtualPdas.Counters counters;
    private final EnrolledDevices enrolled;
    private final long loadEnd;
    private final long settleEnd;
    private GatewayClient client;
    private Session session;
    private OperationQueue queue;
    private EventStream events;
    private final List<PickTask> tasks = new ArrayList<>();
    private final List<Long> remaining = new ArrayList<>();

    VirtualPda(int index, String deviceId, VirtualPdas.Options options, GatewayClient base, File work,
            OpLedger ledger, VirtualPdas.Counters counters, EnrolledDevices enrolled, long loadEnd,
            long settleEnd) {
        this.index = index;
        this.deviceId = deviceId;
        this.options = options;
        this.base = base;
        this.work = work;
        this.ledger = ledger;
        this.counters = counters;
        this.enrolled = enrolled;
        this.loadEnd = loadEnd;
        this.settleEnd = settleEnd;
    }

    @Override
    public void run() {
        try {
            setUp();
        } catch (IOException | RuntimeException e) {
            counters.problem("set-up of " + deviceId + " failed: " + e.getMessage());
            close();
            return;
        }
        try {
            load();
            settle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                ledger.settle(deviceId, client, queue.size());
            } catch (IOException | RuntimeException e) {
                counters.problem("final accounting of " + deviceId + " failed: " + e.getMessage());
            }
            close();
        }
    }

    private void setUp() throws IOException {
        GatewayClient admin = base.withToken(options.adminToken);
        EnrollmentCode code = admin.createEnrollmentCode(options.tenant, options.warehouse, 15);
        enrolled.enrolling(deviceId);
        EnrollResult result;
        try {
            result = base.enroll(code.code(), deviceId);
        } finally {
            enrolled.enrolled();
        }
        client = base.withToken(result.token());
        session = client.login("VB-" + (index + 1));
        refreshTasks();
        queue = new OperationQueue(new FileQueueStorage(new File(work, deviceId + ".queue")), client,
                OperationQueue.Options.defaults().deviceId(deviceId).retryMillis(50, 1000));
        queue.addListener(new QueueListener() {
            @Override
            public void onAccepted(String opId) {
                ledger.accepted(opId, System.nanoTime());
            }

            @Override
            public void onRejected(String opId, String code, String message) {
                ledger.rejected(opId);
            }

            @Override
            public void onResult(OperationResult result) {
                ledger.result(result);
            }
        });
        if (options.events) {
            events = client.events(0, queue.resultListener());
        }
        if (tasks.isEmpty()) {
            counters.problem("no PICK tasks for " + session.tenant() + "/" + session.warehouse()
                    + " at the gateway; PDAs without tasks make no operations");
        } else {
            counters.ready.incrementAndGet();
        }
    }

    private void refreshTasks() throws IOException {
        tasks.clear();
        remaining.clear();
        for (PickTask t : client.tasks()) {
            if (t.remaining() > 0 && t.sku() != null) {
                tasks.add(t);
                remaining.add(t.remaining());
            }
        }
    }

    private void load() throws InterruptedException {
        int picks = 0;
        int next = index; // PDAs start at different tasks so they do not all pick the same line
        while (System.nanoTime() < loadEnd && (options.picksPerPda == 0 || picks < options.picksPerPda)) {
            int t = nextTask(next);
            if (t < 0) {
                return;
            }
            next = t + 1;
            PickTask task = tasks.get(t);
            remaining.set(t, remaining.get(t) - 1);
            scan(task.location());
            scan(task.sku());
            Operation op = Operation.builder().opId(OperationIds.newId())
                    .tenant(session.tenant() != null ? session.tenant() : options.tenant)
                    .warehouse(session.warehouse() != null ? session.warehouse() : options.warehouse)
                    .type(OperationType.PICK).sku(task.sku()).qty(1L).location(task.location())
                    .orderNo(task.orderNo()).deviceId(deviceId)
                    .occurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()).build();
            ledger.enqueued(op.opId(), deviceId, System.nanoTime());
            try {
                queue.enqueue(op);
            } catch (IOException | RuntimeException e) {
                ledger.notStored(op.opId());
                counters.problem("enqueue on " + deviceId + " failed: " + e.getMessage());
                continue;
            }
            picks++;
            try {
                queue.flush();
            } catch (IOException e) {
                counters.sendFailures.incrementAndGet(); // stays queued; the next flush sends it again
            }
            if (options.thinkMillis > 0) {
                Thread.sleep(options.thinkMillis);
            }
        }
    }

    /** The index of the next task with units left, from {@code from} round the list; -1 when none is left. */
    private int nextTask(int from) {
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int k = 0; k < tasks.size(); k++) {
                int i = (from + k) % tasks.size();
                if (remaining.get(i) > 0) {
                    return i;
                }
            }
            try {
                refreshTasks(); // all picked locally: ask the gateway for what is left
            } catch (IOException e) {
                counters.problem("task refresh on " + deviceId + " failed: " + e.getMessage());
                return -1;
            }
        }
        return -1;
    }

    private void scan(String data) {
        counters.scans.incrementAndGet();
        try {
            client.scan(data, "]C0");
        } catch (IOException e) {
            counters.scanErrors.incrementAndGet();
            counters.problem("scan on " + deviceId + " failed: " + e.getMessage());
        }
    }

    /** Drains the queue, then waits for the results of what was accepted, until the settle deadline. */
    private void settle() throws InterruptedException {
        while (System.nanoTime() < settleEnd) {
            try {
                if (queue.size() == 0) {
                    break;
                }
                queue.flush();
            } catch (IOException e) {
                counters.sendFailures.incrementAndGet();
                Thread.sleep(100);
            }
        }
        long nextPoll = System.nanoTime() + (options.events ? 1_000_000_000L : 0);
        while (System.nanoTime() < settleEnd && ledger.awaiting(deviceId) > 0) {
            if (System.nanoTime() - nextPoll >= 0) {
                try {
                    queue.pollResults(); // the fallback when an event did not come
                } catch (IOException e) {
                    counters.problem("polling results on " + deviceId + " failed: " + e.getMessage());
                }
                nextPoll = System.nanoTime() + 500_000_000L;
            }
            Thread.sleep(20);
        }
    }

    private void close() {
        if (events != null) {
            events.close();
        }
        if (queue != null) {
            try {
                queue.close();
            } catch (IOException e) {
                counters.problem("closing the queue of " + deviceId + " failed: " + e.getMessage());
            }
        }
    }
}
