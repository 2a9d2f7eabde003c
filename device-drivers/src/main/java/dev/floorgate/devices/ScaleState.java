package dev.floorgate.devices;

/** What a scale reading says about the scale (PROTOCOLS.md 9). Only STABLE and UNSTABLE carry a weight. */
public enum ScaleState {
    /** A settled weight: the one to use. */
    STABLE("stable"),
    /** The weight is still moving (MT-SICS {@code S D}, continuous {@code US}), or the scale could not settle
     *  in time ({@code S I}: no weight then). */
    UNSTABLE("unstable"),
    /** The load is above the scale's range ({@code S +}, {@code OL}). */
    OVERLOAD("overload"),
    /** The load is below the scale's range, e.g. the pan is lifted ({@code S -}, {@code UL}). */
    UNDERLOAD("underload"),
    /** The scale answered with an error ({@code ES}, {@code ET}, {@code EL}) or refused a command. */
    REFUSED("refused"),
    /** Connected, but no reply (or, for a continuous scale, no line) within the answer timeout. */
    NOT_ANSWERING("not answering"),
    /** No connection to the scale. */
    DISCONNECTED("disconnected"),
    /** Bytes that are not a valid reply: over-long, incomplete or non-ASCII lines, unknown units. */
    GARBAGE("garbage");

    private final String label;

    ScaleState(String label) {
        this.label = label;
    }

    /** A human label: "stable", "not answering", ... */
    public String label() {
        return label;
    }

    /** Whether a reading in this state carries a weight. */
    public boolean hasWeight() {
        return this == STABLE || this == UNSTABLE;
    }
}
