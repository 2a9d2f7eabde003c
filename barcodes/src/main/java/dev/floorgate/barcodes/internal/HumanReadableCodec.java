package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The human-readable form {@code (01)09501101530003(17)251231(10)ABC123}: each AI in parentheses, then its value.
 * Parentheses are for people only and never encoded in a symbol.
 *
 * <p>CSET 82 allows {@code (} and {@code )} inside values, so a value ends only where a parenthesised
 * <em>known</em> AI begins. A value that itself contains such a group, e.g. {@code A(10)B}, cannot be told
 * apart in this form; the element string with GS separators has no such ambiguity.
 */
public final class HumanReadableCodec {

    private HumanReadableCodec() {
    }

    /** True when {@code text} starts with a parenthesised 2- to 4-digit AI, e.g. {@code (01)}. */
    public static boolean startsWithAiGroup(String text) {
        return aiGroupLength(text, 0) > 0;
    }

    public static List<Gs1Element> parse(String text) {
        if (aiGroupLength(text, 0) < 0) {
            throw new Gs1ParseException("human-readable GS1 data must start with an AI in parentheses such as '(01)', got '"
                    + ElementStringCodec.printable(text) + "'");
        }
        List<Gs1Element> elements = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            int groupLength = aiGroupLength(text, position);
            if (groupLength < 0) {
                // Only reachable at the start: later groups are found by nextKnownGroup.
                throw new Gs1ParseException("expected '(AI)' at position " + position + " of '" + text + "'");
            }
            String ai = text.substring(position + 1, position + groupLength - 1);
            if (AiTable.find(ai) == null) {
                throw new Gs1ParseException(ai, "unknown Application Identifier at position " + position);
            }
            int valueStart = position + groupLength;
            int next = nextKnownGroup(text, valueStart);
            elements.add(new Gs1Element(ai, text.substring(valueStart, next)));
            position = next;
        }
        return elements;
    }

    public static String format(List<Gs1Element> elements) {
        StringBuilder out = new StringBuilder();
        for (Gs1Element element : elements) {
            out.append('(').append(element.ai()).append(')').append(element.value());
        }
        return out.toString();
    }

    private static int nextKnownGroup(String text, int from) {
        for (int i = text.indexOf('(', from); i >= 0; i = text.indexOf('(', i + 1)) {
            int groupLength = aiGroupLength(text, i);
            if (groupLength > 0 && AiTable.find(text.substring(i + 1, i + groupLength - 1)) != null) {
                return i;
            }
        }
        return text.length();
    }

    /** Length of {@code "(dd)"}, {@code "(ddd)"} or {@code "(dddd)"} at {@code position}, or -1. */
    private static int aiGroupLength(String text, int position) {
        if (position >= text.length() || text.charAt(position) != '(') {
            return -1;
        }
        int close = text.indexOf(')', position + 1);
        if (close < 0) {
            return -1;
        }
        int digits = close - position - 1;
        if (digits < 2 || digits > 4 || !ElementStringCodec.isDigits(text.substring(position + 1, close))) {
            return -1;
        }
        return digits + 2;
    }
}
