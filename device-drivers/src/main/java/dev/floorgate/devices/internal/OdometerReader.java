package dev.floorgate.devices.internal;

import dev.floorgate.devices.PrinterProgress;
import java.io.IOException;

/**
 * Reads a Zebra printer's label counter (PROTOCOLS.md 2.4): SGD {@code odometer.total_label_count}, the labels the
 * printer has printed in its life. It is not resettable and lives in non-volatile memory, so it survives a power
 * cycle, a {@code ~JA} and a reset, which is what makes it proof. {@code ~HQOD} is no substitute: it reports
 * media length (inches and centimetres), not labels. A printer without the variable answers {@code "?"}. Also
 * reads {@code device.unique_id}, so that a replaced printer is not mistaken for the one the job went to.
 * Not thread-safe: called under the driver's lock.
 */
public final class OdometerReader {

    public static final String COUNTER = "odometer.total_label_count";
    public static final String SERIAL = "device.unique_id";

    private final ZebraConnection connection;

    public OdometerReader(ZebraConnection connection) {
        this.connection = connection;
    }

    /** The counter and serial; never throws: no answer is NOT_READ. */
    public Reading read() {
        String value;
        try {
            value = connection.getVar(COUNTER);
        } catch (IOException | IllegalArgumentException e) {
            return new Reading(PrinterProgress.Counter.NOT_READ, -1, "", "counter not read: " + e.getMessage());
        }
        long count = parse(value);
        if (count < 0) {
            return new Reading(PrinterProgress.Counter.MISSING, -1, "", "the printer answers \"" + value + "\" to "
                    + COUNTER + ": this model or firmware has no label counter, so printing is not closed-loop");
        }
        String serial;
        try {
            serial = connection.getVar(SERIAL);
        } catch (IOException | IllegalArgumentException e) {
            return new Reading(PrinterProgress.Counter.NOT_READ, -1, "", "serial not read: " + e.getMessage());
        }
        return new Reading(PrinterProgress.Counter.READ, count, "?".equals(serial) ? "" : serial, "");
    }

    /** The counter's value: digits, perhaps grouped with commas or spaces; -1 when it is not a count. */
    static long parse(String value) {
        String digits = value.replace(",", "").replace(" ", "").trim();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    /** One reading. */
    public static final class Reading {
        public final PrinterProgress.Counter counter;
        public final long count;
        public final String serial;
        public final String note;

        Reading(PrinterProgress.Counter counter, long count, String serial, String note) {
            this.counter = counter;
            this.count = count;
            this.serial = serial;
            this.note = note;
        }
    }
}
