package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.CheckDigits;
import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks element values against the {@link AiTable}: known AI, length, character set per component, check
 * digits, dates and times. Every error is a {@link Gs1ParseException} naming the AI and quoting the numbers,
 * e.g. {@code "AI (01): check digit 4 does not match computed 3 in 09501101530004"}.
 */
public final class AiValueValidator {

    private AiValueValidator() {
    }

    /** Validates every element, then rejects an AI that appears twice with different values. */
    public static void validateAll(List<Gs1Element> elements, int referenceYear) {
        Map<String, String> seen = new HashMap<>();
        for (Gs1Element element : elements) {
            validate(element.ai(), element.value(), referenceYear);
            String earlier = seen.put(element.ai(), element.value());
            if (earlier != null && !earlier.equals(element.value())) {
                throw new Gs1ParseException(element.ai(), "appears twice with different values '" + earlier + "' and '"
                        + element.value() + "'");
            }
        }
    }

    /** Validates one value; returns its definition. */
    public static AiDefinition validate(String ai, String value, int referenceYear) {
        AiDefinition definition = AiTable.find(ai);
        if (definition == null) {
            throw new Gs1ParseException(ai, "unknown Application Identifier");
        }
        int length = value.length();
        if (length == 0) {
            throw new Gs1ParseException(ai, "empty value");
        }
        if (length > definition.maxLength()) {
            throw new Gs1ParseException(ai, "value of " + length + " characters exceeds maximum " + definition.maxLength()
                    + " in '" + value + "'");
        }
        if (length < definition.minLength()) {
            String expected = definition.minLength() == definition.maxLength()
                    ? "expected exactly " + definition.minLength()
                    : "below minimum " + definition.minLength();
            throw new Gs1ParseException(ai, "value of " + length + " characters, " + expected + ", in '" + value + "'");
        }
        int position = 0;
        for (AiComponent component : definition.components()) {
            int remaining = length - position;
            if (remaining == 0 && component.isOptional()) {
                break;
            }
            int take = Math.min(remaining, component.maxLength());
            if (take < component.minLength()) {
                throw new Gs1ParseException(ai, "part " + component + " needs " + component.minLength()
                        + " characters but only " + take + " are left in '" + value + "'");
            }
            String part = value.substring(position, position + take);
            checkCharacters(ai, component.charset(), part, position, value);
            lint(ai, component.linter(), part, referenceYear);
            position += take;
        }
        return definition;
    }

    private static void checkCharacters(String ai, AiComponent.Charset charset, String part, int offset, String value) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!Gs1Charsets.allows(charset, c)) {
                throw new Gs1ParseException(ai, "character " + Gs1Charsets.describe(c) + " at position " + (offset + i + 1)
                        + " is not " + Gs1Charsets.name(charset) + " in '" + value + "'");
            }
        }
    }

    private static void lint(String ai, AiComponent.Linter linter, String part, int referenceYear) {
        switch (linter) {
            case NONE:
                return;
            case CSUM: {
                int computed = CheckDigits.gs1(part.substring(0, part.length() - 1));
                char given = part.charAt(part.length() - 1);
                if (given - '0' != computed) {
                    throw new Gs1ParseException(ai, "check digit " + given + " does not match computed " + computed + " in " + part);
                }
                return;
            }
            case YYMMD0:
                Gs1Dates.toDate(ai, part, referenceYear, true);
                return;
            case YYMMDD:
                Gs1Dates.toDate(ai, part, referenceYear, false);
                return;
            case YYMMDDHH:
                Gs1Dates.toDate(ai, part, referenceYear, false);
                checkRange(ai, "hour", part, 6, 23);
                return;
            case HHMM:
                checkRange(ai, "hour", part, 0, 23);
                checkRange(ai, "minute", part, 2, 59);
                return;
            case MMOPTSS:
                if (part.length() != 2 && part.length() != 4) {
                    throw new Gs1ParseException(ai, "minutes[seconds] part must have 2 or 4 digits, got '" + part + "'");
                }
                checkRange(ai, "minute", part, 0, 59);
                if (part.length() == 4) {
                    checkRange(ai, "second", part, 2, 59);
                }
                return;
            case YESNO:
                if (!part.equals("0") && !part.equals("1")) {
                    throw new Gs1ParseException(ai, "flag must be 0 or 1, got '" + part + "'");
                }
                return;
            case HYPHEN:
                if (!part.equals("-")) {
                    throw new Gs1ParseException(ai, "sign must be '-', got '" + part + "'");
                }
                return;
            case ZERO:
                if (!part.equals("0")) {
                    throw new Gs1ParseException(ai, "leading digit must be 0, got '" + part + "'");
                }
                return;
            case PIECE_OF_TOTAL: {
                int piece = Gs1Dates.twoDigits(part, 0);
                int total = Gs1Dates.twoDigits(part, 2);
                if (piece < 1 || piece > total) {
                    throw new Gs1ParseException(ai, "piece " + piece + " of total " + total + " out of range in " + part);
                }
                return;
            }
            default:
                throw new IllegalStateException("linter " + linter + " of AI (" + ai + ") has no check");
        }
    }

    private static void checkRange(String ai, String what, String part, int offset, int max) {
        int number = Gs1Dates.twoDigits(part, offset);
        if (number > max) {
            throw new Gs1ParseException(ai, what + " " + part.substring(offset, offset + 2) + " out of range in " + part);
        }
    }
}
