package dev.floorgate.devices;

import java.util.Locale;

/** The units a scale reading may carry; any other unit on the wire is GARBAGE, never a weight in a wrong unit. */
public enum ScaleUnit {
    G("g"), KG("kg"), LB("lb"), OZ("oz");

    private final String symbol;

    ScaleUnit(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol as scales send it: {@code g}, {@code kg}, {@code lb}, {@code oz}. */
    public String symbol() {
        return symbol;
    }

    /** The unit for a symbol (case-insensitive), or null when it is none of the four. */
    public static ScaleUnit ofSymbol(String symbol) {
        String s = symbol.trim().toLowerCase(Locale.ROOT);
        for (ScaleUnit unit : values()) {
            if (unit.symbol.equals(s)) {
                return unit;
            }
        }
        return null;
    }
}
