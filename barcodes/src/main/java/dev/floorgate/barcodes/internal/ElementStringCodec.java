package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The element string as a scanner transmits it: AI, value, AI, value..., with GS (0x1D) standing for FNC1
 * after each value whose AI has no pre-defined length, unless it is last (PROTOCOLS.md sections 6.2 and 7).
 *
 * <p>Parsing reads the AI length from the AI's first two digits, takes exactly the pre-defined length for
 * pre-defined AIs and everything up to the next GS (or the end) for the others. It tolerates what real
 * scanners send around that: GS characters before the first AI (a leading FNC1 some readers pass on), a GS
 * after a pre-defined-length value (allowed, merely unnecessary), and a trailing GS. It does not check values;
 * {@link AiValueValidator} does.
 */
public final class ElementStringCodec {

    public static final char GS = '\u001D';

    private ElementStringCodec() {
    }

    public static List<Gs1Element> parse(String data) {
        List<Gs1Element> elements = new ArrayList<>();
        int length = data.length();
        int position = skipSeparators(data, 0);
        while (position < length) {
            if (position + 2 > length) {
                throw new Gs1ParseException("element string ends inside an AI at position " + position + ": '"
                        + data.substring(position) + "'");
            }
            String prefix = data.substring(position, position + 2);
            if (!isDigits(prefix)) {
                throw new Gs1ParseException("element string has '" + printable(prefix) + "' where an AI should start, at position "
                        + position + " of '" + printable(data) + "'");
            }
            int aiLength = AiTable.aiLength(prefix);
            if (aiLength < 0) {
                throw new Gs1ParseException(prefix, "unknown Application Identifier at position " + position);
            }
            if (position + aiLength > length || !isDigits(data.substring(position, position + aiLength))) {
                throw new Gs1ParseException("element string ends inside AI '" + printable(data.substring(position,
                        Math.min(length, position + aiLength))) + "' at position " + position);
            }
            String ai = data.substring(position, position + aiLength);
            AiDefinition definition = AiTable.find(ai);
            if (definition == null) {
                throw new Gs1ParseException(ai, "unknown Application Identifier at position " + position);
            }
            int valueStart = position + aiLength;
            int valueEnd;
            if (definition.hasPredefinedLength()) {
                valueEnd = valueStart + definition.maxLength();
                if (valueEnd > length) {
                    throw new Gs1ParseException(ai, "truncated: " + (length - valueStart) + " of " + definition.maxLength()
                            + " characters before the end of the data in '" + data.substring(valueStart) + "'");
                }
                int gs = data.indexOf(GS, valueStart);
                if (gs >= 0 && gs < valueEnd) {
                    throw new Gs1ParseException(ai, "separator (GS) after " + (gs - valueStart) + " of "
                            + definition.maxLength() + " characters of a fixed-length value");
                }
            } else {
                int gs = data.indexOf(GS, valueStart);
                valueEnd = gs < 0 ? length : gs;
            }
            elements.add(new Gs1Element(ai, data.substring(valueStart, valueEnd)));
            position = skipSeparators(data, valueEnd);
        }
        return elements;
    }

    /**
     * Joins elements into an element string, with {@code separator} after each value that needs one and is
     * not last, and each value passed through {@code escaper}.
     */
    public static String encode(List<Gs1Element> elements, String separator, ValueEscaper escaper) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            Gs1Element element = elements.get(i);
            out.append(element.ai()).append(escaper.escape(element.value()));
            if (i < elements.size() - 1 && needsSeparator(element.ai())) {
                out.append(separator);
            }
        }
        return out.toString();
    }

    /** The number of data characters the elements take in a symbol, counting one per FNC1 separator. */
    public static int symbolDataLength(List<Gs1Element> elements) {
        return encode(elements, String.valueOf(GS), ValueEscaper.NONE).length();
    }

    public static boolean needsSeparator(String ai) {
        AiDefinition definition = AiTable.find(ai);
        return definition == null || !definition.hasPredefinedLength();
    }

    /** How a value is written into the output (e.g. ZPL needs {@code >} escaped). */
    public interface ValueEscaper {
        ValueEscaper NONE = new ValueEscaper() {
            @Override
            public String escape(String value) {
                return value;
            }
        };

        String escape(String value);
    }

    private static int skipSeparators(String data, int position) {
        while (position < data.length() && data.charAt(position) == GS) {
            position++;
        }
        return position;
    }

    static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Makes control characters visible in messages: GS becomes {@code <GS>}. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == GS) {
                out.append("<GS>");
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format(java.util.Locale.ROOT, "<0x%02X>", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
