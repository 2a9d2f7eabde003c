package dev.floorgate.gateway.internal;

import dev.floorgate.gateway.GatewayConfigurationException;

/**
 * The secrets the gateway is started with must not be guessable (issue 22 finding 6b): {@code fg.admin-token}
 * ({@code FG_ADMIN_TOKEN}, the bearer token of the whole admin API) and {@code fg.core.secret}
 * ({@code FG_CORE_SECRET}, the key the gateway signs its requests to the core with) are each either unset (the
 * admin API closed; offline mode) or at least {@value #MIN_LENGTH} characters. A shorter one stops the start with
 * one line naming the key, its environment variable and the lengths; the value itself is never printed.
 */
public final class StartupSecrets {
    /** The fewest characters a configured secret may have. */
    public static final int MIN_LENGTH = 16;

    private StartupSecrets() {
    }

    /** The bean that says the check ran (GatewayBeans builds it first). */
    public static final class Checked {
    }

    /**
     * @throws IllegalStateException naming the first secret that is set but too short
     */
    public static void check(String adminToken, String coreSecret) {
        requireLong("fg.admin-token", "FG_ADMIN_TOKEN", adminToken);
        requireLong("fg.core.secret", "FG_CORE_SECRET", coreSecret);
    }

    private static void requireLong(String key, String env, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (value.strip().length() < MIN_LENGTH) {
            throw new GatewayConfigurationException(key + " (" + env + ") is " + value.strip().length() + " characters; a "
                    + "secret must be at least " + MIN_LENGTH + " (e.g. openssl rand -base64 24): the gateway does "
                    + "not start with a guessable one; fix: set " + env + " (" + key + ") to a random secret of at least "
                    + MIN_LENGTH + " characters, or leave it unset");
        }
    }
}
