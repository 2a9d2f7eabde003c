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

    /** Validates every element and the exclusion rules between them (a scan: see {@link AiAssociations}). */
    public static void validateAll(List<Gs1Element> elements, int referenceYear) {
        validateAll(elements, referenceYear, false);
    }

    /**
     * Validates every element, rejects an AI that appears twice with different values, and applies the
     * association rules: exclusions always, requirements when {@code requirements} (all data of one item).
     */
    public static void validateAll(List<Gs1Element> elements, int referenceYear, boolean requirements) {
        Map<String, String> seen = new HashMap<>();
        for (Gs1Element element : elements) {
            validate(element.ai(), element.value(), referenceYear);
            String earlier = seen.put(element.ai(), element.value());
            if (earlier != null && !earlier.equals(element.value())) {
                throw new Gs1ParseException(element.ai(), "appears twice with different values '" + earlier + "' and '"
                        + element.value() + "'");
            }
        }
        AiAssociations.check(elements, requirements);
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
            if (component.charset() == AiComponent.Charset.Z) {
                checkPadding(ai, part);
            }
            for (AiComponent.Linter linter : component.linters()) {
                AiLinters.lint(ai, linter, part, referenceYear);
            }
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

    /** Base64url in CSET 64 may be padded: '=' only at the end, at most two, and then a length of 4n. */
    private static void checkPadding(String ai, String part) {
        int first = part.indexOf('=');
        if (first < 0) {
            return;
        }
        String padding = part.substring(first);
        if (!padding.equals("=") && !padding.equals("==") || part.length() % 4 != 0) {
            throw new Gs1ParseException(ai, "base64 padding '=' may only end a value whose length is a multiple of 4, in '"
                    + part + "'");
        }
    }
}
