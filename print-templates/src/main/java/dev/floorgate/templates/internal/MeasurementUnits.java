package dev.floorgate.templates.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ^MUa,b,c}: after it, the measurements of later commands are in a = D (dots, the default), I (inches)
 * or M (millimetres); with dots, b and c (e.g. {@code ^MUD,200,300}) scale values written for a b-dpi printer to
 * a c-dpi one. The printer converts as it reads each command; the preview does the same in one pass before
 * drawing, rewriting the measurement parameters of the commands below into dots, so the interpreter only ever
 * sees dots. Which parameters are measurements comes from the ZPL guide's parameter lists.
 */
final class MeasurementUnits {
    /** Command -> indexes of its measurement parameters (for {@code ^A}, after the font letter). */
    private static final Map<String, int[]> MEASURES = new HashMap<>();

    static {
        MEASURES.put("FO", new int[] {0, 1});
        MEASURES.put("FT", new int[] {0, 1});
        MEASURES.put("LH", new int[] {0, 1});
        MEASURES.put("LS", new int[] {0});
        MEASURES.put("LT", new int[] {0});
        MEASURES.put("PW", new int[] {0});
        MEASURES.put("LL", new int[] {0});
        MEASURES.put("GB", new int[] {0, 1, 2, 4});
        MEASURES.put("GC", new int[] {0, 1});
        MEASURES.put("GE", new int[] {0, 1, 2});
        MEASURES.put("GD", new int[] {0, 1, 2});
        MEASURES.put("A", new int[] {1, 2});
        MEASURES.put("A@", new int[] {1, 2});
        MEASURES.put("CF", new int[] {1, 2});
        MEASURES.put("FB", new int[] {0, 2});
        MEASURES.put("BY", new int[] {2});
        for (String heightFirst : new String[] {"BC", "BA", "BE", "B8", "BU", "B9", "B2", "BI", "BJ", "BS", "BZ",
                "B5", "B7"}) {
            MEASURES.put(heightFirst, new int[] {1});
        }
        for (String heightSecond : new String[] {"B3", "BK", "B1", "BM", "BP"}) {
            MEASURES.put(heightSecond, new int[] {2});
        }
    }

    private MeasurementUnits() {
    }

    /** The commands with measurements in dots at {@code dpi}; the same list when there is no {@code ^MU}. */
    static List<ZplCommand> toDots(List<ZplCommand> commands, int dpi, PreviewWarnings warnings) {
        boolean any = false;
        for (ZplCommand c : commands) {
            any |= c.is("MU");
        }
        if (!any) {
            return commands;
        }
        double perInch = PreviewRenderer.dotsPerInch(dpi);
        double scale = 1;
        List<ZplCommand> out = new ArrayList<>(commands.size());
        for (ZplCommand c : commands) {
            if (c.is("MU")) {
                scale = scaleOf(c, perInch, warnings);
                continue;
            }
            int[] measures = c.kind() == ZplCommand.FORMAT ? MEASURES.get(c.code()) : null;
            out.add(measures == null || scale == 1 ? c : converted(c, measures, scale));
        }
        return out;
    }

    private static double scaleOf(ZplCommand mu, double perInch, PreviewWarnings warnings) {
        Params p = Params.of(mu, warnings);
        switch (p.letter(0, 'D')) {
            case 'I':
                return perInch;
            case 'M':
                return perInch / 25.4;
            default:
                int base = p.integer(1, 0, 0, 600);
                int desired = p.integer(2, 0, 0, 600);
                return base > 0 && desired > 0 ? (double) desired / base : 1;
        }
    }

    private static ZplCommand converted(ZplCommand c, int[] measures, double scale) {
        String text = c.cleanParams();
        String prefix = "";
        if (c.code().equals("A") && !text.isEmpty()) {
            prefix = text.substring(0, 1);
            text = text.substring(1);
        }
        String delimiter = String.valueOf(c.delimiter());
        String[] parts = text.split(java.util.regex.Pattern.quote(delimiter), -1);
        for (int i : measures) {
            if (i < parts.length && !parts[i].trim().isEmpty()) {
                String number = Params.numericPrefix(parts[i].trim());
                try {
                    parts[i] = String.valueOf(Math.round(Double.parseDouble(number) * scale));
                } catch (NumberFormatException e) {
                    // not a number: left for the interpreter to warn about
                }
            }
        }
        String params = prefix + String.join(delimiter, parts);
        return new ZplCommand(c.kind(), c.code(), params, c.start(), c.paramsStart(), c.end(), c.delimiter());
    }
}
