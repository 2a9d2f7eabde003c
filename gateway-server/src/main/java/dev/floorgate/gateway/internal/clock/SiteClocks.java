package dev.floorgate.gateway.internal.clock;

import dev.floorgate.lan.HealthClock;
import dev.floorgate.sync.ClockOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every clock on the site against the core's (DESIGN.md "Wrong clocks"): the gateway's own, measured by the sync
 * engine from the core's answers ({@link ClockOffset}); each PDA's, from the time it says in its requests; each
 * printer's, read from its real-time clock. The gateway stamps and corrects in core time ({@link #coreNow}); this
 * class also says what site IT should fix, for /health, the page and /metrics. Thread-safe.
 */
public final class SiteClocks {
    /** Where a device's time came from. */
    public enum Source { HEADER, OCCURRED_AT, PRINTER_RTC }

    /**
     * One device's clock as last seen: device time minus core time. {@code known} false: the device has no clock
     * or answered none (a printer model without RTC answers {@code "?"}), and {@code offsetMillis} means nothing.
     * {@code corrected}: the gateway set this clock (a printer's; kept over the later reads that find it right).
     */
    public record DeviceClock(String name, boolean known, long offsetMillis, Source source, Instant at, boolean off,
            boolean corrected) {
        /** The offset in whole seconds, or null when unknown (the LAN API's and the page's value). */
        public Long offsetSeconds() {
            return known ? offsetMillis / 1000 : null;
        }
    }

    private final ClockOffset gateway;
    private final Supplier<String> keyRefusal;
    private final Duration maxOffset;
    private final Duration deviceMaxOffset;
    private final Map<String, DeviceClock> pdas = new ConcurrentHashMap<>();
    private final Map<String, DeviceClock> printers = new ConcurrentHashMap<>();

    public SiteClocks(ClockOffset gateway, Supplier<String> keyRefusal, Duration maxOffset, Duration deviceMaxOffset) {
        if (maxOffset.isNegative() || deviceMaxOffset.isNegative()) {
            throw new IllegalArgumentException("fg.clock.max-offset and fg.clock.device-max-offset must not be "
                    + "negative, got " + maxOffset + " and " + deviceMaxOffset);
        }
        this.gateway = gateway;
        this.keyRefusal = keyRefusal;
        this.maxOffset = maxOffset;
        this.deviceMaxOffset = deviceMaxOffset;
    }

    /** The core's time now as the gateway knows it (its own clock before the first answer of the core). */
    public Instant coreNow() {
        return Instant.ofEpochMilli(gateway.correctedMillis());
    }

    public ClockOffset gateway() {
        return gateway;
    }

    public Duration deviceMaxOffset() {
        return deviceMaxOffset;
    }

    /** A PDA said its time ({@code deviceTime}) in a request received now. */
    public DeviceClock pdaSaid(String deviceId, Instant deviceTime, Source source) {
        Instant now = coreNow();
        long offset = deviceTime.toEpochMilli() - now.toEpochMilli();
        DeviceClock c = new DeviceClock(deviceId, true, offset, source, now, Math.abs(offset) > deviceMaxOffset.toMillis(),
                false);
        pdas.put(deviceId, c);
        return c;
    }

    /**
     * A printer's real-time clock read now; {@code setNow}: the gateway has just set it and read it back right.
     * Once set by the gateway a printer stays marked so until the gateway restarts, though the next reads find it
     * right (the page says why a printer that was a year off is fine now).
     */
    public void printerSaid(String printer, long offsetMillis, boolean setNow) {
        printers.compute(printer, (k, was) -> new DeviceClock(printer, true, offsetMillis, Source.PRINTER_RTC,
                coreNow(), Math.abs(offsetMillis) > deviceMaxOffset.toMillis(),
                setNow || (was != null && was.corrected())));
    }

    /** A printer that has no clock (it answered {@code "?"}): unknown, neither off nor an error. */
    public void printerHasNoClock(String printer) {
        printers.compute(printer, (k, was) -> new DeviceClock(printer, false, 0, Source.PRINTER_RTC, coreNow(),
                false, was != null && was.corrected()));
    }

    /** One printer's clock as last read, or null before the first read. */
    public DeviceClock printer(String printer) {
        return printers.get(printer);
    }

    public List<DeviceClock> pdas() {
        return new ArrayList<>(new TreeMap<>(pdas).values());
    }

    public List<DeviceClock> printers() {
        return new ArrayList<>(new TreeMap<>(printers).values());
    }

    /** The gateway's part of /health; {@code problem} null when nothing needs a person. */
    public HealthClock health() {
        boolean measured = gateway.known();
        long offset = measured ? gateway.offsetMillis() : 0;
        return new HealthClock(measured, offset, offset / 1000, maxOffset.toSeconds(), problem());
    }

    /** What site IT should fix about the gateway's clock or key, or null. */
    public String problem() {
        String refusal = keyRefusal.get();
        if (refusal != null) {
            return "the core refuses the gateway's key (" + refusal + "): check fg.core.key-id / fg.core.secret "
                    + "and the key's tenants at the core; operations queue here until then";
        }
        if (gateway.known() && Math.abs(gateway.offsetMillis()) > maxOffset.toMillis()) {
            long s = gateway.offsetMillis() / 1000;
            return "the gateway clock is " + Math.abs(s) + " s " + (s > 0 ? "behind" : "ahead of")
                    + " the core (more than fg.clock.max-offset " + maxOffset.toSeconds() + " s): syncing goes on "
                    + "in core time; set the clock or NTP on this machine";
        }
        return null;
    }
}
