package dev.floorgate.gateway.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The bodies of site IT's page's own endpoints other than the overview ({@link OverviewViews}): sign-in
 * ({@link AdminLoginController}), audit, sync-now, enrollment with its QR and printer discovery
 * ({@link AdminController}); API.md "Pages' endpoints". Nulls are written ({@code Include.ALWAYS}), as the page reads
 * them. Requests name their fields; all are optional here and checked by the service they go to.
 */
final class AdminViews {
    private AdminViews() {
    }

    /** {@code POST /api/v1/admin/login}. */
    @Serdeable
    record LoginRequest(@Nullable String username, @Nullable String password) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Login(String token, String username, boolean mustChangePassword, String expiresAt) {
    }

    /** {@code POST /api/v1/admin/password}. */
    @Serdeable
    record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record PasswordChanged(String username, boolean mustChangePassword) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record LoggedOut(boolean loggedOut) {
    }

    /** {@code GET /api/v1/admin/me}: the signed-in user. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Me(String username, boolean mustChangePassword, String expiresAt) {
    }

    /** An {@code AuditLog.Entry} as the page shows it. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record AuditEntry(long id, String at, String actor, String action, String target, String detail, int status) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Audit(List<AuditEntry> entries) {
    }

    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record SyncRequested(boolean requested, String state) {
    }

    /** The answer to acknowledging the failed station scans: how many were cleared. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record StationProblemsAcknowledged(int acknowledged) {
    }

    /**
     * {@code POST /api/v1/admin/enrollment}; {@code ttlMinutes} defaults to the enrollment code's default;
     * {@code deviceId} makes a code that re-enrolls that device id only.
     */
    @Serdeable
    record EnrollmentRequest(@Nullable String tenant, @Nullable String warehouse,
            @Nullable java.math.BigDecimal ttlMinutes, @Nullable String deviceId) {
        /**
         * The lifetime as the registry checks it. Read as a decimal so a number too large for a long (or with a
         * fraction) reaches the registry's range check and its answer names {@code ttlMinutes}, instead of failing
         * in the parser with a message that cannot name the field.
         */
        @Nullable
        Long ttlMinutesAsLong() {
            if (ttlMinutes == null) {
                return null;
            }
            try {
                return ttlMinutes.longValueExact();
            } catch (ArithmeticException e) {
                return ttlMinutes.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; // out of range either way
            }
        }
    }

    /**
     * A one-time enrollment code with the URL and QR a PDA scans; {@code caFingerprint} null while HTTPS is off. The
     * picker app's install QR beside it ({@code appUrl}, its {@code appSha256}, {@code appQrSvg}) when the gateway
     * serves an APK ({@code fg.apk.path}), else null.
     */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Enrollment(String code, String tenant, String warehouse, String expiresAt, String url,
            String caFingerprint, String qrSvg, String appUrl, String appSha256, String appQrSvg) {
    }

    /** What printer discovery found, and the URLs of the printers already configured. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record Discovery(List<FoundPrinter> found, List<String> configured) {
    }

    /** A printer that answered discovery; {@code configuredAs} names the printer configured at its URL, if any. */
    @Serdeable
    @JsonInclude(Include.ALWAYS)
    record FoundPrinter(String address, int port, String url, String model, String serial, String name,
            String source, String configuredAs, String suggestedName) {
    }
}
