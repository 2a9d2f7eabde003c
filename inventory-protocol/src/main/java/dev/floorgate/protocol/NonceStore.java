package dev.floorgate.protocol;

/**
 * Remembers the nonces of accepted requests so that a replay within the timestamp window is refused. The core
 * keeps them in Redis ({@code SET key NX PX window}); {@link InMemoryNonceStore} serves tests and small setups.
 */
public interface NonceStore {
    /**
     * Records {@code nonce} for {@code keyId} until {@code expiresAtMillis} and returns true, or returns false
     * when it was already recorded and has not expired. Must be atomic per (keyId, nonce).
     */
    boolean firstUse(String keyId, String nonce, long expiresAtMillis);
}
