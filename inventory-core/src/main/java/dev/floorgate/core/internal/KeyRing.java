package dev.floorgate.core.internal;

import dev.floorgate.protocol.ApiKey;
import dev.floorgate.protocol.ApiKeys;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The gateway keys of {@code fg.core.keys} and the tenants they hold: a tenant is known when some key holds it. */
record KeyRing(Map<String, ApiKey> keys, Set<String> tenants) {
    static KeyRing parse(String spec) {
        Map<String, ApiKey> keys = ApiKeys.parse(spec);
        Set<String> tenants = new LinkedHashSet<>();
        for (ApiKey k : keys.values()) {
            tenants.addAll(k.tenants());
        }
        return new KeyRing(keys, Collections.unmodifiableSet(tenants));
    }
}
