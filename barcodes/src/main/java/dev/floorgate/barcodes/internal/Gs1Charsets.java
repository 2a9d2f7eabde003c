package dev.floorgate.barcodes.internal;

/**
 * The GS1 character sets. CSET 82 (type X) is the printable ASCII subset {@code ! " % & ' ( ) * + , - . /},
 * digits, {@code : ; < = > ?}, upper case, {@code _} and lower case; it excludes space, {@code # $ @ [ \ ] ^ `}
 * and {@code { | } ~}, which is also why GS1 data can never carry a ZPL command prefix ({@code ^} or {@code ~}).
 * CSET 39 (type Y) is {@code # - /}, digits and upper case. CSET 64 (type Z) is base64url with {@code =} padding.
 */
final class Gs1Charsets {

    private Gs1Charsets() {
    }

    static boolean allows(AiComponent.Charset charset, char c) {
        switch (charset) {
            case N:
                return c >= '0' && c <= '9';
            case X:
                return isCset82(c);
            case Y:
                return c == '#' || c == '-' || c == '/' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
            case Z:
                return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                        || c == '=';
            default:
                throw new IllegalStateException("charset " + charset);
        }
    }

    static boolean isCset82(char c) {
        return c == '!' || c == '"' || (c >= '%' && c <= '?') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z');
    }

    static String name(AiComponent.Charset charset) {
        switch (charset) {
            case N:
                return "a digit";
            case X:
                return "in GS1 CSET 82";
            case Y:
                return "in GS1 CSET 39";
            default:
                return "in GS1 CSET 64";
        }
    }

    /** {@code 'A'}, or {@code 0x1D} for control and non-ASCII characters. */
    static String describe(char c) {
        if (c < 0x20 || c > 0x7E) {
            return String.format(java.util.Locale.ROOT, "0x%02X", (int) c);
        }
        return "'" + c + "' (0x" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ")";
    }
}
