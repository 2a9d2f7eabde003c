package dev.floorgate.pda.internal;

import dev.floorgate.protocol.OperationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which operations of one queue still wait for the core's result, so that each result is reported once and only
 * for this device's operations (a device sees its whole tenant's events). An operation is <em>in flight</em>
 * while its send is unanswered and <em>awaiting</em> once the gateway accepted it. A result that arrives while
 * its operation is in flight (a quick gateway can publish it before its 202 reaches us) is held back until the
 * acceptance, so listeners hear "accepted" before "applied". Bounded: at most {@code maxTracked} operations
 * (the oldest awaiting one is dropped first; {@link #pollable} and the device id still find it) and
 * {@code maxRemembered} delivered opIds. Thread-safe.
 */
public final class ResultTracker {
    private static final class Entry {
        boolean inFlight = true;
        OperationResult early;
    }

    private final int maxTracked;
    private final String ownDeviceId;
    private final Map<String, Entry> tracked = new LinkedHashMap<>();
    private final Map<String, Boolean> delivered;

    public ResultTracker(int maxTracked, int maxRemembered, String ownDeviceId) {
        if (maxTracked < 1 || maxRemembered < 1) {
            throw new IllegalArgumentException("result tracker bounds must be positive: maxTracked " + maxTracked
                    + ", maxRemembered " + maxRemembered);
        }
        this.maxTracked = maxTracked;
        this.ownDeviceId = ownDeviceId;
        this.delivered = new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxRemembered;
            }
        };
    }

    /** These operations are being sent. */
    public synchronized void sending(Collection<String> opIds) {
        for (String id : opIds) {
            Entry e = tracked.get(id);
            if (e == null) {
                tracked.put(id, new Entry());
            } else {
                e.inFlight = true;
            }
        }
        trim();
    }

    /** The gateway accepted {@code opId}; returns a result that came early (now counted as delivered), or null. */
    public synchronized OperationResult accepted(String opId) {
        Entry e = tracked.get(opId);
        if (e != null && e.early != null) {
            tracked.remove(opId);
            delivered.put(opId, Boolean.TRUE);
            return e.early;
        }
        if (e == null) {
            e = new Entry();
            tracked.put(opId, e);
        }
        e.inFlight = false;
        trim();
        return null;
    }

    /** The gateway refused {@code opId} at its door: it never reaches the core. */
    public synchronized void rejected(String opId) {
        tracked.remove(opId);
        delivered.put(opId, Boolean.TRUE);
    }

    /**
     * A final result from the event stream ({@code eventDeviceId} its device) or from polling (null): true when
     * the caller should report it now, which happens at most once per opId.
     */
    public synchronized boolean offer(OperationResult result, String eventDeviceId) {
        String opId = result.opId();
        if (opId == null || delivered.containsKey(opId)) {
            return false;
        }
        Entry e = tracked.get(opId);
        if (e != null && e.inFlight) {
            e.early = result;
            return false;
        }
        if (e != null || (ownDeviceId != null && ownDeviceId.equals(eventDeviceId))) {
            tracked.remove(opId);
            delivered.put(opId, Boolean.TRUE);
            return true;
        }
        return false;
    }

    /** Up to {@code max} accepted operations still waiting for a result, oldest first. */
    public synchronized List<String> pollable(int max) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : tracked.entrySet()) {
            if (out.size() == max) {
                break;
            }
            if (!e.getValue().inFlight) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** How many accepted operations wait for a result. */
    public synchronized int awaitingCount() {
        int n = 0;
        for (Entry e : tracked.values()) {
            if (!e.inFlight) {
                n++;
            }
        }
        return n;
    }

    private void trim() {
        Iterator<Entry> it = tracked.values().iterator();
        while (tracked.size() > maxTracked && it.hasNext()) {
            if (!it.next().inFlight) {
                it.remove();
            }
        }
    }
}
