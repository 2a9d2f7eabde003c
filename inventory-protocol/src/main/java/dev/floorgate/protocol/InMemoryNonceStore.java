package dev.floorgate.protocol;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NonceStore} in one process's memory, bounded by expiry (purged as it is used). Thread-safe. */
public final class InMemoryNonceStore implements NonceStore {
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier clock;
    private long nextPurge;

    public InMemoryNonceStore() {
        this(System::currentTimeMillis);
    }

    public InMemoryNonceStore(java.util.function.LongSupplier epochMillisClock) {
        this.clock = epochMillisClock;
    }

    @Override
    public boolean firstUse(String keyId, String nonce, long expiresAtMillis) {
        long now = clock.getAsLong();
        purge(now);
        String k = keyId + '\n' + nonce;
        boolean[] fresh = {false};
        expiries.compute(k, (key, old) -> {
            if (old == null || old <= now) {
                fresh[0] = true;
                return expiresAtMillis;
            }
            return old;
        });
        return fresh[0];
    }

    private synchronized void purge(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + 10_000;
        for (Iterator<Long> it = expiries.values().iterator(); it.hasNext();) {
            if (it.next() <= now) {
                it.remove();
            }
        }
    }
}
