package dev.floorgate.gateway.internal.clock;

import dev.floorgate.devices.PrinterClock;
import dev.floorgate.devices.ZebraPrinterDriver;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every printer's real-time clock ({@link PrinterClock}) against core time every
 * {@code fg.clock.printer-check-interval}, records the offset ({@link SiteClocks}: site IT's page, /metrics), and
 * sets the clock from core time when site IT allows it for that printer ({@code fg.clock.set-printers} or
 * {@code fg.printers.<name>.set-clock}) and it is off by more than {@code fg.clock.device-max-offset}. Printer clocks
 * have no zone: they keep local time of the site, so they are compared and set in the site's zone
 * ({@code fg.site.time-zone}), not the gateway machine's (a gateway often runs in UTC). A printer without a clock
 * is unknown; one not answering is skipped (a device fault is a state the registry shows, not an error here).
 */
public final class PrinterClockCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrinterClockCheck.class);
    /** A set that reads back further than this from core time did not take (the printer's seconds are whole). */
    static final Duration SET_TOLERANCE = Duration.ofSeconds(5);
    private final PrinterRegistry printers;
    private final SiteClocks clocks;
    private final Predicate<String> maySet;
    private final Duration interval;
    private final ZoneId zone;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "floorgate-printer-clocks");
        t.setDaemon(true);
        return t;
    });

    public PrinterClockCheck(PrinterRegistry printers, SiteClocks clocks, Predicate<String> maySet, Duration interval,
            ZoneId zone) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("fg.clock.printer-check-interval must be positive, got " + interval);
        }
        this.printers = printers;
        this.clocks = clocks;
        this.maySet = maySet;
        this.interval = interval;
        this.zone = zone;
    }

    /** First check a few seconds after the start (the drivers connect meanwhile), then every interval. */
    public PrinterClockCheck start() {
        timer.scheduleWithFixedDelay(this::checkAll, Math.min(5_000, interval.toMillis()), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    void checkAll() {
        for (PrinterRegistry.PrinterView p : printers.snapshot()) {
            printers.driver(p.name).filter(ZebraPrinterDriver::connected).ifPresent(d -> check(p.name, d));
        }
    }

    /**
     * Reads one printer's clock, sets it when allowed and off, and reads it back to know the set took (a Zebra
     * does not answer setvar); never throws. A printer whose clock answers {@code "?"} has none: unknown.
     */
    public void check(String name, ZebraPrinterDriver driver) {
        try {
            Optional<LocalDateTime> read = PrinterClock.read(driver);
            if (read.isEmpty()) {
                clocks.printerHasNoClock(name);
                return;
            }
            long offset = offsetMillis(read.get());
            boolean off = Math.abs(offset) > clocks.deviceMaxOffset().toMillis();
            if (off && maySet.test(name)) {
                PrinterClock.set(driver, LocalDateTime.ofInstant(clocks.coreNow(), zone));
                Optional<LocalDateTime> after = PrinterClock.read(driver);
                if (after.isPresent() && Math.abs(offsetMillis(after.get())) <= SET_TOLERANCE.toMillis()) {
                    long corrected = offsetMillis(after.get());
                    LOG.info("printer {}: clock was {} s off core time; set from core time, now {} s", name,
                            offset / 1000, corrected / 1000);
                    clocks.printerSaid(name, corrected, true);
                } else {
                    long still = after.map(this::offsetMillis).orElse(offset);
                    LOG.warn("printer {}: clock was {} s off core time and set from core time, but reads back "
                            + "{} s off: the set did not take (set it on the printer's panel)", name,
                            offset / 1000, still / 1000);
                    clocks.printerSaid(name, still, false);
                }
            } else {
                if (off) {
                    LOG.warn("printer {}: clock is {} s off core time; dates it prints are wrong (allow "
                            + "fg.printers.{}.set-clock or fg.clock.set-printers to set it)", name, offset / 1000, name);
                }
                clocks.printerSaid(name, offset, false);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("printer {}: clock not read: {}", name, e.getMessage());
        }
    }

    private long offsetMillis(LocalDateTime printerLocal) {
        return printerLocal.atZone(zone).toInstant().toEpochMilli() - clocks.coreNow().toEpochMilli();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
