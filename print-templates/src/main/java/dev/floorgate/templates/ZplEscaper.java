package dev.floorgate.templates;

import dev.floorgate.templates.internal.FieldEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns untrusted data into ZPL field data that can only ever print as data (DESIGN.md guarantee 7).
 *
 * <p>Policy: the data is encoded as UTF-8 (the templates select {@code ^CI28}) and every byte that is not an
 * ASCII letter, digit or space is written as the {@code ^FH} escape {@code _XX} (two upper-case hex digits).
 * This is a white list on purpose: it is short enough to audit at a glance, and it escapes the command
 * prefixes {@code ^} and {@code ~}, the escape indicator {@code _} itself, every control character (including
 * the STX/ETX/SI aliases of {@code ^XA}/{@code ^XZ}/{@code ^FS}, CR and LF), every byte of a multi-byte UTF-8
 * character, and the characters barcode commands give a meaning to ({@code >} in Code 128, {@code ,} in
 * {@code ^BQ}). The field must be preceded by {@code ^FH} (with the same indicator) for the printer to decode it;
 * {@link LabelTemplate} takes care of that.
 */
public final class ZplEscaper {
    /** The default {@code ^FH} indicator. */
    public static final char DEFAULT_INDICATOR = '_';

    private ZplEscaper() {
    }

    /** The {@code ^FH}-escaped form of {@code data} for the default indicator {@code _}. */
    public static String fieldData(String data) {
        return fieldData(data, DEFAULT_INDICATOR);
    }

    /**
     * The {@code ^FH}-escaped form of {@code data} for the given indicator, which must be neither a letter, a
     * digit, a space nor a command prefix.
     */
    public static String fieldData(String data, char indicator) {
        if (data == null) {
            throw new IllegalArgumentException("field data is null");
        }
        checkIndicator(indicator);
        StringBuilder out = new StringBuilder(data.length() + 16);
        FieldEncoder.appendEscaped(out, data, indicator);
        return out.toString();
    }

    /** True for the characters written as themselves: ASCII letters, digits and space. */
    public static boolean isLiteral(char c) {
        return FieldEncoder.isLiteral(c);
    }

    /**
     * Reverses {@link #fieldData(String, char)}: decodes every {@code indicator}+two-hex-digit escape to its byte
     * and reads the bytes as UTF-8. An indicator not followed by two hex digits is kept literally.
     */
    public static String unescape(String fieldData, char indicator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(fieldData.length());
        int i = 0;
        while (i < fieldData.length()) {
            char c = fieldData.charAt(i);
            if (c == indicator && i + 2 < fieldData.length() && hex(fieldData.charAt(i + 1)) >= 0
                    && hex(fieldData.charAt(i + 2)) >= 0) {
                bytes.write(hex(fieldData.charAt(i + 1)) * 16 + hex(fieldData.charAt(i + 2)));
                i += 3;
            } else {
                int cp = fieldData.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Throws IllegalArgumentException if {@code indicator} cannot serve as a {@code ^FH} indicator. */
    public static void checkIndicator(char indicator) {
        if (isLiteral(indicator) || indicator == '^' || indicator == '~' || indicator < 0x21 || indicator > 0x7E) {
            throw new IllegalArgumentException("^FH indicator '" + indicator
                    + "' must be printable ASCII and neither a letter, a digit, a space, ^ nor ~");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
