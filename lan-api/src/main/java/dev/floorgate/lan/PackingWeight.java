package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer of GET /api/v1/packing/weight: the scale's stable reading, or its state in words. Written and read by {@link LanJson}.
 */
public final class PackingWeight {
    private final String scale;
    private final String state;
    private final Long grams;
    private final String message;

    public PackingWeight(String scale, String state, Long grams, String message) {
        this.scale = scale;
        this.state = state;
        this.grams = grams;
        this.message = message;
    }

    /** The scale's name (fg.scales.NAME.url). */
    public String scale() {
        return scale;
    }

    /** STABLE, UNSTABLE, OVERLOAD, UNDERLOAD, REFUSED, NOT_ANSWERING, DISCONNECTED or GARBAGE. */
    public String state() {
        return state;
    }

    /** The stable weight; null unless STABLE; may be null. */
    public Long grams() {
        return grams;
    }

    /** What the state means for the packer; may be null. */
    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingWeight)) {
            return false;
        }
        PackingWeight that = (PackingWeight) o;
        return Objects.equals(scale, that.scale)
                && Objects.equals(state, that.state)
                && Objects.equals(grams, that.grams)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scale, state, grams, message);
    }

    @Override
    public String toString() {
        return "PackingWeight{"
                + "scale=" + scale
                + ", state=" + state
                + ", grams=" + grams
                + ", message=" + message + "}";
    }
}
