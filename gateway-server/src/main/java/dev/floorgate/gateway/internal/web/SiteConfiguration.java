package dev.floorgate.gateway.internal.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The site the gateway serves.
 *
 * <ul>
 *   <li>{@code fg.site.time-zone} (empty = the gateway machine's zone): the IANA name of the site's time zone, such
 *       as {@code Europe/Berlin}. Both pages show times in it (a PDA or site IT's laptop may be set to another
 *       zone, or to UTC); a name Java does not know stops the start (SiteTime).</li>
 * </ul>
 */
@ConfigurationProperties(SiteConfiguration.PREFIX)
public interface SiteConfiguration {
    String PREFIX = "fg.site";

    @Bindable(defaultValue = "")
    String getTimeZone();
}
