package dev.floorgate.gateway.internal.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed attempts counted per key (a client address, a user name, both), in memory and bounded. A key locks for
 * {@code lockFor} once {@code limit} failures follow each other with gaps shorter than {@code lockFor} (an older
 * run is forgotten). An attempt is <em>reserved</em> before the expensive check it guards (a PBKDF2 hash): a key
 * with {@code failures + attempts in flight >= limit} takes no new one, so parallel guesses cannot overtake the
 * lock. Callers that need several keys at once reserve them under one lock of their own. At most
 * {@code maxKeys} keys are remembered (the least recently used is dropped first).
 */
public final class AttemptLimiter {
    private static final class State {
        int failures;
        int pending;
        Instant lastFailure;
        Instant lockedUntil;
    }

    private final int limit;
    private final Duration lockFor;
    private final Clock clock;
    private final Map<String, State> states;

    public AttemptLimiter(int limit, Duration lockFor, int maxKeys, Clock clock) {
        if (limit < 1 || lockFor.isNegative() || lockFor.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("attempt limiter: limit " + limit + " and lock " + lockFor
                    + " must be positive, keys " + maxKeys + " at least 1");
        }
        this.limit = limit;
        this.lockFor = lockFor;
        this.clock = clock;
        this.states = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > maxKeys && eldest.getValue().pending == 0;
            }
        };
    }

    public int limit() {
        return limit;
    }

    /** When {@code key} may try again, or null if it may try now (an attempt would be accepted). */
    public synchronized Instant blockedUntil(String key) {
        State s = fresh(key, false);
        if (s == null) {
            return null;
        }
        Instant now = clock.instant();
        if (s.lockedUntil != null && s.lockedUntil.isAfter(now)) {
            return s.lockedUntil;
        }
        if (s.failures + s.pending >= limit) {
            return now.plus(lockFor); // the attempts in flight may lock it; ask again in a while
        }
        return null;
    }

    /** Takes one attempt for {@code key}; call only after {@link #blockedUntil} answered null, under one lock. */
    public synchronized void reserve(String key) {
        fresh(key, true).pending++;
    }

    /** Settles a reserved attempt: a failure counts (and may lock), a success clears the run. */
    public synchronized void settle(String key, boolean success, boolean clearOnSuccess) {
        State s = fresh(key, true);
        s.pending = Math.max(0, s.pending - 1);
        Instant now = clock.instant();
        if (success) {
            if (clearOnSuccess) {
                s.failures = 0;
                s.lockedUntil = null;
            }
            return;
        }
        s.failures++;
        s.lastFailure = now;
        if (s.failures >= limit) {
            s.failures = 0;
            s.lockedUntil = now.plus(lockFor);
        }
    }

    /** Counts one failure without a reservation (a check that costs nothing, e.g. an enrollment code look-up). */
    public synchronized void fail(String key) {
        reserve(key);
        settle(key, false, false);
    }

    /** The state of {@code key} with a run older than {@code lockFor} forgotten; null if none and not created. */
    private State fresh(String key, boolean create) {
        State s = states.get(key);
        if (s == null) {
            if (!create) {
                return null;
            }
            s = new State();
            states.put(key, s);
        }
        Instant now = clock.instant();
        if (s.lastFailure != null && !s.lastFailure.plus(lockFor).isAfter(now)) {
            s.failures = 0;
            s.lastFailure = null;
        }
        if (s.lockedUntil != null && !s.lockedUntil.isAfter(now)) {
            s.lockedUntil = null;
        }
        return s;
    }
}
