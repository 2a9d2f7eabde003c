package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import java.util.List;

/**
 * The dictionary's association rules between AIs. {@code ex=}: AIs that must not appear together (a content
 * GTIN (02) beside a trade item GTIN (01), two net weights of one family). {@code req=}: AIs that need another,
 * e.g. a batch (10) needs the item it belongs to ((01), (02), (03), (8006) or (8026)). Patterns such as
 * {@code 310n} or {@code 35nn} match any digit at each {@code n}; an AI never excludes itself.
 *
 * <p>The GS1 rule is that associations hold over all the barcodes on one item, so a single scan may lack the
 * AI another barcode carries: parsing checks exclusions only, encoding a label (all its data at once) checks both.
 */
public final class AiAssociations {
    private AiAssociations() {
    }

    public static void check(List<Gs1Element> elements, boolean requirements) {
        for (Gs1Element element : elements) {
            AiDefinition d = AiTable.find(element.ai());
            if (d == null) {
                continue;
            }
            for (String pattern : d.excludes()) {
                for (Gs1Element other : elements) {
                    if (!other.ai().equals(element.ai()) && matches(pattern, other.ai())) {
                        throw new Gs1ParseException(element.ai(), "must not appear with AI (" + other.ai()
                                + ") (association rule ex=" + String.join(",", d.excludes()) + ")");
                    }
                }
            }
            if (!requirements) {
                continue;
            }
            for (List<List<String>> rule : d.requires()) {
                if (!met(rule, elements)) {
                    throw new Gs1ParseException(element.ai(), "needs " + describe(rule)
                            + " with it (association rule req)");
                }
            }
        }
    }

    private static boolean met(List<List<String>> alternatives, List<Gs1Element> elements) {
        for (List<String> all : alternatives) {
            boolean every = true;
            for (String pattern : all) {
                every &= present(pattern, elements);
            }
            if (every) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(String pattern, List<Gs1Element> elements) {
        for (Gs1Element e : elements) {
            if (matches(pattern, e.ai())) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String ai) {
        if (pattern.length() != ai.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char p = pattern.charAt(i);
            if (p != 'n' && p != ai.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<List<String>> alternatives) {
        StringBuilder out = new StringBuilder(alternatives.size() == 1 ? "" : "one of ");
        for (int i = 0; i < alternatives.size(); i++) {
            out.append(i == 0 ? "" : i == alternatives.size() - 1 ? " or " : ", ");
            List<String> all = alternatives.get(i);
            for (int j = 0; j < all.size(); j++) {
                out.append(j == 0 ? "" : "+").append('(').append(all.get(j)).append(')');
            }
        }
        return out.toString();
    }
}
