package dev.floorgate.gateway.internal.clock;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Wrong clocks (README "Syncing, for site IT"; DESIGN.md "Wrong clocks").
 *
 * <ul>
 *   <li>{@code fg.clock.max-offset} (60s): the gateway's clock further than this from the core's makes /health
 *       DEGRADED. Syncing goes on in core time whatever the offset; the threshold says when a person should set
 *       the clock (logs, file times and anything else on the machine still use it).</li>
 *   <li>{@code fg.clock.device-max-offset} (3m): a PDA or printer clock further than this from core time is shown
 *       on site IT's page and warned about on the PDA.</li>
 *   <li>{@code fg.clock.set-printers} (false): set every Zebra printer's clock from core time when it is off by
 *       more than {@code device-max-offset}; {@code fg.printers.<name>.set-clock} does it for one printer.</li>
 *   <li>{@code fg.clock.printer-check-interval} (10m): how often printer clocks are read.</li>
 * </ul>
 */
@ConfigurationProperties(ClockConfiguration.PREFIX)
public interface ClockConfiguration {
    String PREFIX = "fg.clock";

    @Bindable(defaultValue = "60s")
    Duration getMaxOffset();

    @Bindable(defaultValue = "3m")
    Duration getDeviceMaxOffset();

    @Bindable(defaultValue = "false")
    boolean isSetPrinters();

    @Bindable(defaultValue = "10m")
    Duration getPrinterCheckInterval();
}
