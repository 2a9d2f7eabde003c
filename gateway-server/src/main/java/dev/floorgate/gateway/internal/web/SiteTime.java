package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.GatewayConfigurationException;
import java.time.DateTimeException;
import java.time.ZoneId;

/** The site's time zone, checked once at start: a wrong fg.site.time-zone stops the gateway with one clear line. */
public final class SiteTime {
    private final ZoneId zone;

    SiteTime(String configured) {
        if (configured == null || configured.isBlank()) {
            zone = ZoneId.systemDefault();
            return;
        }
        try {
            zone = ZoneId.of(configured.trim());
        } catch (DateTimeException e) {
            throw new GatewayConfigurationException(SiteConfiguration.PREFIX + ".time-zone '" + configured
                    + "' is not a time zone: use an IANA name such as Europe/Berlin, or UTC", e);
        }
    }

    /** The site's zone: pages show times in it, printer clocks keep local time of it, templates print in it. */
    public ZoneId zone() {
        return zone;
    }

    /** The zone's name as browsers know it (Intl.DateTimeFormat's timeZone). */
    String name() {
        return zone.getId();
    }
}
