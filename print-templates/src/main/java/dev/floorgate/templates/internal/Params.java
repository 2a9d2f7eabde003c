package dev.floorgate.templates.internal;

/**
 * The comma-separated parameters of one command, read leniently: an empty parameter takes its default, a
 * malformed or out-of-range one takes the default or the nearest bound and leaves a warning that names the
 * command and the parameter.
 */
final class Params {
    private final String command;
    private final String[] parts;
    private final PreviewWarnings warnings;

    private Params(String command, String text, char delimiter, PreviewWarnings warnings) {
        this.command = command;
        this.parts = text.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
        this.warnings = warnings;
    }

    private Params(String command, String text, PreviewWarnings warnings) {
        this(command, text, ',', warnings);
    }

    static Params of(ZplCommand cmd, PreviewWarnings warnings) {
        return new Params(cmd.label(), cmd.cleanParams(), cmd.delimiter(), warnings);
    }

    /** Parameters taken from {@code text} (for commands such as {@code ^A} whose first character is special). */
    static Params of(String label, String text, PreviewWarnings warnings) {
        return new Params(label, text, warnings);
    }

    /** As {@link #of(String, String, PreviewWarnings)} with the delimiter in force ({@code ^CD}). */
    static Params of(String label, String text, char delimiter, PreviewWarnings warnings) {
        return new Params(label, text, delimiter, warnings);
    }

    String text(int i) {
        return i < parts.length ? parts[i].trim() : "";
    }

    boolean has(int i) {
        return !text(i).isEmpty();
    }

    /** Upper-cased first character of parameter {@code i}, or {@code def}. */
    char letter(int i, char def) {
        String t = text(i);
        return t.isEmpty() ? def : Character.toUpperCase(t.charAt(0));
    }

    /** Y/N parameter. */
    boolean yes(int i, boolean def) {
        char c = letter(i, def ? 'Y' : 'N');
        return c == 'Y';
    }

    int integer(int i, int def, int min, int max) {
        String t = numericPrefix(text(i));
        if (t.isEmpty()) {
            return def;
        }
        long v;
        try {
            v = t.length() > 12 ? Long.MAX_VALUE : Long.parseLong(t);
        } catch (NumberFormatException e) {
            double d = parseDouble(t);
            if (Double.isNaN(d)) {
                warnings.add(command + ": parameter " + (i + 1) + " '" + shorten(t) + "' is not a number; using "
                        + def);
                return def;
            }
            v = Math.round(d);
        }
        if (v < min || v > max) {
            long clamped = Math.max(min, Math.min(max, v));
            warnings.add(command + ": parameter " + (i + 1) + " " + shorten(t) + " is outside " + min + "-" + max
                    + "; using " + clamped);
            return (int) clamped;
        }
        return (int) v;
    }

    double decimal(int i, double def, double min, double max) {
        String t = numericPrefix(text(i));
        if (t.isEmpty()) {
            return def;
        }
        double d = parseDouble(t);
        if (Double.isNaN(d)) {
            warnings.add(command + ": parameter " + (i + 1) + " '" + shorten(t) + "' is not a number; using " + def);
            return def;
        }
        if (d < min || d > max) {
            double clamped = Math.max(min, Math.min(max, d));
            warnings.add(command + ": parameter " + (i + 1) + " " + shorten(t) + " is outside " + min + "-" + max
                    + "; using " + clamped);
            return clamped;
        }
        return d;
    }

    /**
     * The number a printer reads from a parameter: it stops at the first character that cannot continue the
     * number, so a comment after the last parameter ({@code ^FO50,80 ; header}, or a line of text before the
     * next command) does not change the value. A parameter that does not start with a number is kept whole
     * (and then warned about).
     */
    static String numericPrefix(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int digitsFrom = i;
        while (i < n && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == digitsFrom || i == n) {
            return t;
        }
        return t.substring(0, i);
    }

    private static double parseDouble(String t) {
        if (t.length() > 24) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isInfinite(d) ? Double.NaN : d;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String shorten(String s) {
        String clean = TextPainter.printableOnly(s);
        return clean.length() <= 24 ? clean : clean.substring(0, 24) + "...";
    }
}
