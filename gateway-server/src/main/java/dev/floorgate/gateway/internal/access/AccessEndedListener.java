package dev.floorgate.gateway.internal.access;

/**
 * Told when a principal's access ends, so that whatever it holds open (its {@code /api/v1/events} streams) closes at
 * once instead of outliving the revocation (issue 22 finding 2: a revoked device's open stream kept delivering its
 * tenant's events). Called after the change is committed, on the thread that made it; implementations must not
 * block. The wiring (GatewayBeans) hands the event hub to {@link DeviceRegistry} and the site IT sessions.
 */
public interface AccessEndedListener {
    /** Does nothing: the default until the wiring sets the real one. */
    AccessEndedListener NONE = new AccessEndedListener() {
        @Override
        public void deviceAccessEnded(String deviceId) {
        }

        @Override
        public void adminSessionEnded(String sessionToken) {
        }

        @Override
        public void adminUserSessionsEnded(String username) {
        }
    };

    /** The device was revoked, or re-enrolled under a new token (the old token's streams end). */
    void deviceAccessEnded(String deviceId);

    /** One site IT page session ended (sign-out); {@code sessionToken} is the bearer token itself. */
    void adminSessionEnded(String sessionToken);

    /** Every session of a site IT user ended or may have been taken over (password change). */
    void adminUserSessionsEnded(String username);
}
