package dev.floorgate.devices;

/** What a printer is doing, as far as its status replies tell. */
public enum PrinterState {
    READY("ready"),
    PAPER_OUT("paper out"),
    RIBBON_OUT("ribbon out"),
    HEAD_OPEN("head open"),
    PAUSED("paused"),
    /** Another fault reported by {@code ~HQES}: cutter fault, head or motor over-temperature, ... */
    FAULT("printer fault"),
    /** Connected, but no reply to {@code ~HS} or {@code ~HQES} within the status timeout. */
    NOT_ANSWERING("not answering"),
    /** No connection to the printer. */
    DISCONNECTED("disconnected"),
    /** Not asked yet, or the reply could not be understood. */
    UNKNOWN("unknown");

    private final String label;

    PrinterState(String label) {
        this.label = label;
    }

    /** A human label: "paper out", "head open", ... */
    public String label() {
        return label;
    }

    /** Whether this state is a fault the printer reports (a reason to hold jobs until it is fixed). */
    public boolean isFault() {
        return this == PAPER_OUT || this == RIBBON_OUT || this == HEAD_OPEN || this == PAUSED || this == FAULT;
    }
}
