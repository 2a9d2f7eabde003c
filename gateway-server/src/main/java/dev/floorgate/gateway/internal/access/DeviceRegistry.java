package dev.floorgate.gateway.internal.access;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Enrolled devices and their tokens, in gateway.db. Tokens and enrollment codes are stored only as SHA-256
 * hashes, so a copy of the database lets nobody act as a device.
 *
 * <pre>
 * enrollment_codes(code_hash TEXT PK, tenant, warehouse, created_at, expires_at, used_at, used_by)
 * devices(device_id TEXT PK, tenant, warehouse, token_hash UNIQUE, kind, enrolled_at, revoked_at, last_seen)
 * </pre>
 *
 * A code is used once: the UPDATE that marks it used carries {@code used_at IS NULL} and must change one row,
 * so two devices racing for one code cannot both enroll.
 */
public final class DeviceRegistry {
    /** Enrollment codes expire after this long unless the caller asks for another lifetime. */
    public static final Duration DEFAULT_CODE_TTL = Duration.ofMinutes(15);
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final char[] CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final GatewayDatabase db;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final LastSeenTracker lastSeen;
    /**
     * Token hash -> device, for tokens seen since start: every device request authenticates, and a SQLite read
     * per request would queue them for gateway.db's few read connections. Enroll and revoke drop a device's entries.
     */
    private final Map<String, DevicePrincipal> authenticated = new ConcurrentHashMap<>();
    /** Bumped after every token change commits; a lookup that raced with one does not cache its answer. */
    private long tokenChanges;
    /** Told after a device's token is revoked or replaced, so its open event streams end (issue 22). */
    private volatile AccessEndedListener accessEnded = AccessEndedListener.NONE;

    public DeviceRegistry(GatewayDatabase db) {
        this(db, Clock.systemUTC());
    }

    DeviceRegistry(GatewayDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.lastSeen = new LastSeenTracker(db, clock);
    }

