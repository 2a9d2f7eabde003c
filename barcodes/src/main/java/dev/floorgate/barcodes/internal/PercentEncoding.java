package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1ParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding with UTF-8, as GS1 Digital Link uses it. Unlike form encoding, {@code +} is a
 * plain plus sign. (Written here because {@code URLDecoder} does form decoding and its Charset overload is
 * not on Android API 26.)
 */
final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int percent = text.indexOf('%', i);
            int runEnd = percent < 0 ? text.length() : percent;
            // Copy the literal run as a whole so that surrogate pairs stay together.
            byte[] literal = text.substring(i, runEnd).getBytes(StandardCharsets.UTF_8);
            bytes.write(literal, 0, literal.length);
            if (percent < 0) {
                break;
            }
            int high = percent + 1 < text.length() ? Character.digit(text.charAt(percent + 1), 16) : -1;
            int low = percent + 2 < text.length() ? Character.digit(text.charAt(percent + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new Gs1ParseException("bad percent-encoding at position " + percent + " of '" + text + "'");
            }
            bytes.write(high * 16 + low);
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Gs1ParseException("percent-encoded bytes of '" + text + "' are not UTF-8", e);
        }
    }

    /** Encodes everything except the RFC 3986 unreserved characters {@code A-Z a-z 0-9 - . _ ~}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
