package dev.floorgate.templates.internal;

import dev.floorgate.templates.TemplateField;

/**
 * Writes values into {@code ^FD} data. Everything a value contributes goes through {@link #appendEscaped} (the
 * {@code ^FH} white list of {@link dev.floorgate.templates.ZplEscaper}); the only characters written raw are the
 * Code 128 invocation codes this class emits itself, {@code >0} for a literal {@code >} and {@code >=} for a
 * literal {@code ~}. Those are correct whether the printer applies {@code ^FH} before or after reading invocation
 * codes, and contain neither a command prefix nor the indicator.
 */
public final class FieldEncoder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final String CODE39_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

    private FieldEncoder() {
    }

    /** Appends {@code data} hex-escaped: ASCII letters, digits and space literal, every other UTF-8 byte escaped. */
    public static void appendEscaped(StringBuilder out, CharSequence data, char indicator) {
        int n = data.length();
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            if (isLiteral(c)) {
                out.append(c);
            } else if (c < 0x80) {
                appendByte(out, c, indicator);
            } else if (c < 0x800) {
                appendByte(out, 0xC0 | (c >> 6), indicator);
                appendByte(out, 0x80 | (c & 0x3F), indicator);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(data.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, data.charAt(++i));
                appendByte(out, 0xF0 | (cp >> 18), indicator);
                appendByte(out, 0x80 | ((cp >> 12) & 0x3F), indicator);
                appendByte(out, 0x80 | ((cp >> 6) & 0x3F), indicator);
                appendByte(out, 0x80 | (cp & 0x3F), indicator);
            } else {
                // A lone surrogate has no UTF-8 form; U+FFFD stands in for it, as Java's encoder does with '?'.
                int cp = Character.isSurrogate(c) ? 0xFFFD : c;
                appendByte(out, 0xE0 | (cp >> 12), indicator);
                appendByte(out, 0x80 | ((cp >> 6) & 0x3F), indicator);
                appendByte(out, 0x80 | (cp & 0x3F), indicator);
            }
        }
    }

    public static boolean isLiteral(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ';
    }

    private static void appendByte(StringBuilder out, int b, char indicator) {
        out.append(indicator).append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /**
     * Appends a field's value for the field's context. IllegalArgumentException naming the field when the value
     * cannot be carried by that symbology.
     */
    static void append(StringBuilder out, TemplateField field, FieldValues.Value value, FieldContext context,
            char indicator, char dataMatrixEscape) {
        String v = value.display;
        switch (context) {
            case CODE128:
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c < 0x20 || c > 0x7E) {
                        throw FieldValues.bad(field, "character " + FieldValues.describe(c) + " at position "
                                + (i + 1) + " cannot be encoded in a Code 128 barcode");
                    }
                    if (c == '>') {
                        out.append(">0");
                    } else if (c == '~') {
                        out.append(">=");
                    } else if (isLiteral(c)) {
                        out.append(c);
                    } else {
                        appendByte(out, c, indicator);
                    }
                }
                return;
            case CODE39:
                for (int i = 0; i < v.length(); i++) {
                    if (CODE39_CHARS.indexOf(v.charAt(i)) < 0) {
                        throw FieldValues.bad(field, "character " + FieldValues.describe(v.charAt(i))
                                + " at position " + (i + 1) + " is not in Code 39 (" + CODE39_CHARS + ")");
                    }
                }
                appendEscaped(out, v, indicator);
                return;
            case EAN13:
                out.append(ean13Digits(field, value.canonical));
                return;
            case DATA_MATRIX:
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    // The ^BX escape character introduces FNC1 and friends; doubled it stands for itself.
                    appendEscaped(out, c == dataMatrixEscape ? new String(new char[] {c, c}) : String.valueOf(c),
                            indicator);
                }
                return;
            default:
                appendEscaped(out, v, indicator);
        }
    }

    /** The 12 data digits {@code ^BE} takes (it adds the check digit itself). */
    private static String ean13Digits(TemplateField field, String v) {
        String thirteen;
        if (v.matches("[0-9]{14}") && v.charAt(0) == '0') {
            thirteen = v.substring(1);
        } else if (v.matches("[0-9]{13}")) {
            thirteen = v;
        } else if (v.matches("[0-9]{12}")) {
            thirteen = "0" + v;
        } else {
            throw FieldValues.bad(field, "'" + FieldValues.shorten(v) + "' cannot be drawn as EAN-13 (needs a GTIN-12,"
                    + " GTIN-13 or a GTIN-14 starting with 0)");
        }
        if (Code128Content.gs1CheckDigit(thirteen.substring(0, 12)) != thirteen.charAt(12)) {
            throw FieldValues.bad(field, v + " has a wrong check digit for EAN-13");
        }
        return thirteen.substring(0, 12);
    }

    /**
     * Appends GS1-128 field data made by the barcodes module: invocation codes ({@code >} and the character
     * after it) raw, everything else escaped.
     */
    static void appendGs1128(StringBuilder out, String zplFieldData, char indicator) {
        for (int i = 0; i < zplFieldData.length(); i++) {
            char c = zplFieldData.charAt(i);
            if (c == '>' && i + 1 < zplFieldData.length()) {
                char code = zplFieldData.charAt(++i);
                if (!isLiteral(code) && code != ';' && code != ':' && code != '=') {
                    throw new IllegalStateException("unexpected Code 128 invocation '>" + code + "' from Gs1Encoder");
                }
                out.append('>').append(code);
            } else {
                appendEscaped(out, String.valueOf(c), indicator);
            }
        }
    }
}
