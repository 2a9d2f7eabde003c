package dev.floorgate.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/** Parses {@code fg.core.keys}: {@code keyId:secret:tenantA|tenantB,keyId2:secret2:tenantC}. */
public final class ApiKeys {
    private ApiKeys() {
    }

    /** The keys by id; an empty map for a null or empty spec. Throws IllegalArgumentException naming the entry. */
    public static Map<String, ApiKey> parse(String spec) {
        Map<String, ApiKey> keys = new LinkedHashMap<>();
        if (spec == null || spec.trim().isEmpty()) {
            return keys;
        }
        int index = 0;
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            String[] parts = e.split(":", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new IllegalArgumentException("fg.core.keys entry " + index + " must be keyId:secret:"
                        + "tenantA|tenantB, was '" + (parts.length > 0 ? parts[0] : "") + ":...' with "
                        + parts.length + " parts");
            }
            if (parts[1].length() < 16) {
                throw new IllegalArgumentException("fg.core.keys entry " + index + " (key '" + parts[0]
                        + "'): the secret must be at least 16 characters, was " + parts[1].length());
            }
            if (keys.containsKey(parts[0])) {
                throw new IllegalArgumentException("fg.core.keys: key id '" + parts[0] + "' appears twice");
            }
            keys.put(parts[0], new ApiKey(parts[0], parts[1],
                    new LinkedHashSet<>(Arrays.asList(parts[2].split("\\|")))));
            index++;
        }
        return Collections.unmodifiableMap(keys);
    }
}
