package dev.floorgate.templates.internal;

import java.awt.Graphics2D;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the image data of {@code ^GFa,b,c,d,data}: {@code a} = A (ASCII hex, with the ZPL run-length
 * compression), B (binary) or C (compressed binary, not previewed); {@code c} = total bytes; {@code d} = bytes
 * per row. ASCII data may instead be {@code :Z64:} (base64 of zlib data) or {@code :B64:} (base64), followed by
 * {@code :} and four hex digits of CRC-16/XMODEM (polynomial 0x1021, start 0) over the base64 characters (ZPL II
 * Programming Guide, "ZB64 Encoding and Compression"): the printer treats a mismatch as an aborted download and
 * prints no graphic, so the preview draws none either and says why. The ASCII
 * compression: G-Y repeat the next hex digit 1-19 times, g-z 20-400 times (counts add up); {@code ,} fills the
 * rest of the row with 0s, {@code !} with 1s; {@code :} repeats the previous row. A set bit is a black dot.
 * Output is bounded by {@code maxBytes}; the decoder never reads past its input.
 */
final class GraphicFieldDecoder {
    /** A decoded image: {@code rows} rows of {@code bytesPerRow} bytes, most significant bit leftmost. */
    static final class Bitmap {
        final byte[] data;
        final int bytesPerRow;
        final int rows;

        Bitmap(byte[] data, int bytesPerRow, int rows) {
            this.data = data;
            this.bytesPerRow = bytesPerRow;
            this.rows = rows;
        }

        boolean black(int x, int y) {
            return (data[y * bytesPerRow + (x >> 3)] & (0x80 >> (x & 7))) != 0;
        }

        /** Fills the black runs with the top-left corner at (x, top); rows below {@code limit} are skipped. */
        void draw(Graphics2D g, int x, int top, int limit) {
            draw(g, x, top, limit, 1, 1);
        }

        /** As {@link #draw(Graphics2D, int, int, int)}, each dot magnified mx by my ({@code ^XG}). */
        void draw(Graphics2D g, int x, int top, int limit, int mx, int my) {
            int width = bytesPerRow * 8;
            int lastRow = Math.min(rows, (limit - top + my - 1) / my);
            for (int r = Math.max(0, -top / my); r < lastRow; r++) {
                int c = 0;
                while (c < width) {
                    if (!black(c, r)) {
                        c++;
                        continue;
                    }
                    int start = c;
                    while (c < width && black(c, r)) {
                        c++;
                    }
                    g.fillRect(x + start * mx, top + r * my, (c - start) * mx, my);
                }
            }
        }
    }

    private GraphicFieldDecoder() {
    }

    static Bitmap decode(String params, int maxBytes, PreviewWarnings warnings) {
        String[] p = params.split(",", 5);
        if (p.length < 5) {
            warnings.add("^GF: expects a,b,c,d,data; graphic skipped");
            return null;
        }
        char type = p[0].trim().isEmpty() ? 'A' : Character.toUpperCase(p[0].trim().charAt(0));
        Params numbers = Params.of("^GF", params, warnings);
        int total = numbers.integer(2, 0, 0, Integer.MAX_VALUE);
        int perRow = numbers.integer(3, 0, 0, Integer.MAX_VALUE);
        if (total <= 0 || perRow <= 0) {
            warnings.add("^GF: total bytes " + total + " and bytes per row " + perRow + " must be positive");
            return null;
        }
        if (total > maxBytes) {
            warnings.add("^GF: " + total + " bytes exceed the preview's limit of " + maxBytes + "; clipped");
            total = maxBytes - maxBytes % perRow;
            if (total <= 0) {
                return null;
            }
        }
        int rows = total / perRow;
        byte[] out = new byte[rows * perRow];
        String data = p[4].replace("\r", "").replace("\n", "");
        switch (type) {
            case 'A':
                if (data.startsWith(":Z64:") || data.startsWith(":B64:")) {
                    if (!base64(data, out, warnings)) {
                        return null;
                    }
                } else {
                    asciiHex(data, out, perRow);
                }
                break;
            case 'B':
                byte[] raw = data.getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(raw, 0, out, 0, Math.min(raw.length, out.length));
                break;
            default:
                warnings.add("^GF: compression type '" + type + "' not previewed");
                return null;
        }
        return new Bitmap(out, perRow, rows);
    }

