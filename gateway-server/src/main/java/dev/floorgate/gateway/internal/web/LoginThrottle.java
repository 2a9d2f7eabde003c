package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.access.AttemptLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Who may try a password now (issue 22 finding 5). Three counters of failed sign-ins, in memory:
 * <ul>
 *   <li>per address and user name: {@code fg.web.login-failures} (U) in a row lock that pair for
 *       {@code fg.web.login-lockout} (L): 429 LOCKED_OUT, even for the right password from that address;</li>
 *   <li>per user name, from all addresses (unknown names too): 3 x U lock the name for L everywhere;</li>
 *   <li>per address, whatever names it types: {@code fg.web.login-address-failures} lock the address for L:
 *       429 TOO_MANY_ATTEMPTS.</li>
 * </ul>
 * One address reaches its pair lock after U failures, and the name's counter forgets a run once L passed without a
 * failure (the pair lock lasts L), so one address adds at most U to a name's 3 x U: keeping the admin locked takes
 * at least three addresses, and the admin can still sign in from the office PC while one address is locked.
 * An attempt is reserved on all three before the PBKDF2 hash, under one lock, so parallel guesses cannot pass
 * the limit: at most U wrong passwords are ever answered 401 per address and name before the lock.
 */
final class LoginThrottle {
    private static final int MAX_KEYS = 10_000;
    private final AttemptLimiter pairs;
    private final AttemptLimiter names;
    private final AttemptLimiter addresses;

    LoginThrottle(WebConfiguration config, Clock clock) {
        int u = Math.max(1, config.getLoginFailures());
        pairs = new AttemptLimiter(u, config.getLoginLockout(), MAX_KEYS, clock);
        names = new AttemptLimiter(3 * u, config.getLoginLockout(), MAX_KEYS, clock);
        addresses = new AttemptLimiter(Math.max(1, config.getLoginAddressFailures()), config.getLoginLockout(),
                MAX_KEYS, clock);
    }

    /** A reserved attempt; settle it exactly once. */
    final class Attempt {
        private final String address;
        private final String name;

        private Attempt(String address, String name) {
            this.address = address;
            this.name = name;
        }

        void succeeded() {
            settle(true);
        }

        void failed() {
            settle(false);
        }

        private void settle(boolean ok) {
            synchronized (LoginThrottle.this) {
                addresses.settle(address, ok, false);
                names.settle(name, ok, true);
                pairs.settle(address + "\n" + name, ok, true);
            }
        }
    }

    /**
     * Reserves one attempt for {@code username} from {@code address}.
     *
     * @throws GatewayProblem TOO_MANY_ATTEMPTS while the address waits, LOCKED_OUT while the name (or the pair) does
     */
    synchronized Attempt reserve(String address, String username) {
        String name = username.toLowerCase(Locale.ROOT);
        String pair = address + "\n" + name;
        Instant until = addresses.blockedUntil(address);
        if (until != null) {
            throw new GatewayProblem(ProblemCode.TOO_MANY_ATTEMPTS, "too many failed sign-ins from this address; "
                    + "try again after " + until);
        }
        until = later(pairs.blockedUntil(pair), names.blockedUntil(name));
        if (until != null) {
            throw new GatewayProblem(ProblemCode.LOCKED_OUT, "too many wrong passwords for this account; try again "
                    + "after " + until);
        }
        addresses.reserve(address);
        names.reserve(name);
        pairs.reserve(pair);
        return new Attempt(address, name);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
