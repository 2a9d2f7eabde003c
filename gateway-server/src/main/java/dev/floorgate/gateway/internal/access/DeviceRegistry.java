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
 * Enrolled devices and their tokens, in gateway.db. Tokens are stored only as SHA-256 hashes (256 random bits
 * each), enrollment codes as an HMAC-SHA256 under the gateway's {@link ServerKey} (a code has 50 bits: a copy of
 * the database alone must not let anyone test guesses), so a copy of the database lets nobody act as a device.
 *
 * <pre>
 * enrollment_codes(code_hash TEXT PK, tenant, warehouse, created_at, expires_at, used_at, used_by, device_id)
 *   device_id (version 2): the one device id the code may enroll, or null for a new device
 * devices(device_id TEXT PK, tenant, warehouse, token_hash UNIQUE, kind, enrolled_at, revoked_at, last_seen)
 * </pre>
 *
 * A code is used once: the UPDATE that marks it used carries {@code used_at IS NULL} and must change one row,
 * so two devices racing for one code cannot both enroll. A device id already enrolled is enrolled again (a new
 * token, the old one dead) only with a code issued for that id, and never once revoked: a fresh generic code cannot
 * take a device over (issue 22 finding 6a). An unknown, used or expired code gets one refusal that does not say
 * which, and an address that keeps failing waits ({@link #ATTEMPTS_PER_ADDRESS} failures, then
 * {@link #ADDRESS_WAIT}).
 */
public final class DeviceRegistry {
    /** Enrollment codes expire after this long unless the caller asks for another lifetime. */
    public static final Duration DEFAULT_CODE_TTL = Duration.ofMinutes(15);
    /** The longest lifetime a code may be given: a week. */
    public static final long MAX_TTL_MINUTES = 7 * 24 * 60;
    /** Failed enrollments from one address before it waits {@link #ADDRESS_WAIT}. */
    public static final int ATTEMPTS_PER_ADDRESS = 10;
    public static final Duration ADDRESS_WAIT = Duration.ofMinutes(1);
    static final String REFUSED = "enrollment code is not valid (unknown, already used or expired); ask site IT "
            + "for a new one";
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final char[] CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final GatewayDatabase db;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final LastSeenTracker lastSeen;
    private final ServerKey key;
    private final AttemptLimiter attempts;
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
        this.key = ServerKey.loadOrCreate(db.file().toAbsolutePath().getParent());
        this.attempts = new AttemptLimiter(ATTEMPTS_PER_ADDRESS, ADDRESS_WAIT, 10_000, clock);
    }

    /**
     * The lifetime asked for, checked on every path that makes a code: null = {@link #DEFAULT_CODE_TTL}.
     *
     * @throws GatewayProblem INVALID naming the range for 0, a negative or a too long lifetime
     */
    public static Duration codeTtl(Long ttlMinutes) {
        if (ttlMinutes == null) {
            return DEFAULT_CODE_TTL;
        }
        if (ttlMinutes < 1 || ttlMinutes > MAX_TTL_MINUTES) {
            throw GatewayProblem.invalid("ttlMinutes: must be 1 to " + MAX_TTL_MINUTES + " (a week), got "
                    + ttlMinutes);
        }
        return Duration.ofMinutes(ttlMinutes);
    }

    /**
     * A new one-time enrollment code for a device of {@code tenant} in {@code warehouse}; with {@code deviceId} it
     * enrolls only that id (the way to re-enroll a device already enrolled), without it only a new id.
     */
    public EnrollmentCode createEnrollmentCode(String tenant, String warehouse, Long ttlMinutes, String deviceId)
            throws SQLException {
        requireId("tenant", tenant);
        requireId("warehouse", warehouse);
        if (deviceId != null) {
            requireId("deviceId", deviceId);
        }
        Duration ttl = codeTtl(ttlMinutes);
        String code = newCode();
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO enrollment_codes (code_hash, tenant, "
                    + "warehouse, created_at, expires_at, device_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, key.hmac(normaliseCode(code)));
                ps.setString(2, tenant);
                ps.setString(3, warehouse);
                ps.setString(4, now.toString());
                ps.setString(5, expires.toString());
                ps.setString(6, deviceId);
                ps.executeUpdate();
            }
            return null;
        });
        return new EnrollmentCode(code, tenant, warehouse, expires, deviceId);
    }

    /**
     * Spends {@code code} to enroll {@code deviceId} for a client at {@code source}, returning its new bearer token.
     * A device id already enrolled gets a new token (its old one stops working) only with a code issued for that
     * id; a revoked one, or one of another tenant, is refused.
     *
     * @throws GatewayProblem ENROLLMENT_REFUSED (the same for an unknown, used or expired code), DEVICE_ID_TAKEN,
     *                        TOO_MANY_ATTEMPTS while {@code source} waits
     */
    public String enroll(String code, String deviceId, String kind, String source) throws SQLException {
        Instant wait;
        synchronized (attempts) {
            wait = attempts.blockedUntil(source);
            if (wait == null) {
                attempts.reserve(source);
            }
        }
        if (wait != null) {
            throw new GatewayProblem(ProblemCode.TOO_MANY_ATTEMPTS, "too many failed enrollments from this address; "
                    + "try again after " + wait);
        }
        boolean ok = false;
        try {
            String token = enrollChecked(code, deviceId, kind);
            ok = true;
            return token;
        } finally {
            attempts.settle(source, ok, false);
        }
    }

    private String enrollChecked(String code, String deviceId, String kind) throws SQLException {
        if (code == null || code.isBlank()) {
            throw GatewayProblem.invalid("code: is required");
        }
        requireId("deviceId", deviceId);
        String token = "fgd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant();
        String issued = db.inTransaction(c -> {
            String codeHash = key.hmac(normaliseCode(code));
            String tenant;
            String warehouse;
            String forDevice;
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant, warehouse, expires_at, used_at, device_id "
                    + "FROM enrollment_codes WHERE code_hash = ?")) {
                ps.setString(1, codeHash);
                try (ResultSet rs = ps.executeQuery()) {
                    // One answer for unknown, used and expired: a guesser learns nothing about the codes that exist.
                    if (!rs.next() || rs.getString(4) != null || Instant.parse(rs.getString(3)).isBefore(now)) {
                        throw new GatewayProblem(ProblemCode.ENROLLMENT_REFUSED, REFUSED);
                    }
                    tenant = rs.getString(1);
                    warehouse = rs.getString(2);
                    forDevice = rs.getString(5);
                }
            }
            if (forDevice != null && !forDevice.equals(deviceId)) {
                throw new GatewayProblem(ProblemCode.ENROLLMENT_REFUSED, "this enrollment code was issued for another "
                        + "device id");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant, revoked_at FROM devices "
                    + "WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(tenant)) {
                            throw new GatewayProblem(ProblemCode.DEVICE_ID_TAKEN, "device id '" + deviceId
                                    + "' is enrolled for another tenant; pick another id");
                        }
                        if (rs.getString(2) != null) {
                            throw new GatewayProblem(ProblemCode.DEVICE_ID_TAKEN, "device id '" + deviceId
                                    + "' was revoked; a revoked device stays revoked: enroll it under another id");
                        }
                        if (forDevice == null) {
                            throw new GatewayProblem(ProblemCode.DEVICE_ID_TAKEN, "device id '" + deviceId
                                    + "' is already enrolled; re-enrolling it needs a code issued for that device id");
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE enrollment_codes SET used_at = ?, used_by = ? "
                    + "WHERE code_hash = ? AND used_at IS NULL")) {
                ps.setString(1, now.toString());
                ps.setString(2, deviceId);
                ps.setString(3, codeHash);
                if (ps.executeUpdate() != 1) {
                    throw new GatewayProblem(ProblemCode.ENROLLMENT_REFUSED, REFUSED);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO devices (device_id, tenant, warehouse, "
                    + "token_hash, kind, enrolled_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE "
                    + "SET warehouse = excluded.warehouse, token_hash = excluded.token_hash, kind = excluded.kind, "
                    + "enrolled_at = excluded.enrolled_at WHERE devices.revoked_at IS NULL")) {
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
        /** The one device id the code enrolls, or null for a new device. */
        public final String deviceId;

        EnrollmentCode(String code, String tenant, String warehouse, Instant expiresAt, String deviceId) {
            this.code = code;
            this.tenant = tenant;
            this.warehouse = warehouse;
            this.expiresAt = expiresAt;
            this.deviceId = deviceId;
        }
    }

    /** One row of the device list. */
    @io.micronaut.serde.annotation.Serdeable
    public record EnrolledDevice(String deviceId, String tenant, String warehouse, String kind, String enrolledAt,
            String revokedAt, String lastSeen) {
    }
}
