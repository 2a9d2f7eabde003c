package dev.floorgate.devices;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A printer's status at one moment, decoded from its {@code ~HS} and {@code ~HQES} replies. {@link #state()} is
 * the most important of {@link #faults()} (head open, paper out, ribbon out, other fault, paused), or READY when
 * there is none; NOT_ANSWERING, DISCONNECTED and UNKNOWN stand alone. Immutable.
 */
public final class PrinterStatus {

    private final PrinterState state;
    private final Set<PrinterState> faults;
    private final int formatsInBuffer;
    private final int labelsRemaining;
    private final String detail;
    private final String raw;
    private final Instant at;
    private final boolean partialFormat;
    private final boolean labelWaiting;

    public PrinterStatus(PrinterState state, Set<PrinterState> faults, int formatsInBuffer, int labelsRemaining,
                         String detail, String raw, Instant at) {
        this(state, faults, formatsInBuffer, labelsRemaining, false, false, detail, raw, at);
    }

    /**
     * With the two {@code ~HS} flags print confirmation needs (PROTOCOLS.md 2.1): string 1 "partial format in
     * progress" and string 2 "label waiting" (peel-off mode: a printed label not yet taken).
     */
    public PrinterStatus(PrinterState state, Set<PrinterState> faults, int formatsInBuffer, int labelsRemaining,
                         boolean partialFormat, boolean labelWaiting, String detail, String raw, Instant at) {
        this.partialFormat = partialFormat;
        this.labelWaiting = labelWaiting;
        this.state = Objects.requireNonNull(state, "state");
        this.faults = faults.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(faults));
        this.formatsInBuffer = formatsInBuffer;
        this.labelsRemaining = labelsRemaining;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.raw = Objects.requireNonNull(raw, "raw");
        this.at = Objects.requireNonNull(at, "at");
    }

    /** A status without a reply: NOT_ANSWERING, DISCONNECTED or UNKNOWN. */
    public static PrinterStatus without(PrinterState state, String detail, Instant at) {
        return new PrinterStatus(state, EnumSet.noneOf(PrinterState.class), -1, -1, detail, "", at);
    }

    public PrinterState state() {
        return state;
    }

    /** Every fault reported at once (a printer can be out of paper with its head open). */
    public Set<PrinterState> faults() {
        return faults;
    }

    public boolean paused() {
        return faults.contains(PrinterState.PAUSED);
    }

    /** Formats received but not yet printed; -1 when the printer did not say (no {@code ~HS} reply). */
    public int formatsInBuffer() {
        return formatsInBuffer;
    }

    /** Labels left in the batch being printed ({@code ^PQ}); -1 when the printer did not say. */
    public int labelsRemaining() {
        return labelsRemaining;
    }

    /** {@code ~HS} string 1 flag h: a format is partly received (its {@code ^XZ} has not arrived yet). */
    public boolean partialFormat() {
        return partialFormat;
    }

    /** {@code ~HS} string 2 flag t: in peel-off mode a printed label waits to be taken. */
    public boolean labelWaiting() {
        return labelWaiting;
    }

    /** A sentence for people: the state and anything else the printer reported (warnings, other errors). */
    public String detail() {
        return detail;
    }

    /** The reply as received, control characters written as {@code <STX>}, {@code <ETX>}, {@code <CR>}, ... */
    public String raw() {
        return raw;
    }

    public Instant at() {
        return at;
    }

    /** True when the printer answered and reports no fault. */
    public boolean ready() {
        return state == PrinterState.READY;
    }

    @Override
    public String toString() {
        return "PrinterStatus{" + state.label() + (faults.size() > 1 ? " " + faults : "") + ", formats="
                + formatsInBuffer + ", labelsRemaining=" + labelsRemaining + ", " + detail + "}";
    }
}
