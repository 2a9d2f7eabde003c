package dev.floorgate.devices;

import java.util.Objects;

/**
 * One look at how far a printer has got (PROTOCOLS.md 2.4): its status ({@code ~HS~HQES}, asked before and after the
 * counter, so that a format finishing in between is noticed) and its label counter (SGD
 * {@code odometer.total_label_count}) with the printer's serial number ({@code device.unique_id}). Immutable.
 */
public final class PrinterProgress {

    /** What became of the counter reading. */
    public enum Counter {
        /** {@link #labelCount()} holds the printer's counter. */
        READ,
        /** The printer answered that it has no such counter ({@code "?"} or not a number): not closed-loop. */
        MISSING,
        /** No answer this time (not connected, a fault, a timeout): ask again later. */
        NOT_READ
    }

    private final PrinterStatus status;
    private final boolean settled;
    private final Counter counter;
    private final long labelCount;
    private final String serial;
    private final String counterNote;

    public PrinterProgress(PrinterStatus status, boolean settled, Counter counter, long labelCount, String serial,
                           String counterNote) {
        this.status = Objects.requireNonNull(status, "status");
        this.settled = settled;
        this.counter = Objects.requireNonNull(counter, "counter");
        this.labelCount = labelCount;
        this.serial = Objects.requireNonNull(serial, "serial");
        this.counterNote = Objects.requireNonNull(counterNote, "counterNote");
    }

    public PrinterStatus status() {
        return status;
    }

    /** True when the status before and after the counter agree (buffer, batch, flags): the look is one moment. */
    public boolean settled() {
        return settled;
    }

    public Counter counter() {
        return counter;
    }

    /** Labels the printer has printed in its life; -1 unless {@link #counter()} is READ. */
    public long labelCount() {
        return labelCount;
    }

    /** {@code device.unique_id}: a different value means another printer; empty when it did not say. */
    public String serial() {
        return serial;
    }

    /** Why the counter is MISSING or NOT_READ, for people; empty when READ. */
    public String counterNote() {
        return counterNote;
    }

    /**
     * Formats the printer still holds: those in its receive buffer plus the batch being printed (labels remaining);
     * -1 when it did not say.
     */
    public int pendingFormats() {
        PrinterStatus s = status;
        if (s.formatsInBuffer() < 0 || s.labelsRemaining() < 0) {
            return -1;
        }
        return s.formatsInBuffer() + (s.labelsRemaining() > 0 ? 1 : 0);
    }

    /**
     * Nothing more will print without new data: the printer answered, holds no format, is not receiving one and has
     * no label waiting to be taken, and the look is settled. Only then is a short counter final.
     */
    public boolean idle() {
        return settled && counter == Counter.READ && pendingFormats() == 0 && !status.partialFormat()
                && !status.labelWaiting();
    }

    @Override
    public String toString() {
        return "PrinterProgress{" + status.state().label() + ", pending=" + pendingFormats() + ", counter=" + counter
                + (counter == Counter.READ ? " " + labelCount : " (" + counterNote + ")") + ", serial=" + serial
                + (settled ? "" : ", unsettled") + "}";
    }
}
