package dev.floorgate.pda.tools;

import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.GatewayException;
import dev.floorgate.lan.OperationStatus;
import dev.floorgate.protocol.OperationResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every operation the virtual PDAs made and what became of it, so the run can prove nothing was lost: each
 * opId ends final at the gateway, pending there, rejected at its door, or still queued on its device.
 * Thread-safe.
 */
final class OpLedger {
    /** What became of one operation. */
    enum Fate {
        /** Stored on the device, no answer from the gateway yet. */
        QUEUED,
        /** 202 from the gateway, no result yet. */
        ACCEPTED,
        /** Refused at the gateway's door (422/403). */
        GATEWAY_REJECTED,
        APPLIED,
        DUPLICATE,
        /** REJECTED by the core. */
        CORE_REJECTED,
        /** Accepted and still PENDING or SYNCING at the gateway at the end. */
        PENDING,
        /** Accepted, but the gateway does not know it (404) at the end, or gone from the device's queue. */
        LOST,
        /** Accepted, but its state could not be asked at the end (gateway unreachable). */
        UNVERIFIED
    }

    static final class Entry {
        final String opId;
        final String deviceId;
        final long enqueuedNanos;
        volatile long acceptedNanos = -1;
        volatile Fate fate = Fate.QUEUED;

        Entry(String opId, String deviceId, long enqueuedNanos) {
            this.opId = opId;
            this.deviceId = deviceId;
            this.enqueuedNanos = enqueuedNanos;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    void enqueued(String opId, String deviceId, long nanos) {
        entries.put(opId, new Entry(opId, deviceId, nanos));
    }

    /** Forgets an operation whose enqueue failed (it was never stored). */
    void notStored(String opId) {
        entries.remove(opId);
    }

    void accepted(String opId, long nanos) {
        Entry e = entries.get(opId);
        if (e != null && e.acceptedNanos < 0) {
            e.acceptedNanos = nanos;
            if (e.fate == Fate.QUEUED) {
                e.fate = Fate.ACCEPTED;
            }
        }
    }

    void rejected(String opId) {
        Entry e = entries.get(opId);
        if (e != null && e.fate == Fate.QUEUED) {
            e.fate = Fate.GATEWAY_REJECTED;
        }
    }

    void result(OperationResult r) {
        Entry e = entries.get(r.opId());
        if (e == null) {
            return;
        }
        switch (r.status()) {
            case APPLIED: e.fate = Fate.APPLIED; break;
            case DUPLICATE: e.fate = Fate.DUPLICATE; break;
            case REJECTED: e.fate = Fate.CORE_REJECTED; break;
            default: break;
        }
    }

    /** Operations of {@code deviceId} accepted but without a result yet. */
    int awaiting(String deviceId) {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.deviceId.equals(deviceId) && e.fate == Fate.ACCEPTED) {
                n++;
            }
        }
        return n;
    }

    /**
     * The end of the run for one device: asks the gateway about each accepted operation without a result, and
     * checks that the operations the ledger thinks queued are all still in the device's queue.
     */
    void settle(String deviceId, GatewayClient client, int stillInQueue) {
        int queued = 0;
        List<Entry> queuedEntries = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.deviceId.equals(deviceId)) {
                continue;
            }
            if (e.fate == Fate.QUEUED) {
                queued++;
                queuedEntries.add(e);
            } else if (e.fate == Fate.ACCEPTED) {
                e.fate = ask(client, e.opId);
            }
        }
        // The queue cannot hold fewer than the unanswered operations unless it lost some.
        for (int i = 0; i < queued - stillInQueue && i < queuedEntries.size(); i++) {
            queuedEntries.get(i).fate = Fate.LOST;
        }
    }

    private static Fate ask(GatewayClient client, String opId) {
        try {
            OperationStatus s = client.status(opId);
            OperationStatus.State state = s.state();
            if (state == null) {
                return Fate.PENDING;
            }
            switch (state) {
                case APPLIED: return Fate.APPLIED;
                case DUPLICATE: return Fate.DUPLICATE;
                case REJECTED: return Fate.CORE_REJECTED;
                default: return Fate.PENDING;
            }
        } catch (GatewayException e) {
            return e.status() == 404 ? Fate.LOST : Fate.UNVERIFIED;
        } catch (IOException e) {
            return Fate.UNVERIFIED;
        }
    }

    Map<Fate, Integer> counts() {
        Map<Fate, Integer> out = new EnumMap<>(Fate.class);
        for (Fate f : Fate.values()) {
            out.put(f, 0);
        }
        for (Entry e : entries.values()) {
            out.put(e.fate, out.get(e.fate) + 1);
        }
        return out;
    }

    int size() {
        return entries.size();
    }

    int acceptedCount() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.acceptedNanos >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Microseconds from enqueue to 202, of every accepted operation, sorted. */
    long[] timesTo202Micros() {
        List<Long> times = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.acceptedNanos >= 0) {
                times.add((e.acceptedNanos - e.enqueuedNanos) / 1_000);
            }
        }
        long[] out = new long[times.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = times.get(i);
        }
        Arrays.sort(out);
        return out;
    }
}
