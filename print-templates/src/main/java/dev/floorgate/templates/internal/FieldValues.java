package dev.floorgate.templates.internal;

import dev.floorgate.barcodes.CheckDigits;
import dev.floorgate.barcodes.Gs1Encoder;
import dev.floorgate.templates.FieldType;
import dev.floorgate.templates.TemplateField;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Checks a value against its field and brings it into canonical form. Every failure is an
 * IllegalArgumentException whose message starts with the field: {@code field 'gtin' (gtin): ...}.
 */
final class FieldValues {
    /** A checked value: canonical (for barcodes and GS1) and as printed in text. */
    static final class Value {
        static final Value EMPTY = new Value("", "", null);

        final String canonical;
        final String display;
        final LocalDate date;

        Value(String canonical, String display, LocalDate date) {
            this.canonical = canonical;
            this.display = display;
            this.date = date;
        }

        boolean isEmpty() {
            return canonical.isEmpty();
        }
    }

    private FieldValues() {
    }

    static Value check(TemplateField field, String raw) {
        FieldType type = field.type();
        boolean typed = type != FieldType.TEXT && type != FieldType.QR && type != FieldType.BARCODE;
        String value = typed ? raw.trim() : raw;
        int length = value.codePointCount(0, value.length());
        if (length > field.maxLength()) {
            throw bad(field, "value of " + length + " characters exceeds max length " + field.maxLength());
        }
        switch (type) {
            case INTEGER:
                return integer(field, value);
            case DATE:
                return date(field, value);
            case GTIN:
                return gtin(field, value);
            case SSCC:
                return sscc(field, value);
            case BARCODE:
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c < 0x20 || c > 0x7E) {
                        throw bad(field, "character " + describe(c) + " at position " + (i + 1)
                                + " is not printable ASCII, which barcode data must be");
                    }
                }
                return new Value(value, value, null);
            default:
                return new Value(value, value, null);
        }
    }

    private static Value integer(TemplateField field, String value) {
        if (!value.matches("[+-]?[0-9]{1,18}")) {
            throw bad(field, "'" + shorten(value) + "' is not an integer (digits with an optional sign, at most 18)");
        }
        String canonical = Long.toString(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
        return new Value(canonical, canonical, null);
    }

    private static Value date(TemplateField field, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(field, "'" + shorten(value) + "' is not a date in the form yyyy-MM-dd");
        }
        String display = field.format().map(f -> DateTimeFormatter.ofPattern(f, Locale.ROOT).format(date))
                .orElse(date.toString());
        return new Value(date.toString(), display, date);
    }

    private static Value gtin(TemplateField field, String value) {
        int n = value.length();
        if (!value.matches("[0-9]+") || (n != 8 && n != 12 && n != 13 && n != 14)) {
            throw bad(field, "'" + shorten(value) + "' is not a GTIN (8, 12, 13 or 14 digits)");
        }
        if (!CheckDigits.isValidGs1(value)) {
            throw bad(field, "GTIN " + value + " has a wrong check digit (expected "
                    + CheckDigits.gs1(value.substring(0, n - 1)) + ")");
        }
        return new Value(value, value, null);
    }

    private static Value sscc(TemplateField field, String value) {
        if (value.matches("[0-9]{17}")) {
            String full = Gs1Encoder.sscc(value);
            return new Value(full, full, null);
        }
        if (!value.matches("[0-9]{18}")) {
            throw bad(field, "'" + shorten(value) + "' is not an SSCC (18 digits, or 17 without the check digit)");
        }
        if (!CheckDigits.isValidGs1(value)) {
            throw bad(field, "SSCC " + value + " has a wrong check digit (expected "
                    + CheckDigits.gs1(value.substring(0, 17)) + ")");
        }
        return new Value(value, value, null);
    }

    static IllegalArgumentException bad(TemplateField field, String problem) {
        return new IllegalArgumentException("field '" + field.name() + "' (" + field.type().keyword() + "): "
                + problem);
    }

    static String describe(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    static String shorten(String s) {
        return Params.shorten(s);
    }
}
