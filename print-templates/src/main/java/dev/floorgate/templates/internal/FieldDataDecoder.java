package dev.floorgate.templates.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns raw {@code ^FD} text into the characters a printer would print: {@code ^FH} escapes become bytes, and
 * bytes are read in the {@code ^CI} character set (28 = UTF-8, 27 = Windows-1252, anything else is previewed as
 * ISO-8859-1, close enough for the Latin range). Literal characters are kept as they are. Malformed UTF-8
 * becomes U+FFFD, never an exception.
 */
public final class FieldDataDecoder {
    private FieldDataDecoder() {
    }

    /** The character set a printer reads field bytes in after {@code ^CI} {@code ci}. */
    public static Charset charsetFor(int ci) {
        switch (ci) {
            case 28:
                return StandardCharsets.UTF_8;
            case 29:
                return StandardCharsets.UTF_16BE;
            case 30:
                return StandardCharsets.UTF_16LE;
            case 27:
                return Charset.forName("windows-1252");
            default:
                return StandardCharsets.ISO_8859_1;
        }
    }

    /**
     * @param indicator the {@code ^FH} indicator, or 0 when the field has no {@code ^FH}
     */
    static String decode(String raw, char indicator, int ci, PreviewWarnings warnings) {
        if (indicator == 0 || raw.indexOf(indicator) < 0) {
            return raw;
        }
        Charset charset = charsetFor(ci);
        StringBuilder out = new StringBuilder(raw.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == indicator) {
                int hi = i + 1 < n ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < n ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi >= 0 && lo >= 0) {
                    pending.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
                warnings.add("^FH indicator '" + indicator + "' not followed by two hex digits; kept literally");
            }
            flush(pending, charset, out);
            out.append(c);
        }
        flush(pending, charset, out);
        return out.toString();
    }

    /**
     * The bytes of field data as received on the wire: {@code raw} holds one byte per character (ISO-8859-1),
     * and with an {@code ^FH} indicator (0 = none) each indicator plus two hex digits becomes that byte.
     */
    public static byte[] wireBytes(String raw, char indicator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            int hi = indicator != 0 && c == indicator && i + 2 < n ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static void flush(ByteArrayOutputStream pending, Charset charset, StringBuilder out) {
        if (pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
            pending.reset();
        }
    }
}
