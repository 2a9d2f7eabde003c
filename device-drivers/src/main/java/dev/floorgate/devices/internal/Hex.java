package dev.floorgate.devices.internal;

/** Bounded hex dumps for events and logs: a megabyte of garbage must not become a megabyte of message. */
public final class Hex {

    private Hex() {
    }

    /** Up to {@code limit} bytes as {@code "00 ff 13"}, then {@code "... (N bytes)"} when there are more. */
    public static String dump(byte[] bytes, int offset, int length, int limit) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(length, limit);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int b = bytes[offset + i] & 0xff;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        if (length > shown) {
            sb.append(" ... (").append(length).append(" bytes)");
        }
        return sb.toString();
    }

    public static String dump(byte[] bytes, int limit) {
        return dump(bytes, 0, bytes.length, limit);
    }

    /** Text with control characters named, for replies in messages: {@code <STX>030,0,...<ETX><CR><LF>}. */
    public static String printable(byte[] bytes, int limit) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, limit);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case 0x02: sb.append("<STX>"); break;
                case 0x03: sb.append("<ETX>"); break;
                case 0x0d: sb.append("<CR>"); break;
                case 0x0a: sb.append("<LF>"); break;
                case 0x1d: sb.append("<GS>"); break;
                default:
                    if (b < 0x20 || b == 0x7f) {
                        sb.append("<").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16)).append(">");
                    } else {
                        sb.append((char) b);
                    }
            }
        }
        if (bytes.length > shown) {
            sb.append("... (").append(bytes.length).append(" bytes)");
        }
        return sb.toString();
    }
}
