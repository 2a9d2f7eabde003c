package dev.floorgate.devices.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The simulated printer's real-time clock (PROTOCOLS.md 2.5): SGD {@code rtc.date} ({@code MM-DD-YYYY}) and
 * {@code rtc.time} ({@code HH:MM:SS}), local time, running at an offset from this machine's clock that a test sets
 * (a printer a year off) and that {@code setvar} moves, as on a real printer. The printer keeps local time of
 * its site without a zone: {@code zone} says which site (tests use one far from UTC to prove the gateway handles
 * zones). A model without a clock answers {@code "?"} and ignores setvar. Thread-safe.
 */
final class SimulatedRtc {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM-dd-uuuu");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final Clock base;
    private final boolean present;
    private volatile Duration offset = Duration.ZERO;

    SimulatedRtc(ZoneId zone, boolean present) {
        this.base = Clock.system(zone);
        this.present = present;
    }

    Duration offset() {
        return offset;
    }

    void offset(Duration offset) {
        this.offset = offset;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(base).plus(offset);
    }

    /** The value of an RTC variable, or null when {@code name} is not one. */
    String getVar(String name) {
        switch (name) {
            case "rtc.date":
                return present ? DATE.format(now()) : "?";
            case "rtc.time":
                return present ? TIME.format(now()) : "?";
            default:
                return null;
        }
    }

    /** Sets the date or time part; false when {@code name} is not an RTC variable. A bad value is ignored. */
    boolean setVar(String name, String value) {
        if (!present) {
            return name.equals("rtc.date") || name.equals("rtc.time"); // no clock: nothing to move
        }
        LocalDateTime current = now();
        try {
            switch (name) {
                case "rtc.date":
                    move(LocalDateTime.of(LocalDate.parse(value.trim(), DATE), current.toLocalTime()));
                    return true;
                case "rtc.time":
                    move(LocalDateTime.of(current.toLocalDate(), LocalTime.parse(value.trim(), TIME)));
                    return true;
                default:
                    return false;
            }
        } catch (DateTimeParseException | NullPointerException e) {
            return true; // a real printer keeps its clock on a value it cannot read
        }
    }

    private void move(LocalDateTime wanted) {
        offset = Duration.between(LocalDateTime.now(base), wanted);
    }
}
