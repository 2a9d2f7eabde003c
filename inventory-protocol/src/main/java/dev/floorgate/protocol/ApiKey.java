package dev.floorgate.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A gateway's signing key at the core and the tenants it may write. Immutable. */
public final class ApiKey {
    private final String keyId;
    private final byte[] secret;
    private final Set<String> tenants;

    public ApiKey(String keyId, String secret, Set<String> tenants) {
        this.keyId = keyId;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tenants = Collections.unmodifiableSet(new LinkedHashSet<>(tenants));
    }

    public String keyId() {
        return keyId;
    }

    byte[] secret() {
        return secret.clone();
    }

    public Set<String> tenants() {
        return tenants;
    }

    public boolean holds(String tenant) {
        return tenants.contains(tenant);
    }

    @Override
    public String toString() {
        return "ApiKey{" + keyId + " -> " + tenants + "}"; // never the secret
    }
}
