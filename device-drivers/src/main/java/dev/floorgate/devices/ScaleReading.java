package dev.floorgate.devices;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One look at a scale: the weight (as the scale wrote it, scale kept: {@code 12.340} stays {@code 12.340}), its
 * unit, gross or net, and the state. Only STABLE and UNSTABLE readings carry a weight; every other state carries
 * the reason in {@link #detail()} and a null weight and unit, so a fault can never be mistaken for a weight.
 * Immutable.
 */
public final class ScaleReading {

    private final String scale;
    private final ScaleState state;
    private final BigDecimal weight;
    private final ScaleUnit unit;
    private final boolean net;
    private final String detail;
    private final byte[] raw;
    private final Instant at;

    private ScaleReading(String scale, ScaleState state, BigDecimal weight, ScaleUnit unit, boolean net, String detail,
                         byte[] raw, Instant at) {
        this.scale = Objects.requireNonNull(scale, "scale");
        this.state = Objects.requireNonNull(state, "state");
        this.weight = weight;
        this.unit = unit;
        this.net = net;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.raw = raw == null ? new byte[0] : raw.clone();
        this.at = Objects.requireNonNull(at, "at");
    }

    /**
     * A reading with a weight.
     *
     * @throws IllegalArgumentException when {@code state} is not STABLE or UNSTABLE
     */
    public static ScaleReading weighed(String scale, ScaleState state, BigDecimal weight, ScaleUnit unit, boolean net,
                                       byte[] raw, Instant at) {
        if (!state.hasWeight()) {
            throw new IllegalArgumentException("a " + state + " reading of scale '" + scale + "' carries no weight");
        }
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(unit, "unit");
        String detail = state.label() + " " + (net ? "net " : "gross ") + weight.toPlainString() + " " + unit.symbol();
        return new ScaleReading(scale, state, weight, unit, net, detail, raw, at);
    }

    /** A reading without a weight (UNSTABLE from {@code S I}, or any fault state), saying why. */
    public static ScaleReading without(String scale, ScaleState state, String detail, byte[] raw, Instant at) {
        return new ScaleReading(scale, state, null, null, false, detail, raw, at);
    }

    /** The scale's configured name. */
    public String scale() {
        return scale;
    }

    public ScaleState state() {
        return state;
    }

    /** Whether this is a settled weight. */
    public boolean stable() {
        return state == ScaleState.STABLE;
    }

    /** The weight, or null when the state carries none. */
    public BigDecimal weight() {
        return weight;
    }

    /** The unit of {@link #weight()}, or null when there is no weight. */
    public ScaleUnit unit() {
        return unit;
    }

    /** True for a net weight (after a tare), false for gross. */
    public boolean net() {
        return net;
    }

    /** A sentence for people and logs: the weight, or why there is none. */
    public String detail() {
        return detail;
    }

    /** The line as received, without its terminator (empty when nothing was received); a copy. */
    public byte[] raw() {
        return raw.clone();
    }

    public Instant at() {
        return at;
    }

    /** Same state, weight, unit and gross/net (the time and the raw bytes aside): what listeners are told about. */
    public boolean sameAs(ScaleReading other) {
        return other != null && state == other.state && Objects.equals(weight, other.weight) && unit == other.unit
                && net == other.net;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ScaleReading)) {
            return false;
        }
        ScaleReading r = (ScaleReading) o;
        return scale.equals(r.scale) && sameAs(r) && detail.equals(r.detail) && Arrays.equals(raw, r.raw) && at.equals(r.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scale, state, weight, unit, net, at);
    }

    @Override
    public String toString() {
        return "ScaleReading{" + scale + ", " + detail + "}";
    }
}
