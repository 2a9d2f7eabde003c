package dev.floorgate.core.internal;

import dev.floorgate.protocol.NonceStore;
import io.lettuce.core.SetArgs;

/**
 * Request nonces in Redis: {@code SET fg:n:<key>:<nonce> 1 NX PXAT <expiry>}, atomic per (key, nonce) and shared by
 * every core instance; the key expires with the signature window, so the store holds one window of traffic.
 */
final class RedisNonceStore implements NonceStore {
    private final RedisConnector redis;

    RedisNonceStore(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public boolean firstUse(String keyId, String nonce, long expiresAtMillis) {
        String reply = redis.await(redis.async().set(KeyLayout.nonceKey(keyId, nonce), "1",
                SetArgs.Builder.nx().pxAt(expiresAtMillis)));
        return "OK".equals(reply);
    }
}
