package dev.floorgate.templates.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The byte-to-character tables of {@code ^CI} (ZPL II guide, "^CI Change International Font/Encoding"):
 *
 * <ul>
 *   <li>0-12: the international character sets. Bytes 0x20-0x7F are ASCII except twelve positions (0x23 0x24
 *       0x40 0x5B-0x5E 0x60 0x7B-0x7E) that each country replaces ({@link #NATIONAL}); bytes 0x80-0xFF are Zebra
 *       code page 850, which is IBM code page 850;</li>
 *   <li>13: code page 850 with no national replacements;</li>
 *   <li>14 and 17: 16-bit Unicode (big-endian); 15: Shift-JIS; 16: EUC-JP; 24: single-byte Asian (read as
 *       ISO-8859-1); 26: multibyte Asian with ASCII transparency (read as UTF-8, its ASCII range is ASCII);</li>
 *   <li>27: Zebra code page 1252; 28: UTF-8; 29: UTF-16 big-endian; 30: UTF-16 little-endian; 31: code page
 *       1255 (Hebrew); 33-36: code pages 1250, 1251, 1253, 1254.</li>
 * </ul>
 *
 * The tables for code pages come from the JDK's charsets (IBM850, windows-125x), which carry the same
 * mappings as the printer's. A {@code ^CI} remap ({@code ^CIa,s1,d1,s2,d2,...}) is applied to the bytes first.
 */
final class CodePages {
    /** The bytes each international set replaces. */
    static final byte[] POSITIONS = {0x23, 0x24, 0x40, 0x5B, 0x5C, 0x5D, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7E};
    /** Characters at {@link #POSITIONS} for ^CI0 .. ^CI12, in the order of the ZPL guide's table. */
    static final String[] NATIONAL = {
        "#$@[\\]^`{|}~", // 0 USA 1
        "#$@[\\]^`{|}~", // 1 USA 2
        "\u00a3$@[\\]^`{|}~", // 2 UK
        "\u00a3$\u00be\u00ff\u00bd|^`\u00a8\u0192\u00bc\u00b4", // 3 Holland
        "#$@\u00c6\u00d8\u00c5^`\u00e6\u00f8\u00e5~", // 4 Denmark/Norway
        "#\u00a4\u00c9\u00c4\u00d6\u00c5\u00dc\u00e9\u00e4\u00f6\u00e5\u00fc", // 5 Sweden/Finland
        "#$\u00a7\u00c4\u00d6\u00dc^`\u00e4\u00f6\u00fc\u00df", // 6 Germany
        "\u00a3$\u00e0\u00b0\u00e7\u00a7^`\u00e9\u00f9\u00e8\u00a8", // 7 France 1
        "#$\u00e0\u00e2\u00e7\u00ea\u00ee\u00f4\u00e9\u00f9\u00e8\u00fb", // 8 France 2
        "\u00a3$\u00a7\u00b0\u00e7\u00e9^\u00f9\u00e0\u00f2\u00e8\u00ec", // 9 Italy
        "\u20a7$\u00a7\u00a1\u00d1\u00bf^`\u00b0\u00f1\u00e7~", // 10 Spain
        "#$@[\\]^`{|}~", // 11 Miscellaneous
        "#$@[\u00a5]^`{|}~", // 12 Japan (ASCII with yen)
    };
    private static final Charset CP850 = Charset.forName("IBM850");

    private CodePages() {
    }

    /** The charset of a code-page {@code ^CI} value (13 and up); 0-12 use {@link #decode} with their table. */
    static Charset charsetFor(int ci) {
        switch (ci) {
            case 14:
            case 17:
            case 29:
                return StandardCharsets.UTF_16BE;
            case 15:
                return Charset.forName("Shift_JIS");
            case 16:
                return Charset.forName("EUC-JP");
            case 26:
            case 28:
                return StandardCharsets.UTF_8;
            case 30:
                return StandardCharsets.UTF_16LE;
            case 27:
                return Charset.forName("windows-1252");
            case 31:
                return Charset.forName("windows-1255");
            case 33:
                return Charset.forName("windows-1250");
            case 34:
                return Charset.forName("windows-1251");
            case 35:
                return Charset.forName("windows-1253");
            case 36:
                return Charset.forName("windows-1254");
            case 24:
                return StandardCharsets.ISO_8859_1;
            default:
                return CP850;
        }
    }

    /** Field bytes as the printer reads them after {@code ^CI ci}, each byte first remapped by {@code remap}. */
    static String decode(byte[] bytes, int ci, byte[] remap) {
        byte[] b = bytes;
        if (remap != null) {
            b = bytes.clone();
            for (int i = 0; i < b.length; i++) {
                b[i] = remap[b[i] & 0xff];
            }
        }
        if (ci > 12) {
            return strict(b, charsetFor(ci));
        }
        String national = NATIONAL[Math.max(0, ci)];
        String cp850 = new String(b, CP850);
        StringBuilder out = new StringBuilder(cp850.length());
        for (int i = 0; i < b.length; i++) {
            int at = indexOf(b[i]);
            out.append(at >= 0 ? national.charAt(at) : cp850.charAt(i));
        }
        return out.toString();
    }

    /** Malformed input (UTF-8, UTF-16) becomes U+FFFD, never an exception. */
    private static String strict(byte[] b, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, charset);
        }
    }

    /** True if {@code bytes} are not valid in {@code ci}'s encoding (only multi-byte encodings can fail). */
    static boolean malformed(byte[] bytes, int ci) {
        if (ci <= 13 || charsetFor(ci) == StandardCharsets.ISO_8859_1) {
            return false;
        }
        try {
            charsetFor(ci).newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    private static int indexOf(byte b) {
        for (int i = 0; i < POSITIONS.length; i++) {
            if (POSITIONS[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
