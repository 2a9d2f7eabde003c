package dev.floorgate.gateway.internal.access;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.GatewayProblem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is holding each PDA: a picker logs in by scanning a badge, and the gateway stamps that operator on the
 * device's operations that carry none. Kept in gateway.db ({@code operator_sessions(device_id PK, operator,
 * started_at)}) so a gateway restart does not log every picker out mid-shift.
 */
public final class OperatorSessions {
    private static final Pattern BADGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private final GatewayDatabase db;
    /** Device -> operator (empty = nobody logged in), read on every operation post; written through. */
    private final java.util.Map<String, Optional<String>> current = new java.util.concurrent.ConcurrentHashMap<>();

    public OperatorSessions(GatewayDatabase db) {
        this.db = db;
    }

    /** Logs {@code badge} in on the device; returns the operator id (the badge value, trimmed). */
    public String login(DevicePrincipal device, String badge) throws SQLException {
        String operator = badge == null ? null : badge.trim();
        if (operator == null || !BADGE.matcher(operator).matches()) {
            throw GatewayProblem.invalid("badge: must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operator_sessions (device_id, operator, "
                    + "started_at) VALUES (?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET operator = excluded.operator, "
                    + "started_at = excluded.started_at")) {
                ps.setString(1, device.deviceId());
                ps.setString(2, operator);
                ps.setString(3, Instant.now().toString());
                return ps.executeUpdate();
            }
        });
        current.put(device.deviceId(), Optional.of(operator));
        return operator;
    }

    public void logout(DevicePrincipal device) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM operator_sessions WHERE device_id = ?")) {
                ps.setString(1, device.deviceId());
                return ps.executeUpdate();
            }
        });
        current.put(device.deviceId(), Optional.empty());
    }

    /** The operator logged in on the device, if any. */
    public Optional<String> operator(DevicePrincipal device) throws SQLException {
        Optional<String> cached = current.get(device.deviceId());
        if (cached != null) {
            return cached;
        }
        Optional<String> stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT operator FROM operator_sessions WHERE device_id = ?")) {
                ps.setString(1, device.deviceId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        current.put(device.deviceId(), stored);
        return stored;
    }
}