    /** Decodes {@code :Z64:} / {@code :B64:} data into {@code out}; false when the printer would drop it. */
    private static boolean base64(String data, byte[] out, PreviewWarnings warnings) {
        boolean zlib = data.startsWith(":Z64:");
        String kind = data.substring(0, 5);
        int end = data.indexOf(':', 5);
        String text = data.substring(5, end < 0 ? data.length() : end);
        if (end >= 0 && !crcMatches(kind, text, data.substring(end + 1).trim(), warnings)) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            warnings.add("^GF: bad base64 data (" + e.getMessage() + ")");
            return true;
        }
        if (!zlib) {
            System.arraycopy(decoded, 0, out, 0, Math.min(decoded.length, out.length));
            return true;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(decoded);
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
        } catch (DataFormatException e) {
            warnings.add("^GF: bad Z64 data (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        return true;
    }

    /**
     * The CRC after the data, when there is one (data without it is drawn: older generators leave it out). Only
     * the first four characters count; anything that is not four hex digits is a broken download to the printer.
     */
    private static boolean crcMatches(String kind, String text, String given, PreviewWarnings warnings) {
        if (given.isEmpty()) {
            return true;
        }
        String digits = given.length() > 4 ? given.substring(0, 4) : given;
        int expected;
        try {
            expected = digits.length() == 4 ? Integer.parseInt(digits, 16) : -1;
        } catch (NumberFormatException e) {
            expected = -1;
        }
        int actual = crc16Xmodem(text);
        if (expected == actual) {
            return true;
        }
        warnings.add(String.format("^GF: %s CRC %s does not match the data's %04X; the printer drops this graphic, "
                + "so it is not drawn", kind, expected < 0 ? "'" + digits + "' (not four hex digits)" : digits,
                actual));
        return false;
    }

    /** CRC-16/XMODEM over the characters as ASCII bytes (line breaks already removed, as the printer ignores them). */
    static int crc16Xmodem(String text) {
        int crc = 0;
        for (int i = 0; i < text.length(); i++) {
            crc ^= (text.charAt(i) & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    private static void asciiHex(String data, byte[] out, int perRow) {
        int rowNibbles = perRow * 2;
        byte[] row = new byte[rowNibbles];
        byte[] previous = new byte[rowNibbles];
        int filled = 0;
        int rowIndex = 0;
        int rows = out.length / perRow;
        int count = 0;
        for (int i = 0; i < data.length() && rowIndex < rows; i++) {
            char c = data.charAt(i);
            int nibble = Character.digit(c, 16);
            if (nibble >= 0 && c < 0x80) {
                int times = Math.max(1, count);
                count = 0;
                for (int k = 0; k < times && filled < rowNibbles; k++) {
                    row[filled++] = (byte) nibble;
                }
            } else if (c >= 'G' && c <= 'Y') {
                count += c - 'G' + 1;
            } else if (c >= 'g' && c <= 'z') {
                count += (c - 'g' + 1) * 20;
            } else if (c == ',' || c == '!') {
                while (filled < rowNibbles) {
                    row[filled++] = (byte) (c == ',' ? 0 : 0xF);
                }
            } else if (c == ':') {
                System.arraycopy(previous, 0, row, 0, rowNibbles);
                filled = rowNibbles;
            }
            if (filled == rowNibbles) {
                for (int b = 0; b < perRow; b++) {
                    out[rowIndex * perRow + b] = (byte) ((row[2 * b] << 4) | row[2 * b + 1]);
                }
                byte[] t = previous;
                previous = row;
                row = t;
                filled = 0;
                rowIndex++;
            }
        }
    }
}
