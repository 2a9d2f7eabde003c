package dev.floorgate.devices.internal;

/**
 * One line from a scale as {@link ScaleLineDecoder} cut it: a complete line (terminator removed), or what is left
 * of a line that was too long or never ended (its first bytes and its length). The parsers turn the last two into
 * GARBAGE; they never hold a weight.
 */
final class ScaleLine {

    enum Kind { LINE, TOO_LONG, INCOMPLETE }

    static final int HEX_LIMIT = 32;

    final Kind kind;
    /** LINE: every byte; TOO_LONG / INCOMPLETE: the first bytes, at most HEX_LIMIT. */
    final byte[] bytes;
    /** The line's length in bytes (for TOO_LONG, all that was discarded). */
    final long length;

    private ScaleLine(Kind kind, byte[] bytes, long length) {
        this.kind = kind;
        this.bytes = bytes;
        this.length = length;
    }

    static ScaleLine line(byte[] bytes) {
        return new ScaleLine(Kind.LINE, bytes, bytes.length);
    }

    static ScaleLine tooLong(byte[] head, long length) {
        return new ScaleLine(Kind.TOO_LONG, head, length);
    }

    static ScaleLine incomplete(byte[] head, long length) {
        return new ScaleLine(Kind.INCOMPLETE, head, length);
    }

    /**
     * Why this line is garbage before any protocol looks at it (not a complete line, or a byte outside printable
     * ASCII), naming the scale, the numbers and the bytes (hex, bounded); null when it is a clean line.
     */
    String garbage(String scale, int maxFrameLength) {
        switch (kind) {
            case TOO_LONG:
                return "scale '" + scale + "' sent a line of " + length + " bytes, over maxFrame " + maxFrameLength
                        + "; discarded: " + Hex.dump(bytes, HEX_LIMIT) + " ...";
            case INCOMPLETE:
                return "scale '" + scale + "' sent " + length + " bytes without CR LF; dropped: " + Hex.dump(bytes, HEX_LIMIT);
            default:
                for (int i = 0; i < bytes.length; i++) {
                    int b = bytes[i] & 0xff;
                    if (b < 0x20 || b > 0x7e) {
                        return "scale '" + scale + "' sent a line of " + bytes.length + " bytes with byte 0x"
                                + Hex.dump(bytes, i, 1, 1) + " at offset " + i + " (not printable ASCII): "
                                + Hex.dump(bytes, HEX_LIMIT);
                    }
                }
                return null;
        }
    }

    /** The line as ASCII text (call only on a clean line). */
    String text() {
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
