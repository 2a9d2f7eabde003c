package dev.floorgate.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of a tenant's schema and MySQL user (docs/TENANTS.md). Schema: {@code <core database>_t_<tenant>} with
 * the tenant code lower-cased and every character other than a-z, 0-9 and '_' replaced by '_'. When that changed
 * the code (upper case, '.', '-') two codes could meet in one name, so 8 hex digits of the SHA-256 of the exact code
 * are appended ({@code _h1a2b3c4d}). A name longer than its limit (64 for a schema) keeps its first characters and
 * ends in that hash. The user is named the same way with MySQL's 32-character limit, so two cores sharing one server
 * (their databases differ) never share a tenant user.
 */
final class TenantNames {
    static final int SCHEMA_MAX = 64;
    static final int USER_MAX = 32;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_]+");

    private TenantNames() {
    }

    /** The tenant code as the core's keys allow it; anything else is refused before a name is built from it. */
    static String checkCode(String tenant) {
        if (tenant == null || !CODE.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant code must be 1-64 characters of A-Z a-z 0-9 . _ -, was '"
                    + Inputs.clip(tenant) + "'");
        }
        return tenant;
    }

    static String schema(String coreDatabase, String tenant) {
        return name(coreDatabase, tenant, SCHEMA_MAX);
    }

    static String user(String coreDatabase, String tenant) {
        return name(coreDatabase, tenant, USER_MAX);
    }

    static String name(String coreDatabase, String tenant, int max) {
        checkCode(tenant);
        String cleaned = tenant.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String hash = "_h" + sha256(coreDatabase + "\n" + tenant).substring(0, 8);
        String name = coreDatabase + "_t_" + cleaned;
        boolean exact = cleaned.equals(tenant) && PLAIN.matcher(coreDatabase).matches();
        if (!exact) {
            name = name + hash;
        }
        if (name.length() > max) {
            name = name.substring(0, max - hash.length()) + hash;
        }
        return name;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
