package dev.floorgate.devices.internal;

import dev.floorgate.devices.ScaleUnit;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weight-and-unit part both scale protocols share: an optional sign, digits with an optional decimal point,
 * then the unit, separated by spaces (MT-SICS) or a comma (some continuous formats), e.g. {@code "    12.345 kg"},
 * {@code "+0012.345 kg"}, {@code "   0.0,kg"}, {@code "- 1.5 lb"}. Anything else is not a weight.
 */
final class ScaleWeights {

    private static final Pattern WEIGHT = Pattern.compile("([+-]?) *(\\d{1,12}(?:\\.\\d{1,9})?|\\.\\d{1,9}) *,? *([A-Za-z]{1,4})");

    /** A weight and its unit, or the reason there is none. */
    static final class Parsed {
        final BigDecimal weight;
        final ScaleUnit unit;
        final String problem;

        private Parsed(BigDecimal weight, ScaleUnit unit, String problem) {
            this.weight = weight;
            this.unit = unit;
            this.problem = problem;
        }
    }

    private ScaleWeights() {
    }

    /** Parses {@code text} (printable ASCII); a problem names what is wrong. */
    static Parsed parse(String text) {
        Matcher m = WEIGHT.matcher(text.trim());
        if (!m.matches()) {
            return new Parsed(null, null, "'" + text + "' is not a weight and a unit");
        }
        ScaleUnit unit = ScaleUnit.ofSymbol(m.group(3));
        if (unit == null) {
            return new Parsed(null, null, "unit '" + m.group(3) + "' is not g, kg, lb or oz");
        }
        BigDecimal weight = new BigDecimal(m.group(2).startsWith(".") ? "0" + m.group(2) : m.group(2));
        if (m.group(1).equals("-")) {
            weight = weight.negate();
        }
        // "0012.345" and "12.345" are the same weight with the same resolution
        return new Parsed(weight, unit, null);
    }
}
