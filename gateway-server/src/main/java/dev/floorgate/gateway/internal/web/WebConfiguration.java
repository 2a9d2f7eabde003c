package dev.floorgate.gateway.internal.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The two pages (README "The pages"): site IT's page at {@code /admin} and the picker app at {@code /pick}.
 *
 * <ul>
 *   <li>{@code fg.web.admin-refresh} (5s): how often site IT's page reloads its data.</li>
 *   <li>{@code fg.web.device-stale-after} (10m): a PDA not seen, or a printer not answering, for this long needs a
 *       person (the attention summary).</li>
 *   <li>{@code fg.web.initial-password} (floorgate): the password of the {@code admin} account made on first start;
 *       it must be changed at the first sign-in.</li>
 *   <li>{@code fg.web.session-ttl} (12h): how long a sign-in lasts without use.</li>
 *   <li>{@code fg.web.login-failures} (5) / {@code fg.web.login-lockout} (1m): after this many wrong passwords in a
 *       row from one address an account refuses sign-ins from it for the lockout time (three times as many from
 *       all addresses lock the account everywhere); {@code fg.web.login-address-failures} (20): failed sign-ins
 *       from one address, any user names, before it waits the lockout time (LoginThrottle).</li>
 *   <li>{@code fg.web.audit-keep} (5000): admin actions kept, and failed sign-ins kept, each in its own table
 *       (older ones are pruned; failed sign-ins never prune an admin action).</li>
 *   <li>{@code fg.web.scan-max-gap} (40ms: the average time between a scan's keys; a person types 100 ms or more
 *       per key), {@code fg.web.scan-min-length} (4), {@code fg.web.scan-suffix} (enter-or-tab: enter, tab,
 *       enter-or-tab or none), {@code fg.web.scan-gs-substitute} (~), {@code fg.web.scan-duplicate-window} (1s):
 *       how the picker app tells a keystroke scanner (DataWedge keystroke output) from a person typing; the defaults
 *       of each PDA, which site IT may change on the PDA's settings screen.</li>
 *   <li>{@code fg.web.discovery-targets} (empty = broadcast and multicast on the LAN), {@code fg.web.discovery-port}
 *       (4201), {@code fg.web.discovery-timeout} (3s): printer discovery from site IT's page.</li>
 * </ul>
 */
@ConfigurationProperties(WebConfiguration.PREFIX)
public interface WebConfiguration {
    String PREFIX = "fg.web";

    @Bindable(defaultValue = "5s")
    Duration getAdminRefresh();

    @Bindable(defaultValue = "10m")
    Duration getDeviceStaleAfter();

    @Bindable(defaultValue = "floorgate")
    String getInitialPassword();

    @Bindable(defaultValue = "12h")
    Duration getSessionTtl();

    @Bindable(defaultValue = "5")
    int getLoginFailures();

    @Bindable(defaultValue = "1m")
    Duration getLoginLockout();

    /** Failed sign-ins from one address (any user names) before it waits fg.web.login-lockout (LoginThrottle). */
    @Bindable(defaultValue = "20")
    int getLoginAddressFailures();

    @Bindable(defaultValue = "5000")
    int getAuditKeep();

    @Bindable(defaultValue = "40ms")
    Duration getScanMaxGap();

    @Bindable(defaultValue = "4")
    int getScanMinLength();

    @Bindable(defaultValue = "enter-or-tab")
    String getScanSuffix();

    @Bindable(defaultValue = "~")
    String getScanGsSubstitute();

    @Bindable(defaultValue = "1s")
    Duration getScanDuplicateWindow();

    @Bindable(defaultValue = "")
    List<String> getDiscoveryTargets();

    @Bindable(defaultValue = "4201")
    int getDiscoveryPort();

    @Bindable(defaultValue = "3s")
    Duration getDiscoveryTimeout();
}
