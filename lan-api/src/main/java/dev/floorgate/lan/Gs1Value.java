package dev.floorgate.lan;

import java.util.Objects;

/**
 * One GS1 element string: an application identifier and its value.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class Gs1Value {
    private final String ai;
    private final String value;

    public Gs1Value(String ai, String value) {
        this.ai = ai;
        this.value = value;
    }

    public String ai() {
        return ai;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Gs1Value)) {
            return false;
        }
        Gs1Value that = (Gs1Value) o;
        return Objects.equals(ai, that.ai)
                && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ai, value);
    }

    @Override
    public String toString() {
        return "Gs1Value{" + "ai=" + ai
                + ", value=" + value + "}";
    }
}
