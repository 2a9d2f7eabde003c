package dev.floorgate.templates.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A placeholder in template field data. Three forms:
 * <ul>
 *   <li>{@code ${name}}: the field's value, written for the symbology of its field;</li>
 *   <li>{@code ${gs1:00=sscc}} or {@code ${gs1:02=gtin,37=count,10=batch}}: GS1-128 data (in a {@code ^BC} field)
 *       made of the listed AIs and fields; empty optional fields are left out;</li>
 *   <li>{@code ${gs1-hri:...}}: the human-readable line of the same elements, {@code (00)...}, for a text field.</li>
 * </ul>
 */
final class Placeholder {
    enum Kind { FIELD, GS1, GS1_HRI }

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern ELEMENT = Pattern.compile("([0-9]{2,4})=([A-Za-z][A-Za-z0-9_]{0,63})");

    final Kind kind;
    final String text;
    /** The field for FIELD; the fields of the elements, in order, for GS1 and GS1_HRI. */
    final List<String> fields;
    /** The AIs of the elements (GS1 and GS1_HRI), parallel to {@link #fields}. */
    final List<String> ais;

    private Placeholder(Kind kind, String text, List<String> fields, List<String> ais) {
        this.kind = kind;
        this.text = text;
        this.fields = Collections.unmodifiableList(fields);
        this.ais = Collections.unmodifiableList(ais);
    }

    /** Parses the inside of {@code ${...}}; IllegalArgumentException with the problem. */
    static Placeholder parse(String inside) {
        String text = "${" + inside + "}";
        if (FIELD.matcher(inside).matches()) {
            return new Placeholder(Kind.FIELD, text, List.of(inside), List.of());
        }
        Kind kind;
        String list;
        if (inside.startsWith("gs1:")) {
            kind = Kind.GS1;
            list = inside.substring(4);
        } else if (inside.startsWith("gs1-hri:")) {
            kind = Kind.GS1_HRI;
            list = inside.substring(8);
        } else {
            throw new IllegalArgumentException("bad placeholder " + text + " (use ${field}, ${gs1:AI=field,...} or "
                    + "${gs1-hri:AI=field,...})");
        }
        List<String> fields = new ArrayList<>();
        List<String> ais = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            Matcher m = ELEMENT.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("bad GS1 element '" + part.trim() + "' in " + text
                        + " (use AI=field, e.g. 00=sscc)");
            }
            ais.add(m.group(1));
            fields.add(m.group(2));
        }
        return new Placeholder(kind, text, fields, ais);
    }

    @Override
    public String toString() {
        return text;
    }
}
