package dev.floorgate.templates.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns raw {@code ^FD} text into the characters a printer would print. The text is read as the printer's bytes:
 * characters U+0000-U+00FF are bytes (raw ZPL should be passed as ISO-8859-1), {@code ^FH} escapes become
 * bytes, and the bytes are read with the {@code ^CI} tables of {@link CodePages} (0-12 national sets over code
 * page 850, 13 code page 850, 27 Windows-1252, 28 UTF-8, ...). Characters above U+00FF cannot be printer bytes
 * and are kept as they are. Under UTF-8, text without escapes that is not valid UTF-8 was given as characters,
 * not bytes, and is kept as it is; malformed escaped bytes become U+FFFD, never an exception.
 */
public final class FieldDataDecoder {
    private FieldDataDecoder() {
    }

    /** The character set a printer reads field bytes in after {@code ^CI} {@code ci} (code page 850 for 0-13). */
    public static Charset charsetFor(int ci) {
        return CodePages.charsetFor(ci);
    }

    /** Field bytes as printed after {@code ^CI ci}, national replacements of {@code ^CI0}-{@code ^CI12} included. */
    public static String printed(byte[] bytes, int ci) {
        return CodePages.decode(bytes, ci, null);
    }

    static String decode(String raw, char indicator, int ci, PreviewWarnings warnings) {
        return decode(raw, indicator, ci, null, warnings);
    }

    /**
     * @param indicator the {@code ^FH} indicator, or 0 when the field has no {@code ^FH}
     * @param remap     256 bytes from the {@code ^CI} remap pairs, or null
     */
    static String decode(String raw, char indicator, int ci, byte[] remap, PreviewWarnings warnings) {
        if ((indicator == 0 || raw.indexOf(indicator) < 0) && remap == null && plainAscii(raw, ci)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        boolean escaped = false;
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (indicator != 0 && c == indicator) {
                int hi = i + 1 < n ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < n ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi >= 0 && lo >= 0) {
                    pending.write(hi * 16 + lo);
                    escaped = true;
                    i += 2;
                    continue;
                }
                warnings.add("^FH indicator '" + indicator + "' not followed by two hex digits; kept literally");
            }
            if (c <= 0xff) {
                pending.write(c);
                continue;
            }
            flush(pending, ci, remap, escaped, out);
            out.append(c);
        }
        flush(pending, ci, remap, escaped, out);
        return out.toString();
    }

    /** Printable ASCII that every single-byte or UTF-8 ^CI reads as itself (no national replacement). */
    private static boolean plainAscii(String raw, int ci) {
        if (ci == 14 || ci == 17 || ci == 29 || ci == 30) {
            return raw.isEmpty();
        }
        boolean national = ci >= 2 && ci <= 12 && ci != 11;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 0x80 || (national && "#$@[\\]^`{|}~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
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

    private static void flush(ByteArrayOutputStream pending, int ci, byte[] remap, boolean escaped,
            StringBuilder out) {
        if (pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        if (!escaped && remap == null && CodePages.malformed(bytes, ci)) {
            out.append(new String(bytes, StandardCharsets.ISO_8859_1));
        } else {
            out.append(CodePages.decode(bytes, ci, remap));
        }
    }
}
