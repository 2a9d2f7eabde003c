package dev.floorgate.gateway.internal.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Core time as a {@link Clock}, in the site's zone: what label templates' {@code gateway-time} fields print
 * (print-templates README), so a lot date is right though this machine's clock and the printer's are not. The
 * instant comes from {@link SiteClocks#coreNow()}, asked lazily so that wiring templates does not open the sync
 * engine early.
 */
public final class CoreTimeClock extends Clock {
    private final Supplier<Instant> coreNow;
    private final ZoneId zone;

    public CoreTimeClock(Supplier<Instant> coreNow, ZoneId zone) {
        this.coreNow = Objects.requireNonNull(coreNow, "coreNow");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new CoreTimeClock(coreNow, zone);
    }

    @Override
    public Instant instant() {
        return coreNow.get();
    }

    @Override
    public String toString() {
        return "CoreTimeClock[" + zone + "]";
    }
}
