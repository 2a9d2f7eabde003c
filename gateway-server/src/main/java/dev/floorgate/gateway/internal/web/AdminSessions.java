package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.access.AccessEndedListener;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Sign-in to site IT's page. Accounts and sessions live in gateway.db:
 * <pre>
 * admin_users(username PK, password_hash, salt, iterations, must_change, changed_at, failures, locked_until)
 *   password_hash = hex PBKDF2-HMAC-SHA256(password, salt, iterations, 256 bits); salt = 16 random bytes, hex
 * admin_sessions(token_hash PK, username, created_at, expires_at)
 *   token_hash = hex SHA-256 of the bearer token; a copy of the database signs nobody in
 * </pre>
 * On first start the account {@code admin} is made with {@code fg.web.initial-password} and must change it: until
 * then its session may only change the password ({@link #user} refuses it with PASSWORD_CHANGE_REQUIRED).
 * A session slides: each use moves its expiry to now + {@code fg.web.session-ttl} (written at most once a minute,
 * since every write costs an fsync). Who may try a password is {@link LoginThrottle}'s (in memory, per address,
 * per name and per pair; an attempt is reserved before the hash), so a password cannot be guessed at network speed
 * and one address cannot keep the admin locked out; the columns {@code failures} and {@code locked_until} of
 * version 1 are no longer used (a restart forgets the counters). A new password passes {@link PasswordPolicy}.
 */
public final class AdminSessions implements RequestAuth.AdminSessionCheck {
    static final String DEFAULT_USER = "admin";
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;
    private static final int ITERATIONS = 210_000;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A signed-in person. */
    record Session(String username, boolean mustChange, Instant expiresAt) {
    }

    /** What a sign-in gives the page. */
    record Login(String token, String username, boolean mustChange, Instant expiresAt) {
    }

    private final GatewayDatabase db;
    private final WebConfiguration config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;
    /** Told when sessions end, so their open event streams end too (issue 22; set by the wiring, sec-streams). */
    private volatile AccessEndedListener accessEnded = AccessEndedListener.NONE;

    public AdminSessions(GatewayDatabase db, WebConfiguration config) {
        this(db, config, Clock.systemUTC());
    }

    AdminSessions(GatewayDatabase db, WebConfiguration config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.throttle = new LoginThrottle(config, clock);
    }

    /**
     * Creates the {@code admin} account with {@code fg.web.initial-password} (to be changed at the first sign-in)
     * when gateway.db has no account yet. Called once by the wiring before the first request.
     */
    public void ensureInitialAccount() {
        try {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM admin_users")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        String salt = HexFormat.of().formatHex(randomBytes(16));
                        storePassword(c, DEFAULT_USER, hash(config.getInitialPassword(), salt, ITERATIONS), salt,
                                true, true);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the initial admin account in " + db.file() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Signs a person in.
     *
     * @param source the client address, for {@link LoginThrottle}
     * @throws GatewayProblem UNAUTHORIZED for a wrong user or password (the same answer for both), LOCKED_OUT while
     *                        the name (from this address or everywhere) waits, TOO_MANY_ATTEMPTS while the address does
     */
    Login login(String username, String password, String source) throws SQLException {
        if (username == null || password == null || password.length() > MAX_PASSWORD || username.length() > 200) {
            throw GatewayProblem.unauthorized("wrong user name or password");
        }
        Instant now = clock.instant();
        // Reserved before the hash: 40 parallel guesses get at most the limit of 401s, the rest wait (LoginThrottle).
        LoginThrottle.Attempt attempt = throttle.reserve(source, username);
        boolean ok = false;
        try {
            Optional<Account> account = account(username);
            // PBKDF2 takes a good part of a second on a small PC: done outside the database's lock, which the print
            // spool and every device request share. An unknown user costs the same work: no timing oracle.
            if (account.isPresent()) {
                ok = account.get().matches(password);
            } else {
                hash(password, "00", ITERATIONS);
            }
            if (!ok) {
                throw GatewayProblem.unauthorized("wrong user name or password");
            }
            return signIn(username, account.get(), now);
        } finally {
            if (ok) {
                attempt.succeeded();
            } else {
                attempt.failed();
            }
        }
    }

    private Login signIn(String username, Account a, Instant now) throws SQLException {
        String token = RequestAuth.SESSION_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(randomBytes(32));
        Instant expires = now.plus(config.getSessionTtl());
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE admin_users SET failures = 0, locked_until = NULL "
                    + "WHERE username = ?")) {
                ps.setString(1, username);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_sessions (token_hash, username, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, sha256(token));
                ps.setString(2, username);
                ps.setString(3, now.toString());
                ps.setString(4, expires.toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM admin_sessions WHERE expires_at < ?")) {
                ps.setString(1, now.toString());
                ps.executeUpdate();
            }
            return null;
        });
        return new Login(token, username, a.mustChange(), expires);
    }

    /** An account row. */
    private record Account(String hash, String salt, int iterations, boolean mustChange) {
        boolean matches(String password) {
            return password != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                    AdminSessions.hash(password, salt, iterations).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private Optional<Account> account(String username) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash, salt, iterations, must_change "
                    + "FROM admin_users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Account>empty();
                    }
                    return Optional.of(new Account(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getInt(4) != 0));
                }
            }
        });
    }

    /** The session of a token, if it exists and has not expired; extends it. */
    Optional<Session> session(String token) {
        if (token == null || !token.startsWith(RequestAuth.SESSION_PREFIX)) {
            return Optional.empty();
        }
        String tokenHash = sha256(token);
        Instant now = clock.instant();
        try {
            Optional<Session> found = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT s.username, s.expires_at, u.must_change "
                        + "FROM admin_sessions s JOIN admin_users u ON u.username = s.username WHERE s.token_hash = ?")) {
                    ps.setString(1, tokenHash);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !Instant.parse(rs.getString(2)).isAfter(now)) {
                            return Optional.<Session>empty();
                        }
                        return Optional.of(new Session(rs.getString(1), rs.getInt(3) != 0,
                                Instant.parse(rs.getString(2))));
                    }
                }
            });
            found.ifPresent(s -> touch(tokenHash, now));
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("admin session lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> user(String token) {
        Optional<Session> s = session(token);
        if (s.isPresent() && s.get().mustChange()) {
            throw new GatewayProblem(ProblemCode.PASSWORD_CHANGE_REQUIRED, "the initial password of '"
                    + s.get().username()
                    + "' must be changed first (POST /api/v1/admin/password)");
        }
        return s.map(Session::username);
    }

    /**
     * Changes the signed-in person's password; every other session of theirs ends.
     *
     * @throws GatewayProblem UNAUTHORIZED without a session or with a wrong current password, WEAK_PASSWORD for a
     *                        weak new one
     */
    void changePassword(String token, String current, String next) throws SQLException {
        Session s = session(token).orElseThrow(() -> GatewayProblem.unauthorized("sign in first"));
        PasswordPolicy.check(s.username(), next, current, config.getInitialPassword());
        if (!account(s.username()).map(a -> a.matches(current)).orElse(false)) {
            throw GatewayProblem.unauthorized("currentPassword: is wrong");
        }
        String salt = HexFormat.of().formatHex(randomBytes(16));
        String hash = hash(next, salt, ITERATIONS);
        db.inTransaction(c -> {
            storePassword(c, s.username(), hash, salt, false, false);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM admin_sessions WHERE username = ? AND "
                    + "token_hash <> ?")) {
                ps.setString(1, s.username());
                ps.setString(2, sha256(token));
                ps.executeUpdate();
            }
            return null;
        });
        accessEnded.adminUserSessionsEnded(s.username());
    }

    /** Who to tell when sessions end (sign-out, password change); set once by the wiring. */
    public void onAccessEnded(AccessEndedListener listener) {
        this.accessEnded = listener == null ? AccessEndedListener.NONE : listener;
    }

    void logout(String token) throws SQLException {
        if (token == null) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM admin_sessions WHERE token_hash = ?")) {
                ps.setString(1, sha256(token));
                return ps.executeUpdate();
            }
        });
        accessEnded.adminSessionEnded(token);
    }

    private void storePassword(java.sql.Connection c, String username, String hash, String salt, boolean mustChange,
            boolean insert) throws SQLException {
        String sql = insert
                ? "INSERT INTO admin_users (password_hash, salt, iterations, must_change, changed_at, username) "
                        + "VALUES (?, ?, ?, ?, ?, ?)"
                : "UPDATE admin_users SET password_hash = ?, salt = ?, iterations = ?, must_change = ?, changed_at = ?, "
                        + "failures = 0, locked_until = NULL WHERE username = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            ps.setString(2, salt);
            ps.setInt(3, ITERATIONS);
            ps.setInt(4, mustChange ? 1 : 0);
            ps.setString(5, clock.instant().toString());
            ps.setString(6, username);
            ps.executeUpdate();
        }
    }

    private void touch(String tokenHash, Instant now) {
        Instant last = touched.get(tokenHash);
        if (last != null && last.plus(TOUCH_EVERY).isAfter(now)) {
            return;
        }
        touched.put(tokenHash, now);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE admin_sessions SET expires_at = ? "
                        + "WHERE token_hash = ?")) {
                    ps.setString(1, now.plus(config.getSessionTtl()).toString());
                    ps.setString(2, tokenHash);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            touched.remove(tokenHash); // the session keeps its old expiry; try again next use
        }
    }

    static String hash(String password, String saltHex, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), HexFormat.of().parseHex(saltHex), iterations, 256);
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
                    .getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
