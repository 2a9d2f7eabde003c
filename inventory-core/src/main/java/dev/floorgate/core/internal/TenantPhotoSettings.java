package dev.floorgate.core.internal;

import dev.floorgate.protocol.SettingsCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tenants' own S3 identities for parcel photos, {@code fg.photos.tenants.<tenant>.*} (issue 17 item 4;
 * docs/TENANTS.md, "S3"). They are looked up by the tenant codes of {@code fg.core.keys} rather than bound by
 * Micronaut: a code may hold '.' or '-', which a bound map entry would split, while an exact key such as
 * {@code fg.photos.tenants.delta-eu.secret-key} is found in a file and as an environment variable alike.
 *
 * <p>A tenant's entry is all or nothing: an access key needs a secret (given as {@code secret-key}, or as
 * {@code secret-key-file}, a file holding it, so it need not sit in the configuration), and an own bucket or endpoint
 * needs an own access key. An entry whose name is no tenant of {@code fg.core.keys} is refused, so a misspelt tenant
 * does not quietly fall back to the shared identity. Secrets are never printed, not even their file's content.
 */
final class TenantPhotoSettings {
    static final String PREFIX = "fg.photos.tenants";
    /** The keys of one tenant's entry. */
    static final List<String> KEYS = List.of("access-key", "secret-key", "secret-key-file", "bucket", "endpoint");
    static final Pattern ACCESS_KEY = Pattern.compile("\\S{1,128}");
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** One tenant's own S3 identity; {@code bucket} and {@code endpoint} are null for the shared ones. */
    record Identity(String tenant, String accessKey, String secretKey, String bucket, String endpoint) {
        @Override
        public String toString() { // a record would print the secret
            return "Identity[tenant=" + tenant + ", accessKey=" + accessKey + ", bucket=" + bucket + ", endpoint="
                    + endpoint + "]";
        }
    }

    private TenantPhotoSettings() {
    }

    static String key(String tenant, String name) {
        return PREFIX + "." + tenant + "." + name;
    }

    /**
     * Checks the entries and reads the identities of the tenants that have one.
     *
     * @param tenants the tenant codes of fg.core.keys
     * @param entries the names under fg.photos.tenants as the configuration lists them (environment variables give
     *                the first word of a code with '-' too, so a name that starts a tenant code is accepted)
     * @throws IllegalArgumentException one line naming the first bad key
     */
    static Map<String, Identity> read(SettingsCheck s, Collection<String> tenants, Collection<String> entries) {
        for (String entry : entries) {
            if (tenants.stream().noneMatch(t -> t.equals(entry) || t.startsWith(entry + ".")
                    || t.startsWith(entry + "-"))) {
                throw SettingsCheck.refused(PREFIX + "." + entry, "names no tenant of fg.core.keys ("
                        + String.join(", ", tenants) + ")", null, "keys under " + PREFIX + ".<tenant> for a tenant "
                        + "of fg.core.keys, or remove them");
            }
        }
        Map<String, Identity> out = new LinkedHashMap<>();
        for (String t : tenants) {
            Identity identity = readOne(s, t);
            if (identity != null) {
                out.put(t, identity);
            }
        }
        return out;
    }

    private static Identity readOne(SettingsCheck s, String t) {
        s.matches(key(t, "access-key"), ACCESS_KEY, "an access key id", "tenant " + t + "'s own S3 access key id")
                .matches(key(t, "bucket"), BUCKET, "an S3 bucket name (3-63 of a-z, 0-9, '.', '-')",
                        "tenant " + t + "'s own bucket, such as fg-photos-" + t.toLowerCase(java.util.Locale.ROOT)
                                + ", or unset for fg.photos.bucket")
                .uri(key(t, "endpoint"), List.of("http", "https"), false, false, "tenant " + t + "'s own S3 API URL, "
                        + "or unset for fg.photos.endpoint");
        String accessKey = set(s.value(key(t, "access-key")));
        String secret = set(s.value(key(t, "secret-key")));
        String secretFile = set(s.value(key(t, "secret-key-file")));
        if (secret != null && secretFile != null) {
            throw SettingsCheck.refused(key(t, "secret-key-file"), "must not be set beside " + key(t, "secret-key"),
                    null, "a file holding the secret, or unset it and keep " + key(t, "secret-key"));
        }
        if (secretFile != null) {
            secret = readSecretFile(key(t, "secret-key-file"), secretFile);
        }
        if (accessKey == null) {
            for (String other : new String[] {"secret-key", "secret-key-file", "bucket", "endpoint"}) {
                if (set(s.value(key(t, other))) != null) {
                    throw SettingsCheck.refused(key(t, "access-key"), "must be set when " + key(t, other)
                            + " is set", null, "tenant " + t + "'s own S3 access key id, or unset the other "
                            + PREFIX + "." + t + ".* keys for the shared identity");
                }
            }
            return null;
        }
        if (secret == null) {
            throw SettingsCheck.refused(key(t, "secret-key"), "must be set when " + key(t, "access-key") + " is set",
                    null, "tenant " + t + "'s own S3 secret key (or set " + key(t, "secret-key-file") + " to a "
                            + "file holding it)");
        }
        return new Identity(t, accessKey, secret, set(s.value(key(t, "bucket"))), set(s.value(key(t, "endpoint"))));
    }

    /** The file's content without surrounding white space; the path is printed, the content never. */
    private static String readSecretFile(String key, String file) {
        String secret;
        try {
            Path path = Paths.get(file);
            secret = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw SettingsCheck.refused(key, "cannot be read: no such file", file, "a file holding the secret, "
                    + "readable by the core's user");
        } catch (IOException | RuntimeException e) {
            throw SettingsCheck.refused(key, "cannot be read (" + e.getClass().getSimpleName() + ")", file,
                    "a file holding the secret, readable by the core's user");
        }
        if (secret.isEmpty()) {
            throw SettingsCheck.refused(key, "holds no secret (the file is empty)", file, "a file holding the "
                    + "secret");
        }
        return secret;
    }

    private static String set(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
