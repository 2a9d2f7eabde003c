package dev.floorgate.barcodes;

import java.util.Objects;

/**
 * One GS1 element: an Application Identifier and its value as transmitted (no parentheses, no separators).
 * Immutable. The constructor checks only the shape of the AI (2 to 4 digits); whether the value is valid for
 * that AI is checked where elements are parsed or encoded ({@link Gs1Parser}, {@link Gs1Encoder#validate}).
 */
public final class Gs1Element {

    private final String ai;
    private final String value;

    public Gs1Element(String ai, String value) {
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(value, "value");
        if (ai.length() < 2 || ai.length() > 4 || !allDigits(ai)) {
            throw new IllegalArgumentException("GS1 AI must be 2 to 4 digits, got '" + ai + "'");
        }
        this.ai = ai;
        this.value = value;
    }

    /** The Application Identifier, e.g. {@code "01"} or {@code "3103"}. */
    public String ai() {
        return ai;
    }

    /** The value as transmitted, e.g. {@code "09501101530003"}. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Gs1Element)) {
            return false;
        }
        Gs1Element other = (Gs1Element) o;
        return ai.equals(other.ai) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * ai.hashCode() + value.hashCode();
    }

    /** The human-readable form, {@code "(01)09501101530003"}. */
    @Override
    public String toString() {
        return "(" + ai + ")" + value;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