    /** A new one-time enrollment code for a device of {@code tenant} in {@code warehouse}. */
    public EnrollmentCode createEnrollmentCode(String tenant, String warehouse, Duration ttl) throws SQLException {
        requireId("tenant", tenant);
        requireId("warehouse", warehouse);
        String code = newCode();
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO enrollment_codes (code_hash, tenant, "
                    + "warehouse, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, hash(normaliseCode(code)));
                ps.setString(2, tenant);
                ps.setString(3, warehouse);
                ps.setString(4, now.toString());
                ps.setString(5, expires.toString());
                ps.executeUpdate();
            }
            return null;
        });
        return new EnrollmentCode(code, tenant, warehouse, expires);
    }

    /**
     * Spends {@code code} to enroll {@code deviceId}, returning its new bearer token. A device id already enrolled
     * for the same tenant gets a new token (its old one stops working); one of another tenant is refused.
     */
    public String enroll(String code, String deviceId, String kind) throws SQLException {
        if (code == null || code.isBlank()) {
            throw GatewayProblem.invalid("code: is required");
        }
        requireId("deviceId", deviceId);
        String token = "fgd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant();
        String issued = db.inTransaction(c -> {
            String codeHash = hash(normaliseCode(code));
            String tenant;
            String warehouse;
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant, warehouse, expires_at, used_at "
                    + "FROM enrollment_codes WHERE code_hash = ?")) {
                ps.setString(1, codeHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new GatewayProblem(ProblemCode.ENROLLMENT_REFUSED, "enrollment code is not known");
                    }
                    if (rs.getString(4) != null) {
                        throw new GatewayProblem(ProblemCode.ENROLLMENT_REFUSED, "enrollment code was already used");
                    }
                    if (Instant.parse(rs.getString(3)).isBefore(now)) {
                        throw new GatewayProblem(ProblemCode.ENROLLMENT_REFUSED, "enrollment code expired at "
                                + rs.getString(3));
                    }
                    tenant = rs.getString(1);
                    warehouse = rs.getString(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant FROM devices WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getString(1).equals(tenant)) {
                        throw new GatewayProblem(ProblemCode.DEVICE_ID_TAKEN, "device id '" + deviceId
                                + "' is enrolled for another tenant; pick another id");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE enrollment_codes SET used_at = ?, used_by = ? "
                    + "WHERE code_hash = ? AND used_at IS NULL")) {
                ps.setString(1, now.toString());
                ps.setString(2, deviceId);
                ps.setString(3, codeHash);
                if (ps.executeUpdate() != 1) {
                    throw new GatewayProblem(ProblemCode.ENROLLMENT_REFUSED, "enrollment code was already used");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO devices (device_id, tenant, warehouse, "
                    + "token_hash, kind, enrolled_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE "
                    + "SET warehouse = excluded.warehouse, token_hash = excluded.token_hash, kind = excluded.kind, "
                    + "enrolled_at = excluded.enrolled_at, revoked_at = NULL")) {
                ps.setString(1, deviceId);
                ps.setString(2, tenant);
                ps.setString(3, warehouse);
                ps.setString(4, hash(token));
                ps.setString(5, kind == null ? "pda" : kind);
                ps.setString(6, now.toString());
                ps.executeUpdate();
            }
            return token;
        });
        forget(deviceId);
        return issued;
    }

    /** The device a bearer token belongs to, if it is known and not revoked. */
    public Optional<DevicePrincipal> authenticate(String token) throws SQLException {
        if (token == null || !token.startsWith("fgd_")) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        DevicePrincipal known = authenticated.get(tokenHash);
        if (known != null) {
            touch(known);
            return Optional.of(known);
        }
        long changesBefore;
        synchronized (authenticated) {
            changesBefore = tokenChanges;
        }
        Optional<DevicePrincipal> device = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT device_id, tenant, warehouse FROM devices "
                    + "WHERE token_hash = ? AND revoked_at IS NULL")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new DevicePrincipal(rs.getString(1), rs.getString(2),
                            rs.getString(3))) : Optional.<DevicePrincipal>empty();
                }
            }
        });
        device.ifPresent(d -> {
            synchronized (authenticated) {
                if (tokenChanges == changesBefore) {
                    authenticated.put(tokenHash, d);
                }
            }
            touch(d);
        });
        return device;
    }

    /** Revokes a device's token; true if it was enrolled and active. */
    public boolean revoke(String deviceId) throws SQLException {
        boolean revoked = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE devices SET revoked_at = ? WHERE device_id = ? "
                    + "AND revoked_at IS NULL")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, deviceId);
                return ps.executeUpdate() == 1;
            }
        });
        forget(deviceId);
        return revoked;
    }

    /** Every enrolled device, for site IT's page. */
    public List<EnrolledDevice> list() throws SQLException {
        return db.read(c -> {
            List<EnrolledDevice> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT device_id, tenant, "
                    + "warehouse, kind, enrolled_at, revoked_at, last_seen FROM devices ORDER BY device_id")) {
                while (rs.next()) {
                    Instant seen = lastSeen.lastSeen(rs.getString(1));
                    out.add(new EnrolledDevice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), seen != null ? seen.toString() : rs.getString(7)));
                }
            }
            return out;
        });
    }

    /** Drops cached tokens of a device whose token changed or ended (called after the change committed). */
    private void forget(String deviceId) {
        synchronized (authenticated) {
            tokenChanges++;
            authenticated.values().removeIf(d -> d.deviceId().equals(deviceId));
        }
        accessEnded.deviceAccessEnded(deviceId);
    }

    /** Who to tell when a device's access ends (revoke, re-enrollment); set once by the wiring. */
    public void onAccessEnded(AccessEndedListener listener) {
        this.accessEnded = listener == null ? AccessEndedListener.NONE : listener;
    }

    private void touch(DevicePrincipal device) {
        lastSeen.seen(device.deviceId()); // in memory; written in batches (LastSeenTracker)
    }

    /** Writes the last-seen times not yet on disk; call before gateway.db closes. */
    public void close() throws SQLException {
        lastSeen.close();
    }

    private static void requireId(String field, String value) {
        if (value == null || !DEVICE_ID.matcher(value).matches()) {
            throw GatewayProblem.invalid(field + ": must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    private String newCode() {
        StringBuilder sb = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                sb.append('-');
            }
            sb.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** People type codes: ignore case, spaces and dashes. */
    static String normaliseCode(String code) {
        return code.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** A code as handed to site IT. */
    public static final class EnrollmentCode {
        public final String code;
        public final String tenant;
        public final String warehouse;
        public final Instant expiresAt;

        EnrollmentCode(String code, String tenant, String warehouse, Instant expiresAt) {
            this.code = code;
            this.tenant = tenant;
            this.warehouse = warehouse;
            this.expiresAt = expiresAt;
        }
    }

    /** One row of the device list. */
    @io.micronaut.serde.annotation.Serdeable
    public record EnrolledDevice(String deviceId, String tenant, String warehouse, String kind, String enrolledAt,
            String revokedAt, String lastSeen) {
    }
}
