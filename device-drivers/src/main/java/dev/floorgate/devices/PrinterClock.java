package dev.floorgate.devices;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Zebra printer's real-time clock over SGD (PROTOCOLS.md 2.5): {@code rtc.date} as {@code MM-DD-YYYY} and
 * {@code rtc.time} as {@code HH:MM:SS}, 24 hours, local time without a zone (the printer has none). {@code ^FC}
 * date fields and lot dates print from it, so a printer that lost its clock prints wrong dates. Stateless; the
 * gateway decides when to read and whether to set.
 */
public final class PrinterClock {
    public static final String DATE_VAR = "rtc.date";
    public static final String TIME_VAR = "rtc.time";
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM-dd-uuuu");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private PrinterClock() {
    }

    /** The printer's clock now, or empty when it has none (a model without RTC answers {@code "?"}). */
    public static Optional<LocalDateTime> read(ZebraPrinterDriver printer) throws IOException {
        // The date is read again after the time: a read across midnight would otherwise be a day off.
        String date = printer.getVar(DATE_VAR);
        String time = printer.getVar(TIME_VAR);
        String dateAfter = printer.getVar(DATE_VAR);
        if (dateAfter != null && !dateAfter.equals(date)) {
            date = dateAfter;
            time = printer.getVar(TIME_VAR);
        }
        return parse(date, time);
    }

    /** Date and time as the printer answers them; empty for {@code "?"}, empty or unreadable values. */
    public static Optional<LocalDateTime> parse(String date, String time) {
        if (date == null || time == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(java.time.LocalDate.parse(date.trim(), DATE),
                    java.time.LocalTime.parse(time.trim(), TIME)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Sets the printer's clock (setvar gets no answer: {@link #read} it back to know). */
    public static void set(ZebraPrinterDriver printer, LocalDateTime localTime) throws IOException {
        printer.setVar(DATE_VAR, DATE.format(localTime));
        printer.setVar(TIME_VAR, TIME.format(localTime));
    }
}
