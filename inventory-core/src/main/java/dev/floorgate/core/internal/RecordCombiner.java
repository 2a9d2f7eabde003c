package dev.floorgate.core.internal;

import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flat combining per stock record (issue 14 item 1): concurrent requests' operations on one record go to Redis as ONE
 * {@code apply.lua} call. Each record has a FIFO queue of entries (one request's operations on it, in the request's
 * order) and at most one call in flight. The thread that finds the record idle becomes its combiner for one round:
 * it takes queued operations from the head (at most {@link #MAX_OPS_PER_CALL}), sends one call, hands each
 * operation's result to its own request's result array, then lets the next thread in. While a call is in flight,
 * later arrivals queue behind it and go together in the next round, so a hot record costs one round trip per
 * round, not per operation.
 *
 * <p>Order: within a record the order is the arrival order of entries, and an entry's operations stay contiguous
 * and in order, so the script sees exactly what one request at a time would have produced in some serial order.
 * The script's control words keep their meaning: LOAD loads the record and resends the rest; LEDGER asks the
 * ledger for that one operation. A RETRY (the ledger or Redis failed) holds back only what must wait for that
 * operation: the later operations of the SAME entry on this record; other requests' operations go on.
 *
 * <p>Lua: the script reads its arguments from ARGV by index (no {@code unpack}), so the call size is bounded only
 * by this cap: 256 operations are 515 keys and 3077 arguments.
 */
final class RecordCombiner {
    private static final Logger LOG = LoggerFactory.getLogger(RecordCombiner.class);
    /** At most this many operations in one script call; a larger queue goes over several rounds. */
    static final int MAX_OPS_PER_CALL = ApplyCall.MAX_OPS_PER_CALL;

    /** Asks the ledger for operations the script answered LEDGER for (OperationEngine's step 3, unconditional). */
    interface LedgerCheck {
        void check(List<ApplyCall.Pending> ops, OperationResult[] results);
    }

    /** One request's operations on one record, answered into that request's result array. */
    static final class Entry {
        final ApplyCall.Group group;
        final OperationResult[] results;
        /** Operations handed to a call so far (only the record's current combiner touches it). */
        private int taken;
        /** Set when one of its operations was answered RETRY: the rest must not be applied before it. */
        private String heldBack;
        /** Every operation answered; guarded by the record's lock. */
        private boolean done;
        /** The request's thread, woken when the entry is answered or reaches the head of an idle record's queue. */
        private final Thread waiter = Thread.currentThread();

        Entry(ApplyCall.Group group, OperationResult[] results) {
            this.group = group;
            this.results = results;
        }
    }

    private static final class Record {
        final String rec;
        final ArrayDeque<Entry> queue = new ArrayDeque<>();
        boolean busy;
        /** Removed from the map (idle and empty); a newcomer makes a fresh one. */
        boolean dead;

        Record(String rec) {
            this.rec = rec;
        }
    }

    private record Slot(Entry entry, ApplyCall.Pending p) { }

    /** One script call's operations and its reply. */
    private static final class Round {
        final Record record;
        final List<Slot> slots;
        CompletableFuture<List<Object>> reply;

        Round(Record record, List<Slot> slots) {
            this.record = record;
            this.slots = slots;
        }
    }

    private final RedisConnector redis;
    private final ApplyCall call;
    private final ColdLoader loader;
    private final LedgerCheck ledger;
    private final ConcurrentHashMap<String, Record> records = new ConcurrentHashMap<>();

    RecordCombiner(RedisConnector redis, ApplyCall call, ColdLoader loader, LedgerCheck ledger) {
        this.redis = redis;
        this.call = call;
        this.loader = loader;
        this.ledger = ledger;
    }

    /**
     * Answers every operation of the given entries (one per record), sharing calls with concurrent requests. Returns
     * when all are answered. First it sends a call for each record that is idle (pipelined, as a request alone would),
     * then completes those, then waits its turn on the busy ones.
     */
    void run(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<Entry, Record> recordOf = new IdentityHashMap<>();
        for (Entry e : entries) {
            recordOf.put(e, enqueue(e));
        }
        List<Round> started = new ArrayList<>();
        for (Entry e : entries) {
            Record r = recordOf.get(e);
            Round round = tryStart(r);
            if (round != null) {
                round.reply = send(round.record, round.slots);
                started.add(round);
            }
        }
        for (Round round : started) {
            completeAndRelease(round);
        }
        for (Entry e : entries) {
            drive(recordOf.get(e), e);
        }
    }

    /** Records with queued or in-flight work (for tests and metrics). */
    int activeRecords() {
        return records.size();
    }

    private Record enqueue(Entry e) {
        while (true) {
            Record r = records.computeIfAbsent(e.group.rec, Record::new);
            synchronized (r) {
                if (!r.dead) {
                    r.queue.addLast(e);
                    return r;
                }
            }
        }
    }

    /** Becomes the record's combiner if it is idle; returns the round to send, else null. */
    private Round tryStart(Record r) {
        synchronized (r) {
            if (r.busy || r.queue.isEmpty()) {
                return null;
            }
            r.busy = true;
            return new Round(r, drain(r));
        }
    }

    /**
     * Rounds until the entry is answered. While another thread's call for the record is in flight the thread parks;
     * it is woken only when its entry is answered or is at the head of the queue of a record that went idle (then it
     * combines the next round), so a round wakes the threads it answered and one more, not every waiting thread.
     */
    private void drive(Record r, Entry e) {
        // A pending interrupt would make park() return at once (a busy loop) and fail the Redis calls of a round
        // that answers other requests too; it is kept aside and restored at the end.
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                Round round = null;
                synchronized (r) {
                    if (e.done) {
                        return;
                    }
                    if (!r.busy) {
                        r.busy = true;
                        round = new Round(r, drain(r));
                    }
                }
                if (round == null) {
                    LockSupport.park(r);
                    interrupted |= Thread.interrupted();
                    continue;
                }
                round.reply = send(r, round.slots);
                completeAndRelease(round);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void completeAndRelease(Round round) {
        try {
            complete(round);
        } finally {
            release(round);
        }
    }

    /** Takes operations from the queue's head, whole entries while they fit; called with the record's lock held. */
    private static List<Slot> drain(Record r) {
        List<Slot> slots = new ArrayList<>();
        while (!r.queue.isEmpty() && slots.size() < MAX_OPS_PER_CALL) {
            Entry e = r.queue.peekFirst();
            List<ApplyCall.Pending> ops = e.group.ops;
            while (e.taken < ops.size() && slots.size() < MAX_OPS_PER_CALL) {
                slots.add(new Slot(e, ops.get(e.taken++)));
            }
            if (e.taken == ops.size()) {
                r.queue.pollFirst();
            }
        }
        return slots;
    }

    /** Ends a round: held-back entries answer their untaken rest RETRY; finished entries wake their threads. */
    private void release(Round round) {
        Record r = round.record;
        synchronized (r) {
            for (Slot s : round.slots) {
                Entry e = s.entry;
                if (e.results[s.p.index] == null) { // complete() failed unexpectedly: never leave a caller without
                    e.heldBack = "the core failed while applying";
                    e.results[s.p.index] = ApplyCall.retry(s.p, e.heldBack, null);
                }
            }
            for (Slot s : round.slots) {
                Entry e = s.entry;
                if (e.heldBack != null && e.taken < e.group.ops.size()) {
                    for (int i = e.taken; i < e.group.ops.size(); i++) {
                        ApplyCall.Pending p = e.group.ops.get(i);
                        e.results[p.index] = ApplyCall.retry(p, e.heldBack, null);
                    }
                    e.taken = e.group.ops.size();
                    r.queue.remove(e);
                }
                if (e.taken == e.group.ops.size()) {
                    e.done = true;
                }
            }
            r.busy = false;
            if (r.queue.isEmpty()) {
                r.dead = true;
                records.remove(r.rec, r);
            } else {
                LockSupport.unpark(r.queue.peekFirst().waiter); // the next round's combiner
            }
            for (Slot s : round.slots) {
                if (s.entry.done) {
                    LockSupport.unpark(s.entry.waiter);
                }
            }
        }
    }

    private CompletableFuture<List<Object>> send(Record r, List<Slot> slots) {
        ApplyCall.Group g = new ApplyCall.Group(r.rec);
        for (Slot s : slots) {
            g.ops.add(s.p);
        }
        try {
            return call.send(g);
        } catch (RuntimeException e) { // a connection that refuses at once; complete() answers RETRY
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Collects one round's replies, loading the record or asking the ledger when the script says so. */
    private void complete(Round round) {
        String rec = round.record.rec;
        List<Slot> rest = new ArrayList<>(round.slots);
        CompletableFuture<List<Object>> reply = round.reply;
        int rounds = 0;
        int maxRounds = 2 * rest.size() + 4;
        while (!rest.isEmpty()) {
            List<Object> items;
            try {
                items = redis.await(reply);
            } catch (RuntimeException e) {
                failAll(rest, "Redis failed while applying", e);
                return;
            }
            int k = 0;
            String control = null;
            for (Object item : items) {
                if (item instanceof List<?> fields) {
                    Slot s = rest.get(k++);
                    s.entry.results[s.p.index] = ApplyCall.toResult(s.p, fields);
                } else {
                    control = String.valueOf(item);
                    break;
                }
            }
            rest = new ArrayList<>(rest.subList(k, rest.size()));
            if (rest.isEmpty()) {
                return;
            }
            if (++rounds > maxRounds) {
                failAll(rest, "the record kept disappearing from Redis after " + rounds + " rounds", null);
                return;
            }
            try {
                if ("LOAD".equals(control)) {
                    loader.load(rec);
                } else if ("LEDGER".equals(control)) {
                    Slot s = rest.get(0);
                    List<ApplyCall.Pending> one = new ArrayList<>(List.of(s.p));
                    ledger.check(one, s.entry.results);
                    OperationResult answer = s.entry.results[s.p.index];
                    if (answer != null && answer.status() == ResultStatus.RETRY) {
                        rest.remove(0);
                        holdBack(s.entry, rest, "operation " + s.p.index + " on the same stock record must be "
                                + "retried first");
                    } else if (one.isEmpty()) {
                        rest.remove(0); // answered from the ledger: DUPLICATE or OP_ID_REUSED
                    }
                } else {
                    throw new IllegalStateException("apply.lua answered " + items.size() + " items for "
                            + (k + rest.size()) + " operations of " + rec + " and no control word");
                }
            } catch (SQLException | RuntimeException e) {
                failAll(rest, "loading " + rec + " from the database failed", e);
                return;
            }
            if (rest.isEmpty()) {
                return;
            }
            reply = send(round.record, rest);
        }
    }

    /** Answers RETRY to the entry's operations still in {@code rest} and holds back its untaken ones. */
    private static void holdBack(Entry entry, List<Slot> rest, String why) {
        entry.heldBack = why;
        rest.removeIf(s -> {
            if (s.entry == entry) {
                s.entry.results[s.p.index] = ApplyCall.retry(s.p, why, null);
                return true;
            }
            return false;
        });
    }

    private static void failAll(List<Slot> rest, String what, Exception e) {
        if (e != null) {
            LOG.warn("{} ({} combined operations left): {}", what, rest.size(), e.toString());
        }
        for (Slot s : rest) {
            s.entry.results[s.p.index] = ApplyCall.retry(s.p, what, null);
            s.entry.heldBack = what;
        }
        rest.clear();
    }
}
